package dev.k8sautopilot.validation;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapterFactory;
import io.gsonfire.GsonFireBuilder;
import io.kubernetes.client.gson.V1MetadataExclusionStrategy;
import io.kubernetes.client.gson.V1StatusPreProcessor;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Status;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The Kubernetes client's Gson configuration ({@code io.kubernetes.client.openapi.JSON}), built per root model
 * class with only the type adapter factories of the models that class can reach. {@code JSON} registers the
 * factories of all ~700 models in its static initializer, which loads ~1,400 classes (about 0.4 s of a cold
 * command line run) to check a Deployment and a Service. The adapters, exclusion strategy and pre-processor
 * are the same as {@code JSON}'s, and models only match their own factory, so reads behave exactly like
 * {@code JSON.getGson()}. Thread-safe; one Gson per model class, built on first use.
 */
final class ModelGson {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final ConcurrentMap<Class<?>, Gson> BY_MODEL = new ConcurrentHashMap<>();

    private ModelGson() {
    }

    /** A Gson that reads {@code model} (and everything it holds) as the client's {@code JSON.getGson()} does. */
    static Gson forModel(Class<?> model) {
        return BY_MODEL.computeIfAbsent(model, ModelGson::build);
    }

    private static Gson build(Class<?> root) {
        GsonBuilder b = new GsonFireBuilder().registerPreProcessor(V1Status.class, new V1StatusPreProcessor()).createGsonBuilder()
                .setExclusionStrategies(new V1MetadataExclusionStrategy());
        b.registerTypeAdapter(java.util.Date.class, new JSON.DateTypeAdapter());
        b.registerTypeAdapter(java.sql.Date.class, new JSON.SqlDateTypeAdapter());
        b.registerTypeAdapter(java.time.OffsetDateTime.class, new JSON.OffsetDateTimeTypeAdapter());
        b.registerTypeAdapter(java.time.LocalDate.class, new JSON.LocalDateTypeAdapter());
        b.registerTypeAdapter(byte[].class, new JSON.ByteArrayAdapter());
        for (Class<?> model : reachableModels(root)) {
            factory(model).ifPresent(b::registerTypeAdapterFactory);
        }
        return b.create();
    }

    /** {@code root} and every model class its fields refer to, transitively (type arguments included). */
    static Set<Class<?>> reachableModels(Class<?> root) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!c.getName().startsWith(MODELS) || !seen.add(c)) {
                continue;
            }
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    collect(f.getGenericType(), todo);
                }
            }
        }
        return seen;
    }

    private static void collect(Type t, Deque<Class<?>> out) {
        if (t instanceof Class<?> c) {
            out.add(c.isArray() ? c.getComponentType() : c);
        } else if (t instanceof ParameterizedType p) {
            collect(p.getRawType(), out);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, out);
            }
        } else if (t instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), out);
        } else if (t instanceof WildcardType w) {
            for (Type u : w.getUpperBounds()) {
                collect(u, out);
            }
        }
    }

    /** The generated {@code Model.CustomTypeAdapterFactory}, when the model has one. */
    private static java.util.Optional<TypeAdapterFactory> factory(Class<?> model) {
        try {
            Class<?> f = Class.forName(model.getName() + "$CustomTypeAdapterFactory", true, model.getClassLoader());
            return java.util.Optional.of((TypeAdapterFactory) f.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | ClassCastException e) {
            return java.util.Optional.empty();
        }
    }
}
