package dev.k8sautopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Yaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ValuesModel")
class ValuesModelTest {

    private static ValuesModel sample() {
        return ValuesModel.builder()
                .section("Common parameters")
                .leaf("nameOverride", "", "Override the name")
                .section("Main parameters")
                .leaf("image.registry", "docker.io", "Registry")
                .leaf(ValuesModel.Leaf.of("image.pullPolicy", "IfNotPresent", "Pull policy").oneOf("IfNotPresent", "Always"))
                .leaf(ValuesModel.Leaf.of("replicaCount", 1, "Replicas").range(0, 10))
                .leaf("podLabels", Map.of(), "Pod labels")
                .leaf("extraEnvVars", List.of(Map.of("name", "A")), "Extra env")
                .build();
    }

    @Test
    @DisplayName("values.yaml parses back to the defaults and documents every leaf with @param under its @section")
    void valuesYaml() {
        ValuesModel m = sample();
        String yaml = m.toValuesYaml();
        assertThat(Yaml.load(yaml)).isEqualTo(m.defaults());
        assertThat(yaml).contains("## @param image.registry Registry\n", "## @param podLabels [object] Pod labels\n",
                "## @param extraEnvVars[0].name Extra env\n");
        assertThat(yaml).contains("## @section Common parameters", "## @section Main parameters");
    }

    @Nested
    @DisplayName("@param entries follow readme-generator-for-helm's key paths")
    class Parameters {

        private List<String> names(Object defaultValue) {
            return ValuesModel.Leaf.of("x", defaultValue, "X").parameters().stream().map(ValuesModel.Parameter::name).toList();
        }

        @Test
        @DisplayName("a scalar or a list of strings is one entry; empty lists and maps carry a type modifier")
        void oneEntry() {
            assertThat(names("a")).containsExactly("x");
            assertThat(names(List.of("a", "b"))).containsExactly("x");
            assertThat(ValuesModel.Leaf.of("x", List.of("a", "b\"c"), "X").parameters().get(0).value()).isEqualTo("[\"a\",\"b\\\"c\"]");
            assertThat(ValuesModel.Leaf.of("x", List.of(), "X").parameters().get(0).modifier()).contains("array");
            assertThat(ValuesModel.Leaf.of("x", Map.of(), "X").parameters().get(0).modifier()).contains("object");
        }

        @Test
        @DisplayName("a non-empty map is documented key by key, lists of objects by index")
        void expanded() {
            assertThat(names(ChartValues.ordered("type", "RollingUpdate"))).containsExactly("x.type");
            assertThat(names(List.of(ChartValues.ordered("name", "A", "value", "1"), ChartValues.ordered("name", "B", "value", "2"))))
                    .containsExactly("x[0].name", "x[0].value", "x[1].name", "x[1].value");
            assertThat(names(List.of(1, 2))).containsExactly("x[0]", "x[1]");
            assertThat(ValuesModel.Leaf.of("x", List.of(Map.of("a", "b")), "X").parameters())
                    .extracting(ValuesModel.Parameter::description).containsExactly("X");
            assertThat(ValuesModel.Leaf.of("x", ChartValues.ordered("a", 1, "b", true), "X").parameters())
                    .extracting(ValuesModel.Parameter::description, ValuesModel.Parameter::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("X", "1"), org.assertj.core.groups.Tuple.tuple("X (b)", "true"));
        }

        @Test
        @DisplayName("a value that would break the table row is shown as 'see values.yaml' through the default: modifier")
        void unprintableValues() {
            for (String v : List.of("a\nb", "a|b", "a`b")) {
                ValuesModel.Parameter p = ValuesModel.Leaf.of("x", v, "X").parameters().get(0);
                assertThat(p.modifier()).contains("default: see values.yaml");
                assertThat(p.value()).isEqualTo("see values.yaml");
            }
            assertThat(ValuesModel.Leaf.of("x", "plain: text", "X").parameters().get(0).modifier()).isEmpty();
            // On a list item the tool cannot take a modifier: the whole list is one entry.
            assertThat(ValuesModel.Leaf.of("x", List.of(Map.of("name", "A", "value", "p|q")), "X").parameters())
                    .singleElement().satisfies(p -> {
                        assertThat(p.name()).isEqualTo("x");
                        assertThat(p.modifier()).contains("array, default: see values.yaml");
                    });
        }

        @Test
        @DisplayName("descriptions stay one table cell: no pipe, no leading bracket the tool would read as a modifier")
        void descriptions() {
            assertThat(ValuesModel.Leaf.of("x", "", "[beta] a | b\nc").description()).isEqualTo("(beta] a / b c");
        }
    }

    @Test
    @DisplayName("the schema has one typed node per leaf, with enums and ranges, and accepts the defaults")
    @SuppressWarnings("unchecked")
    void schema() throws Exception {
        ValuesModel m = sample();
        Map<String, Object> schema = Json.mapper().readValue(m.toSchemaJson("t"), Map.class);
        assertThat(schema).containsEntry("$schema", "http://json-schema.org/draft-07/schema#");
        assertThat(SchemaValidator.validate(m.defaults(), schema)).isEmpty();
        assertThat(SchemaValidator.validate(Map.of("replicaCount", "three"), schema)).singleElement().asString().contains("replicaCount");
        assertThat(SchemaValidator.validate(Map.of("replicaCount", 11), schema)).singleElement().asString().contains("maximum");
        assertThat(SchemaValidator.validate(Map.of("image", Map.of("pullPolicy", "Sometimes")), schema)).hasSize(1);
    }

    @Test
    @DisplayName("README tables have one row per @param entry, padded like readme-generator-for-helm writes them")
    void readme() {
        ValuesModel m = sample();
        List<String> rows = m.toReadmeTables().lines().filter(l -> l.startsWith("| `")).toList();
        assertThat(rows).hasSize(m.leaves().stream().mapToInt(l -> l.parameters().size()).sum());
        assertThat(m.toReadmeTables()).contains("### Common parameters", "### Main parameters",
                "| `replicaCount`         | Replicas    | `1`            |",
                "| ---------------------- | ----------- | -------------- |",
                "| `image.registry`       | Registry    | `docker.io`    |");
    }

    @Nested
    @DisplayName("rejects")
    class Rejects {
        @Test
        void nonCamelCaseKeys() {
            assertThatThrownBy(() -> ValuesModel.Leaf.of("image.pull-policy", "", "x")).hasMessageContaining("camelCase");
        }

        @Test
        void clashingPaths() {
            ValuesModel.Builder b = ValuesModel.builder().leaf("image", "", "x");
            assertThatThrownBy(() -> b.leaf("image.tag", "", "y")).hasMessageContaining("clashes with 'image'");
        }

        @Test
        void nullDefaultsAndMissingDescriptions() {
            assertThatThrownBy(() -> ValuesModel.Leaf.of("a", null, "x")).hasMessageContaining("no default");
            assertThatThrownBy(() -> ValuesModel.Leaf.of("a", "", " ")).hasMessageContaining("no description");
        }

        @Test
        void updatesOfUnknownLeaves() {
            assertThatThrownBy(() -> ValuesModel.builder().update("nope", l -> l)).hasMessageContaining("no values leaf 'nope'");
        }
    }

    @Test
    @DisplayName("leaves added late still nest under their parent map")
    void lateLeavesNest() {
        ValuesModel m = ValuesModel.builder().leaf("a.b.c", 1, "x").leaf("d", 2, "y").leaf("a.b.e", 3, "z").leaf("a.f", 4, "w").build();
        assertThat(m.leaves()).extracting(ValuesModel.Leaf::path).containsExactly("a.b.c", "a.b.e", "a.f", "d");
        assertThat(Yaml.load(m.toValuesYaml())).isEqualTo(m.defaults());
    }

    @Test
    @DisplayName("property: any string default survives values.yaml (escaping through snakeyaml-engine)")
    void anyStringRoundTrips() {
        qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 40), lists().of(integers().between(-5, 5)).ofSizeBetween(0, 3))
                .checkAssert((s, ints) -> {
                    ValuesModel m = ValuesModel.builder().leaf("text", s, "text").leaf("numbers", ints, "numbers")
                            .leaf("nested.text", s + "\n" + s, "nested")
                            .leaf("files", List.of(Map.of("content", s + "\n\n" + s + "\n\n")), "files").build();
                    assertThat(Yaml.load(m.toValuesYaml())).isEqualTo(m.defaults());
                });
    }
}
