package dev.k8sautopilot.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a record from a plain document (maps, lists, strings, numbers, booleans, as loaded from YAML or JSON),
 * giving what {@code Json.mapper().convertValue(document, type)} gives, without Jackson's introspection: a cold JVM
 * spends ~45 ms building Jackson's deserializers for a {@code ChartSpec} on the first plan, this ~3 ms.
 *
 * <p>It takes only documents Jackson reads without coercion: strings for {@code String}, integers for
 * {@code int}/{@code long}, numbers for {@code double}, booleans, strings (or constants) for enums (through their
 * {@link JsonCreator} factory, else by name ignoring case, as the shared mapper does), lists for {@code List} and
 * {@code Set}, string-keyed maps for {@code Map}, {@code Optional} (absent or null is empty), and records whose
 * every key is one of their components (absent components are null, 0 or false, as Jackson passes them). Anything
 * else, a record or enum carrying other Jackson annotations, or a constructor or factory that throws, is
 * {@link Unsupported}: the caller then lets Jackson convert the document, which gives the same value or its own
 * error. Thread-safe.
 */
public final class RecordReader {

    /** The document cannot be read here exactly as Jackson would read it; the message says why. */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** How one record is built: its canonical constructor and its components by name. */
    private record RecordShape(Constructor<?> constructor, String[] names, Type[] types, Map<String, Integer> index, String unsupported) {
    }

    /** How one enum is read: its creator factory, or none (by name). */
    private record EnumShape(Method creator, Method jsonValue, String unsupported) {
    }

    private static final ClassValue<RecordShape> RECORDS = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> c) {
            return recordShape(c);
        }
    };

    private static final ClassValue<EnumShape> ENUMS = new ClassValue<>() {
        @Override
        protected EnumShape computeValue(Class<?> c) {
            return enumShape(c);
        }
    };

    private RecordReader() {
    }

    /**
     * The document as a value of {@code type}.
     *
     * @throws Unsupported when the document is not one this reader reads exactly as Jackson does
     */
    @SuppressWarnings("unchecked")
    public static <T> T read(Object document, Class<T> type) {
        return (T) value(document, type);
    }

    private static Object value(Object v, Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == Optional.class) {
                return v == null ? Optional.empty() : Optional.of(value(v, args[0]));
            }
            if (v == null) {
                // A null or absent list or map is null, as Jackson reads it; the record's constructor applies its default.
                return null;
            }
            if (raw == List.class || raw == Collection.class) {
                return elements(v, args[0], new ArrayList<>());
            }
            if (raw == Set.class) {
                return elements(v, args[0], new HashSet<>());
            }
            if (raw == Map.class && args[0] == String.class) {
                if (!(v instanceof Map<?, ?> m)) {
                    throw new Unsupported("not a map: " + describe(v));
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String k)) {
                        throw new Unsupported("a map key that is not a string");
                    }
                    out.put(k, value(e.getValue(), args[1]));
                }
                return out;
            }
            throw new Unsupported("type " + type);
        }
        if (!(type instanceof Class<?> c)) {
            throw new Unsupported("type " + type);
        }
        if (c.isPrimitive()) {
            return primitive(v, c);
        }
        if (v == null) {
            // Likewise a null or absent string, boxed number, enum or nested record.
            return null;
        }
        if (c == String.class) {
            if (v instanceof String s) {
                return s;
            }
        } else if (c == Integer.class || c == Long.class || c == Double.class || c == Boolean.class) {
            return primitive(v, c == Integer.class ? int.class : c == Long.class ? long.class : c == Double.class ? double.class : boolean.class);
        } else if (c.isEnum()) {
            return enumValue(v, c);
        } else if (c.isRecord()) {
            return record(v, c);
        }
        throw new Unsupported(describe(v) + " as " + c.getName());
    }

    private static Object primitive(Object v, Class<?> c) {
        if (c == int.class) {
            if (v == null) {
                return 0;
            }
            if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).intValue();
            }
        } else if (c == long.class) {
            if (v == null) {
                return 0L;
            }
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
        } else if (c == double.class) {
            if (v == null) {
                return 0.0;
            }
            if (v instanceof Double || v instanceof Float || v instanceof Integer || v instanceof Long) {
                return ((Number) v).doubleValue();
            }
        } else if (c == boolean.class) {
            if (v == null) {
                return false;
            }
            if (v instanceof Boolean b) {
                return b;
            }
        }
        throw new Unsupported(describe(v) + " as " + c);
    }

    private static Collection<Object> elements(Object v, Type element, Collection<Object> out) {
        if (!(v instanceof List<?> list)) {
            throw new Unsupported("not a list: " + describe(v));
        }
        for (Object e : list) {
            out.add(value(e, element));
        }
        return out;
    }

    private static Object enumValue(Object v, Class<?> c) {
        EnumShape s = ENUMS.get(c);
        if (s.unsupported() != null) {
            throw new Unsupported(s.unsupported());
        }
        String text;
        if (v instanceof String str) {
            text = str;
        } else if (c.isInstance(v)) {
            // Jackson writes the constant (by its @JsonValue, else its name) and reads that back.
            text = s.jsonValue() != null ? String.valueOf(invoke(s.jsonValue(), v)) : ((Enum<?>) v).name();
        } else {
            throw new Unsupported(describe(v) + " as " + c.getName());
        }
        if (s.creator() != null) {
            Object constant = invoke(s.creator(), null, text);
            if (constant == null) {
                throw new Unsupported("the creator of " + c.getName() + " gave null");
            }
            return constant;
        }
        for (Object constant : c.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new Unsupported("no constant " + text + " of " + c.getName());
    }

    private static Object record(Object v, Class<?> c) {
        RecordShape s = RECORDS.get(c);
        if (s.unsupported() != null) {
            throw new Unsupported(s.unsupported());
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new Unsupported(describe(v) + " as " + c.getName());
        }
        Object[] args = new Object[s.names().length];
        boolean[] given = new boolean[args.length];
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Integer i = e.getKey() instanceof String k ? s.index().get(k) : null;
            if (i == null) {
                throw new Unsupported("unknown property " + e.getKey() + " of " + c.getName());
            }
            args[i] = value(e.getValue(), s.types()[i]);
            given[i] = true;
        }
        for (int i = 0; i < args.length; i++) {
            if (!given[i]) {
                args[i] = value(null, s.types()[i]);
            }
        }
        try {
            return s.constructor().newInstance(args);
        } catch (InvocationTargetException e) {
            // Jackson reports a failing constructor in its own words (with the property path): let it.
            throw new Unsupported(c.getName() + " refused the document: " + e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new Unsupported(c.getName() + " cannot be built here: " + e);
        }
    }

    private static Object invoke(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new Unsupported(m + " refused the value: " + e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new Unsupported(m + " cannot be called here: " + e);
        }
    }

    private static RecordShape recordShape(Class<?> c) {
        if (JacksonAnnotations.onTypeOrSupertypes(c).isPresent()) {
            return new RecordShape(null, null, null, null, c.getName() + " carries Jackson annotations");
        }
        RecordComponent[] components = c.getRecordComponents();
        Class<?>[] raw = new Class<?>[components.length];
        String[] names = new String[components.length];
        Type[] types = new Type[components.length];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < components.length; i++) {
            raw[i] = components[i].getType();
            names[i] = components[i].getName();
            types[i] = components[i].getGenericType();
            index.put(names[i], i);
        }
        Constructor<?> canonical;
        try {
            canonical = c.getDeclaredConstructor(raw);
            canonical.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            return new RecordShape(null, null, null, null, c.getName() + ": no accessible canonical constructor");
        }
        List<AnnotatedElement> members = new ArrayList<>(List.of(canonical));
        members.addAll(List.of(canonical.getParameters()));
        members.addAll(List.of(components));
        members.addAll(List.of(c.getDeclaredMethods()));
        members.addAll(List.of(c.getDeclaredConstructors()));
        members.addAll(List.of(c.getDeclaredFields()));
        for (AnnotatedElement member : members) {
            Optional<Annotation> a = JacksonAnnotations.on(member);
            if (a.isPresent()) {
                return new RecordShape(null, null, null, null, c.getName() + ": a member carries @" + a.get().annotationType().getSimpleName());
            }
        }
        return new RecordShape(canonical, names, types, index, null);
    }

    private static EnumShape enumShape(Class<?> c) {
        if (JacksonAnnotations.onTypeOrSupertypes(c).isPresent()) {
            return new EnumShape(null, null, c.getName() + " carries Jackson annotations");
        }
        Method creator = null;
        Method jsonValue = null;
        for (Method m : c.getDeclaredMethods()) {
            for (Annotation a : m.getDeclaredAnnotations()) {
                Class<? extends Annotation> at = a.annotationType();
                if (at == JsonCreator.class && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == String.class && ((JsonCreator) a).mode() != JsonCreator.Mode.PROPERTIES) {
                    creator = m;
                } else if (at == JsonValue.class && ((JsonValue) a).value() && m.getParameterCount() == 0) {
                    jsonValue = m;
                } else if (JacksonAnnotations.isJackson(at)) {
                    return new EnumShape(null, null, c.getName() + "." + m.getName() + " carries @" + at.getSimpleName());
                }
            }
        }
        for (java.lang.reflect.Field f : c.getDeclaredFields()) {
            Optional<Annotation> a = JacksonAnnotations.on(f);
            if (a.isPresent()) {
                return new EnumShape(null, null, c.getName() + "." + f.getName() + " carries @" + a.get().annotationType().getSimpleName());
            }
        }
        if (jsonValue != null && creator == null) {
            // Jackson would read the @JsonValue texts, not the names.
            return new EnumShape(null, null, c.getName() + " has a @JsonValue but no @JsonCreator");
        }
        try {
            if (creator != null) {
                creator.setAccessible(true);
            }
            if (jsonValue != null) {
                jsonValue.setAccessible(true);
            }
        } catch (RuntimeException e) {
            return new EnumShape(null, null, c.getName() + ": its creator is not accessible");
        }
        return new EnumShape(creator, jsonValue, null);
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
