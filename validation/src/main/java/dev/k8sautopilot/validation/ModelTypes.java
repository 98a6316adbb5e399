package dev.k8sautopilot.validation;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides without Gson whether the Kubernetes client's typed read of an object (after its
 * {@code validateJsonElement} passed) can only succeed: every value present has the JSON type its field takes
 * (integers that fit for {@code Integer} and {@code Long} fields, numbers for decimal fields, booleans for
 * {@code Boolean}, any scalar for {@code String}), quantities, int-or-strings, timestamps and base64 bytes parse with
 * the client's own adapters, and nested objects and lists hold the same. Building the client's Gson for a model
 * reflects over every model class the model can reach (~500 for a Deployment, the largest cost of a cold
 * validation); this looks only at the classes of the fields present.
 *
 * <p>Sound, not complete: true means the typed read succeeds; anything unusual (a string where a number goes, a
 * field of a type not listed here, a field the models do not have) answers false, and the caller does the typed
 * read, whose error message it reports as before. Thread-safe.
 */
final class ModelTypes {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final TypeAdapter<Quantity> QUANTITY = new Quantity.QuantityAdapter();
    private static final TypeAdapter<IntOrString> INT_OR_STRING = new IntOrString.IntOrStringAdapter();
    private static final TypeAdapter<OffsetDateTime> TIMESTAMP = new JSON.OffsetDateTimeTypeAdapter();
    private static final TypeAdapter<byte[]> BYTES = new JSON.ByteArrayAdapter();

    /** The fields of a model class by their JSON names, as Gson reads them (not static, not transient). */
    private static final ClassValue<Map<String, Type>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> c) {
            Map<String, Type> fields = new HashMap<>();
            for (Class<?> t = c; t != null && t != Object.class; t = t.getSuperclass()) {
                for (Field f : t.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) || Modifier.isTransient(mod)) {
                        continue;
                    }
                    SerializedName name = f.getAnnotation(SerializedName.class);
                    fields.putIfAbsent(name != null ? name.value() : f.getName(), f.getGenericType());
                }
            }
            return fields;
        }
    };

    private ModelTypes() {
    }

    /** True when the client's typed read of {@code json} as {@code model} cannot fail. */
    static boolean readable(JsonElement json, Class<?> model) {
        return value(json, model, 0);
    }

    private static boolean value(JsonElement e, Type type, int depth) {
        if (e == null || e.isJsonNull()) {
            return true;
        }
        if (depth > 64) {
            return false;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class && e.isJsonArray()) {
                for (JsonElement item : (JsonArray) e) {
                    if (!value(item, args[0], depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            if (raw == Map.class && args[0] == String.class && e.isJsonObject()) {
                for (Map.Entry<String, JsonElement> entry : ((JsonObject) e).entrySet()) {
                    if (!value(entry.getValue(), args[1], depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }
        if (!(type instanceof Class<?> c)) {
            return false;
        }
        if (c == Object.class) {
            return true;
        }
        if (c == String.class) {
            return e.isJsonPrimitive();
        }
        if (c == Boolean.class) {
            return e.isJsonPrimitive() && ((JsonPrimitive) e).isBoolean();
        }
        if (c == Integer.class || c == Long.class) {
            if (!(e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber())) {
                return false;
            }
            long n;
            try {
                // Integer, Long, or a number parsed from JSON text: only an integer that fits is "obviously readable".
                n = Long.parseLong(e.getAsNumber().toString());
            } catch (NumberFormatException notAnInteger) {
                return false;
            }
            return c == Long.class || n == (int) n;
        }
        if (c == Double.class || c == Float.class || c == BigDecimal.class) {
            return e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber() && !(e.getAsNumber() instanceof BigDecimal);
        }
        if (c == byte[].class) {
            return parses(BYTES, e);
        }
        if (c == Quantity.class) {
            return parses(QUANTITY, e);
        }
        if (c == IntOrString.class) {
            return parses(INT_OR_STRING, e);
        }
        if (c == OffsetDateTime.class) {
            return parses(TIMESTAMP, e);
        }
        if (c.getName().startsWith(MODELS) && e.isJsonObject() && !c.isAnnotationPresent(JsonAdapter.class)) {
            Map<String, Type> fields = FIELDS.get(c);
            for (Map.Entry<String, JsonElement> entry : ((JsonObject) e).entrySet()) {
                Type field = fields.get(entry.getKey());
                if (field == null || !value(entry.getValue(), field, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean parses(TypeAdapter<?> adapter, JsonElement e) {
        if (!e.isJsonPrimitive()) {
            return false;
        }
        try {
            return adapter.fromJsonTree(e) != null;
        } catch (RuntimeException ex) {
            return false;
        }
    }
}
