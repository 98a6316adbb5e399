package dev.k8sautopilot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.k8sautopilot.RunStage;
import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.IntentField;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.ServiceType;
import dev.k8sautopilot.model.ValueSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link RecordJson} writes exactly what the shared Jackson mapper writes, or declines. */
@DisplayName("RecordJson")
class RecordJsonTest {

    /** Jackson's output is the oracle: the fast writer must give the same bytes. */
    private static void sameAsJackson(Object value) {
        assertThat(RecordJson.write(value)).isEqualTo(Json.write(value));
        assertThat(Json.writeRecords(value)).isEqualTo(Json.write(value));
    }

    /** The fast writer declines, and writeRecords falls back to Jackson's output. */
    private static void declined(Object value, String why) {
        assertThatThrownBy(() -> RecordJson.write(value)).isInstanceOf(RecordJson.Unsupported.class).hasMessageContaining(why);
        assertThat(Json.writeRecords(value)).isEqualTo(Json.write(value));
    }

    @TestFactory
    @DisplayName("checkpoints of every corpus request, at every stage, are written as Jackson writes them")
    Stream<DynamicTest> corpus() throws IOException {
        return CorpusStates.byRequest().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> e.getValue().forEach(RecordJsonTest::sameAsJackson)));
    }

    @Test
    @DisplayName("a request with an intent (sources, warnings, questions) and model decisions")
    void intentAndDecisions() {
        ChartIntent intent = ChartIntent.builder().source(ValueSource.SPEC).set(IntentField.REPLICAS, 3)
                .set(IntentField.SERVICE_TYPE, ServiceType.NODE_PORT)
                .set(IntentField.SERVICE_ANNOTATIONS, new LinkedHashMap<>(Map.of("b", "2", "a", "1")))
                .set(IntentField.INGRESS_HOSTS, List.of("a.example.com", "b.example.com"))
                .warn("a warning").build();
        ChartRequest r = new ChartRequest("text", Optional.empty(), Map.of("z", "1", "a", "2"), List.of(), Optional.of(intent));
        RunState s = RunState.start("r-1", RunState.Mode.REPAIR, RunStage.VALIDATE, r, null, "/out", "/backup")
                .asking(new PlanOutcome.NeedsInput(List.of(new Question("image", "Which image?", Priority.HIGH,
                        Optional.of("nginx:1.27"), "none given")), "partial plan",
                        List.of(PlanDecision.dropped("env", "DB_PASSWORD=****", ValueSource.LLM, "not asked for"),
                                PlanDecision.applied("replicas", "3", ValueSource.SPEC, "spec")),
                        List.of("dropped env DB_PASSWORD")));
        sameAsJackson(s);
    }

    @Test
    @DisplayName("readPlain reads what readValue(json, Object.class) reads, and refuses what it refuses")
    void readPlain() throws Exception {
        for (String json : List.of("{\"a\":[1,2147483648,12345678901234567890123,1.5,-0.0,1e400,true,false,null,\"x\\u00e9\"],\"b\":{}}",
                "[]", "\"text\"", "42", "{\"z\":1,\"a\":{\"n\":[{}]}}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            Object plain = Json.readPlain(bytes);
            Object jackson = Json.mapper().readValue(bytes, Object.class);
            assertThat(plain).isEqualTo(jackson);
            assertThat(Json.write(plain)).isEqualTo(Json.write(jackson));
        }
        for (String bad : List.of("", "{\"a\":", "{} {}", "[1,]")) {
            assertThatThrownBy(() -> Json.readPlain(bad.getBytes(StandardCharsets.UTF_8))).isInstanceOf(java.io.IOException.class);
        }
    }

    @Nested
    @DisplayName("shapes")
    class Shapes {

        enum Plain { B_SECOND, A_FIRST }


        record Inner(String s, Plain plain, Wired wired) {
        }

        record Everything(String text, int i, long l, double d, float f, boolean b, Integer boxed, BigDecimal big,
                          Optional<String> some, Optional<String> none, OptionalInt oi, OptionalInt noInt, List<Inner> list,
                          Map<String, Object> map, Map<Plain, Integer> byEnum, java.util.Set<String> set, Inner nested, Object nothing,
                          char c) {
        }

        record Ignoring(String kept, String dropped) {
            @Override
            @JsonIgnore
            public String dropped() {
                return dropped;
            }

            @JsonIgnore
            public boolean isKept() {
                return kept != null;
            }
        }

        record Empty() {
        }

        @Test
        @DisplayName("scalars, optionals, collections, sorted maps, enums by name and by @JsonValue, nested records")
        void everything() {
            Map<String, Object> map = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                map.put("k" + (i * 7919 % 41), i % 3 == 0 ? List.of(i, "x" + i) : Map.of("z", i, "a", Optional.of(i)));
            }
            map.put("Upper", "sorted before lower case");
            map.put("ünï", null);
            Map<Plain, Integer> byEnum = new EnumMap<>(Plain.class);
            byEnum.put(Plain.A_FIRST, 1);
            byEnum.put(Plain.B_SECOND, 2);
            Map<Plain, Integer> byEnumHashed = new HashMap<>(byEnum);
            Everything e = new Everything("quote \" backslash \\ newline \n emoji 😀 nul \u0000", -7, Long.MAX_VALUE, 0.1 + 0.2,
                    1.5e-7f, true, null, new BigDecimal("12.50"), Optional.of("x"), Optional.empty(), OptionalInt.of(3),
                    OptionalInt.empty(), List.of(new Inner("a", Plain.A_FIRST, Wired.ONE), new Inner(null, null, Wired.TWO)),
                    map, byEnumHashed, new LinkedHashSet<>(List.of("z", "a")), new Inner("n", Plain.B_SECOND, Wired.TWO), null, 'q');
            sameAsJackson(e);
            sameAsJackson(byEnum);
            sameAsJackson(List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e300, 100.0, Float.MIN_VALUE));
        }

        @Test
        @DisplayName("@JsonIgnore on an accessor leaves the component out; is-getters are not properties; empty records are {}")
        void ignoredAndEmpty() {
            sameAsJackson(new Ignoring("kept", "secret"));
            assertThat(RecordJson.write(new Ignoring("kept", "secret"))).isEqualTo("{\"kept\":\"kept\"}");
            sameAsJackson(new Empty());
            sameAsJackson(Map.of("empty", new Empty(), "list", List.of()));
        }

        @Test
        @DisplayName("random nested maps, lists and strings")
        void randomNesting() {
            qt().withExamples(300).forAll(lists().of(strings().allPossible().ofLengthBetween(0, 12)).ofSizeBetween(0, 8),
                    integers().between(0, 4)).checkAssert((keys, depth) -> {
                        Object value = keys;
                        for (int i = 0; i < depth; i++) {
                            Map<String, Object> m = new LinkedHashMap<>();
                            for (String k : keys) {
                                m.put(k + i, i % 2 == 0 ? value : Optional.of(List.of(value, k)));
                            }
                            value = m;
                        }
                        sameAsJackson(value);
                    });
        }
    }

    @Nested
    @DisplayName("declines what Jackson would write differently, and writeRecords then uses Jackson")
    class Declines {

        record WithGetter(String a) {
            public String getExtra() {
                return "Jackson writes this as \"extra\"";
            }
        }

        record Renamed(@JsonProperty("other") String name) {
        }

        @JsonPropertyOrder({"b", "a"})
        record Ordered(String a, String b) {
        }

        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
        interface Typed {
        }

        record Subtype(String a) implements Typed {
        }

        enum RenamedConstant {
            @JsonProperty("renamed")
            X
        }

        enum WiredKey {
            K;

            @JsonValue
            String wire() {
                return "k-wire";
            }
        }

        static final class Bean {
            public String getA() {
                return "a";
            }
        }

        @Test
        @DisplayName("getX() methods, Jackson annotations on components, classes, supertypes and enum constants")
        void annotationsAndGetters() {
            declined(new WithGetter("a"), "getExtra");
            declined(new Renamed("n"), "JsonProperty");
            declined(new Ordered("a", "b"), "Jackson annotations");
            declined(new Subtype("a"), "supertype");
            declined(RenamedConstant.X, "JsonProperty");
            declined(List.of(new Bean()), "only records");
        }

        @Test
        @DisplayName("arrays, paths, non-string map keys, @JsonValue enum keys, null keys")
        void types() {
            declined(Map.of("bytes", new byte[] {1, 2, 3}), "arrays");
            declined(Path.of("/tmp/x"), "only records");
            declined(Map.of(1, "one"), "java.lang.Integer");
            declined(Map.of(WiredKey.K, 1), "WiredKey");
            Map<String, Object> nullKey = new HashMap<>();
            nullKey.put(null, 1);
            assertThatThrownBy(() -> RecordJson.write(nullKey)).isInstanceOf(RecordJson.Unsupported.class).hasMessageContaining("null key");
        }

        @Test
        @DisplayName("a map that contains itself is Jackson's to refuse, not a stack overflow here")
        void selfContaining() {
            Map<String, Object> m = new HashMap<>();
            m.put("self", m);
            assertThatThrownBy(() -> RecordJson.write(m)).isInstanceOf(RecordJson.Unsupported.class).hasMessageContaining("deeper");
        }
    }
}
