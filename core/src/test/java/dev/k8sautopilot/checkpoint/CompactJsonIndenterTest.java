package dev.k8sautopilot.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.k8sautopilot.internal.CorpusStates;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.RunState;
import dev.k8sautopilot.spi.Checkpoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The file store's one-pass indenting writes exactly what the Jackson copy writes, or leaves the state to it. */
@DisplayName("checkpoint documents: one-pass indenting = Jackson's copy")
class CompactJsonIndenterTest {

    private static Checkpoint checkpoint(String state) {
        return new Checkpoint("20261201-120000-0a1b2c3d", 7, "GENERATION_REVIEW", 3, state, 1_764_590_400_000L);
    }

    private static void sameDocument(String state) {
        assertThat(new String(FileCheckpointer.render(checkpoint(state)), StandardCharsets.UTF_8))
                .isEqualTo(new String(FileCheckpointer.renderWithJackson(checkpoint(state)), StandardCharsets.UTF_8));
    }

    /** The state is canonical: the one-pass path wrote it (it would not have been left to Jackson). */
    private static void indentedInOnePass(String state) {
        assertThat(CompactJsonIndenter.append(state, 1, new StringBuilder())).as(state).isTrue();
        sameDocument(state);
    }

    @TestFactory
    @DisplayName("the states of every corpus request")
    Stream<DynamicTest> corpus() throws IOException {
        return CorpusStates.byRequest().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            for (RunState s : e.getValue()) {
                indentedInOnePass(Json.write(s));
            }
        }));
    }

    @Test
    @DisplayName("random nested values: every code point, doubles, longs, big decimals, empty objects and arrays")
    void randomValues() {
        qt().withExamples(500).forAll(lists().of(strings().allPossible().ofLengthBetween(0, 10)).ofSizeBetween(0, 6),
                doubles().any(), longs().all(), integers().between(0, 4)).checkAssert((texts, d, l, depth) -> {
                    Object value = texts;
                    for (int i = 0; i < depth; i++) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        for (String t : texts) {
                            m.put(t + i, i % 2 == 0 ? value : List.of(value, Map.of(), List.of()));
                        }
                        m.put("d", Double.isFinite(d) ? d : 0.5);
                        m.put("l", l);
                        m.put("big", new BigDecimal(l).movePointLeft(i * 7));
                        m.put("empty", Map.of());
                        m.put("none", new ArrayList<>());
                        m.put("flag", i % 2 == 0);
                        m.put("nothing", null);
                        value = m;
                    }
                    String state = Json.write(value);
                    if (texts.stream().allMatch(CompactJsonIndenterTest::wellFormed)) {
                        indentedInOnePass(state);
                    } else {
                        sameDocument(state);
                    }
                });
    }

    /** No unpaired surrogate (those are Jackson's to write). */
    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Test
    @DisplayName("scalars and arrays as the whole state, exponents and fractions as the Jackson copy writes them")
    void scalars() {
        for (String state : List.of("1", "-12", "0", "1.0E300", "1.5E-7", "0.30000000000000004", "12345678901234567890123",
                "\"text\"", "true", "null", "[]", "{}", "[{},[],[1,{\"a\":[]}]]", "1e5", "2E+3", "-0.0")) {
            indentedInOnePass(state);
        }
    }

    @Test
    @DisplayName("anything not in Jackson's compact form is left to Jackson, with the same result")
    void otherFormsFallBack() {
        for (String state : List.of("{ \"a\" : 1 }", "{\"a\":\"\\/\"}", "{\"a\":\"\\u00e9\"}", "{\"a\":\"\\u001f\"}",
                "{\"a\":\"\\u000A\"}", "-0", "{\"a\":1}\n", "[1,2 ]", "{\"a\":\"\\uD83D\\uDE00\"}", "\"\uD800 lone\"", "[\"\uDC00\"]")) {
            assertThat(CompactJsonIndenter.append(state, 1, new StringBuilder())).as(state).isFalse();
            sameDocument(state);
        }
    }

    @Test
    @DisplayName("what is not JSON fails as before: Jackson's error, nothing indented")
    void invalid() {
        for (String state : List.of("", "{\"open\": ", "{} trailing", "01", "{\"a\":tru}", "[1,]", "{\"a\"}", "\"unterminated",
                "{\"a\":\"raw \t tab\"}")) {
            assertThat(CompactJsonIndenter.append(state, 1, new StringBuilder())).as(state).isFalse();
            assertThatThrownBy(() -> FileCheckpointer.render(checkpoint(state))).as(state).isInstanceOf(RuntimeException.class);
        }
    }
}
