package dev.k8sautopilot.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a value as compact JSON, byte for byte what {@link Json#write(Object)} gives, without Jackson's
 * introspection: a cold JVM spends ~60 ms building Jackson's serializers for the whole checkpoint model on the
 * first save of a run, this writer ~3 ms reading record components.
 *
 * <p>It writes only what it can write exactly as the shared mapper does: scalars, {@link Optional}s (empty is
 * {@code null}, as with the Jdk8 module), collections, maps with string or plain enum keys (sorted by key, as
 * {@code ORDER_MAP_ENTRIES_BY_KEYS}), enums (by name, or by their {@link JsonValue} method), records (their
 * components in declaration order, without those whose accessor is {@link JsonIgnore}d) and classes with a
 * {@link JsonValue} method. Anything else, and any class or record carrying another Jackson annotation or a
 * public {@code getX()} method Jackson would write as a property, is {@link Unsupported}: {@link Json#writeRecords}
 * then lets Jackson write the whole value. Thread-safe.
 */
public final class RecordJson {

    /** Deeper than any model value; a self-containing map would otherwise overflow the stack. */
    private static final int MAX_DEPTH = 200;

    /** How one class is written, worked out once per class. */
    private record Shape(Method jsonValue, String[] names, Method[] accessors, String unsupported) {
        static Shape unsupported(Class<?> c, String why) {
            return new Shape(null, null, null, c.getName() + ": " + why);
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> c) {
            return shapeOf(c);
        }
    };

    private RecordJson() {
    }

    /** The value cannot be written here exactly as Jackson would write it; the message says why. */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The compact JSON of {@code value}.
     *
     * @throws Unsupported when some part of the value is not one this writer writes exactly as Jackson does
     */
    public static String write(Object value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            write(g, value, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new Unsupported("nested deeper than " + MAX_DEPTH);
        }
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Character c) {
            g.writeString(c.toString());
        } else if (v instanceof Optional<?> o) {
            write(g, o.orElse(null), depth + 1);
        } else if (v instanceof OptionalInt o) {
            write(g, o.isPresent() ? o.getAsInt() : null, depth);
        } else if (v instanceof OptionalLong o) {
            write(g, o.isPresent() ? o.getAsLong() : null, depth);
        } else if (v instanceof OptionalDouble o) {
            write(g, o.isPresent() ? o.getAsDouble() : null, depth);
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object e : c) {
                write(g, e, depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m) {
            writeMap(g, m, depth);
        } else {
            writeObject(g, v, depth);
        }
    }

    private static void writeMap(JsonGenerator g, Map<?, ?> m, int depth) throws IOException {
        for (Object key : m.keySet()) {
            if (key == null) {
                throw new Unsupported("a map with a null key");
            }
            if (!(key instanceof String) && !(key instanceof Enum<?> e && plainEnum(e))) {
                throw new Unsupported("a map keyed by " + key.getClass().getName());
            }
        }
        Map<?, ?> sorted = m instanceof SortedMap<?, ?> ? m : new TreeMap<>(m);
        g.writeStartObject();
        for (Map.Entry<?, ?> e : sorted.entrySet()) {
            g.writeFieldName(e.getKey() instanceof Enum<?> en ? en.name() : (String) e.getKey());
            write(g, e.getValue(), depth + 1);
        }
        g.writeEndObject();
    }

    private static boolean plainEnum(Enum<?> e) {
        return SHAPES.get(e.getDeclaringClass()).jsonValue() == null;
    }

    private static void writeObject(JsonGenerator g, Object v, int depth) throws IOException {
        Class<?> type = v instanceof Enum<?> e ? e.getDeclaringClass() : v.getClass();
        Shape s = SHAPES.get(type);
        if (s.unsupported() != null) {
            throw new Unsupported(s.unsupported());
        }
        if (s.jsonValue() != null) {
            write(g, invoke(s.jsonValue(), v), depth + 1);
        } else if (v instanceof Enum<?> e) {
            g.writeString(e.name());
        } else {
            g.writeStartObject();
            for (int i = 0; i < s.names().length; i++) {
                g.writeFieldName(s.names()[i]);
                write(g, invoke(s.accessors()[i], v), depth + 1);
            }
            g.writeEndObject();
        }
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(m + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new Unsupported(m + " is not accessible");
        }
    }

    private static Shape shapeOf(Class<?> c) {
        if (c.isArray() || c.isPrimitive()) {
            return Shape.unsupported(c, "arrays are written by Jackson");
        }
        Optional<Class<?>> annotated = JacksonAnnotations.onTypeOrSupertypes(c);
        if (annotated.isPresent()) {
            return Shape.unsupported(c, annotated.get() == c ? "the class carries Jackson annotations"
                    : "its supertype " + annotated.get().getName() + " carries Jackson annotations");
        }
        for (Field f : c.getDeclaredFields()) {
            Optional<Annotation> a = JacksonAnnotations.on(f);
            if (a.isPresent()) {
                return Shape.unsupported(c, "field " + f.getName() + " carries @" + a.get().annotationType().getSimpleName());
            }
        }
        Method jsonValue = null;
        for (Method m : c.getDeclaredMethods()) {
            for (Annotation a : m.getDeclaredAnnotations()) {
                Class<? extends Annotation> at = a.annotationType();
                if (at == JsonValue.class && ((JsonValue) a).value() && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())) {
                    jsonValue = m;
                } else if (JacksonAnnotations.isJackson(at) && at != JsonCreator.class && !(at == JsonIgnore.class && ((JsonIgnore) a).value())) {
                    return Shape.unsupported(c, "method " + m.getName() + " carries @" + at.getSimpleName());
                }
            }
        }
        if (jsonValue != null) {
            return accessible(jsonValue) ? new Shape(jsonValue, null, null, null)
                    : Shape.unsupported(c, "its @JsonValue method is not accessible");
        }
        if (c.isEnum()) {
            return new Shape(null, null, null, null);
        }
        if (!c.isRecord()) {
            return Shape.unsupported(c, "only records, enums and @JsonValue classes are written here");
        }
        return recordShape(c);
    }

    private static Shape recordShape(Class<?> c) {
        RecordComponent[] components = c.getRecordComponents();
        List<String> names = new ArrayList<>();
        List<Method> accessors = new ArrayList<>();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        Constructor<?> canonical;
        try {
            canonical = c.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            return Shape.unsupported(c, "no canonical constructor");
        }
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            Method accessor = rc.getAccessor();
            List<AnnotatedElement> members = new ArrayList<>(List.of(rc, canonical.getParameters()[i]));
            try {
                members.add(c.getDeclaredField(rc.getName()));
            } catch (NoSuchFieldException e) {
                return Shape.unsupported(c, "no field for component " + rc.getName());
            }
            for (AnnotatedElement member : members) {
                Optional<Annotation> a = JacksonAnnotations.on(member);
                if (a.isPresent()) {
                    return Shape.unsupported(c, "component " + rc.getName() + " carries @" + a.get().annotationType().getSimpleName());
                }
            }
            boolean ignored = false;
            for (Annotation a : accessor.getDeclaredAnnotations()) {
                if (a.annotationType() == JsonIgnore.class && ((JsonIgnore) a).value()) {
                    ignored = true;
                } else if (JacksonAnnotations.isJackson(a.annotationType())) {
                    return Shape.unsupported(c, "accessor " + rc.getName() + "() carries @" + a.annotationType().getSimpleName());
                }
            }
            if (ignored) {
                continue;
            }
            if (!accessible(accessor)) {
                return Shape.unsupported(c, "accessor " + rc.getName() + "() is not accessible");
            }
            names.add(rc.getName());
            accessors.add(accessor);
        }
        for (Method m : c.getMethods()) {
            if (m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                    && m.getReturnType() != void.class && m.getName().length() > 3 && m.getName().startsWith("get")
                    && Character.isUpperCase(m.getName().charAt(3))) {
                return Shape.unsupported(c, "public method " + m.getName() + "() would be written as a property");
            }
        }
        return new Shape(null, names.toArray(String[]::new), accessors.toArray(Method[]::new), null);
    }

    private static boolean accessible(Method m) {
        try {
            m.setAccessible(true);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
