package dev.k8sautopilot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.SpecException;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link RecordReader} builds what the shared Jackson mapper builds from a plain document, or declines. */
@DisplayName("RecordReader")
class RecordReaderTest {

    private static <T> void sameAsJackson(Object document, Class<T> type) {
        T fast = RecordReader.read(document, type);
        T jackson = Json.mapper().convertValue(document, type);
        assertThat(fast).isEqualTo(jackson);
        assertThat(Json.write(fast)).isEqualTo(Json.write(jackson));
    }

    private static void declined(Object document, Class<?> type, String why) {
        assertThatThrownBy(() -> RecordReader.read(document, type)).isInstanceOf(RecordReader.Unsupported.class)
                .hasMessageContaining(why);
    }

    @TestFactory
    @DisplayName("the spec of every corpus plan, as a document, is read as Jackson reads it, without falling back")
    Stream<DynamicTest> corpusSpecs() throws IOException {
        return CorpusStates.byRequest().entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> s.plan() != null))
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                    ChartSpec spec = e.getValue().stream().filter(s -> s.plan() != null).findFirst().orElseThrow().plan().spec();
                    Map<String, Object> document = ChartSpecs.toMap(spec);
                    sameAsJackson(document, ChartSpec.class);
                    assertThat(ChartSpecs.fromMap(document)).isEqualTo(spec);
                }));
    }

    enum Color { RED, DARK_BLUE }


    record Inner(String s, int n) {
    }

    record Shapes(String text, int i, long l, double d, boolean b, Integer boxed, Optional<String> some, Optional<Inner> none,
                  List<Inner> list, Set<String> set, Map<String, Integer> map, Color color, Wired wired, Inner nested) {
    }

    record Checked(String name) {
        Checked {
            if (name == null || name.isEmpty()) {
                throw new SpecException("name", "is required", "give a name");
            }
        }
    }

    record Renamed(@JsonProperty("other") String name) {
    }

    @Test
    @DisplayName("scalars, optionals (absent, null, present), lists, sets, maps, enums by name and by creator, nested records")
    void shapes() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", "ünï \"q\"");
        doc.put("i", 7);
        doc.put("l", 5_000_000_000L);
        doc.put("d", 2);
        doc.put("b", true);
        doc.put("none", null);
        doc.put("some", "x");
        doc.put("list", List.of(Map.of("s", "a", "n", 1), Map.of("s", "b")));
        doc.put("set", List.of("z", "a", "m", "a"));
        doc.put("map", new LinkedHashMap<>(Map.of("k", 1)));
        doc.put("color", "dark_blue");
        doc.put("wired", "two-wire");
        doc.put("nested", Map.of());
        sameAsJackson(doc, Shapes.class);
        sameAsJackson(Map.of(), Shapes.class);
        sameAsJackson(Map.of("color", Color.RED, "wired", Wired.ONE), Shapes.class);
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("i", null);
        nulls.put("list", null);
        nulls.put("boxed", null);
        sameAsJackson(nulls, Shapes.class);
    }

    @Test
    @DisplayName("declines coercions, unknown properties, refused values and annotated types; fromMap then answers as Jackson did")
    void declines() {
        declined(Map.of("i", "3"), Shapes.class, "string as int");
        declined(Map.of("text", 3), Shapes.class, "as java.lang.String");
        declined(Map.of("l", 1.5), Shapes.class, "as long");
        declined(Map.of("unknown", 1), Shapes.class, "unknown property");
        declined(Map.of("wired", "three"), Shapes.class, "refused");
        declined(Map.of("color", "GREEN"), Shapes.class, "no constant");
        declined(Map.of("list", "a"), Shapes.class, "not a list");
        declined(Map.of(), Checked.class, "refused the document");
        declined(Map.of("other", "x"), Renamed.class, "JsonProperty");
        // Jackson itself coerces "3" to 3, so the spec path still reads such a document.
        sameAsFallback(Map.of("i", "3"), Shapes.class);
    }

    private static void sameAsFallback(Object document, Class<?> type) {
        assertThat(Json.mapper().convertValue(document, type)).isNotNull();
    }

    @Test
    @DisplayName("a spec the reader declines gives the same value or the same error as before")
    void specFallback() {
        Map<String, Object> coerced = new LinkedHashMap<>(Map.of("name", "web", "image", Map.of("repository", "nginx", "tag", "1.27.3"),
                "replicas", "3"));
        assertThat(ChartSpecs.fromMap(coerced).replicas()).isEqualTo(3);
        Map<String, Object> unknown = new LinkedHashMap<>(Map.of("name", "web", "image", "nginx:1.27.3", "replicaz", 3));
        assertThatThrownBy(() -> ChartSpecs.fromMap(unknown)).isInstanceOf(SpecException.class).hasMessageContaining("replicaz");
        Map<String, Object> badName = new LinkedHashMap<>(Map.of("name", "Not A Label", "image", "nginx:1.27.3"));
        assertThatThrownBy(() -> ChartSpecs.fromMap(badName)).isInstanceOf(SpecException.class).hasMessageContaining("name");
    }
}
