package dev.k8sautopilot.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one configured Jackson mapper of the project: sorted, deterministic output; strict input. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // Records are written as their components only: a helper such as PlanDecision.isApplied() is not a field,
            // and writing it would make the document unreadable (FAIL_ON_UNKNOWN_PROPERTIES).
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }

    /** The shared mapper; thread-safe, do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Compact JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compact JSON, the same as {@link #write(Object)} gives, written by {@link RecordJson} when it can (records,
     * collections, maps, enums, scalars: the checkpoint model) and by Jackson otherwise, so never worse than
     * {@link #write(Object)}. Checkpoints use it: in a cold process Jackson would first spend ~60 ms building its
     * serializers for the whole model.
     */
    public static String writeRecords(Object value) {
        try {
            return RecordJson.write(value);
        } catch (RuntimeException e) {
            // Unsupported (Jackson writes such values differently), or a value that fails to write at all: Jackson's
            // output, or Jackson's own error, is the answer either way.
            return write(value);
        }
    }

    /**
     * A JSON document as plain Java values, as {@code mapper().readValue(json, Object.class)} reads it (objects as
     * {@link LinkedHashMap}, arrays as {@link ArrayList}, integers as the smallest of Integer, Long, BigInteger, other
     * numbers as Double), read with the streaming parser: in a cold process, databind's untyped deserializers cost
     * more to build (~13 ms) than a document of tens of kilobytes takes to read.
     *
     * @throws IOException when the bytes are not one JSON value
     */
    public static Object readPlain(byte[] json) throws IOException {
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() == null) {
                throw new JsonParseException(p, "no JSON value");
            }
            Object value = plain(p);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "more than one JSON value");
            }
            return value;
        }
    }

    private static Object plain(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, plain(p));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(plain(p));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
        };
    }

    /** Indented JSON with a trailing newline. */
    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
