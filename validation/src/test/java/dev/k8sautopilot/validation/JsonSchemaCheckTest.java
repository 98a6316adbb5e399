package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Yaml;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON schema subset")
class JsonSchemaCheckTest {

    static JsonNode schema(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    @DisplayName("integers are checked against their range (property)")
    void ranges() throws Exception {
        JsonNode s = schema("{\"type\":\"object\",\"properties\":{\"port\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":65535}}}");
        qt().forAll(integers().between(-100_000, 100_000)).checkAssert(i ->
                assertThat(JsonSchemaCheck.violations(s, Map.of("port", i)).isEmpty()).isEqualTo(i >= 1 && i <= 65535));
    }

    @Test
    @DisplayName("types, enums, required, additionalProperties, patterns, refs and combinators")
    void keywords() throws Exception {
        JsonNode s = schema("""
                {"type":"object","required":["image"],"additionalProperties":false,
                 "definitions":{"policy":{"type":"string","enum":["Always","IfNotPresent","Never"]}},
                 "properties":{
                   "image":{"type":"object","properties":{"pullPolicy":{"$ref":"#/definitions/policy"},
                                                        "tag":{"type":"string","pattern":"^[0-9.]+$"}}},
                   "replicas":{"anyOf":[{"type":"integer"},{"type":"null"}]},
                   "flag":{"type":"boolean"}}}
                """);
        assertThat(JsonSchemaCheck.schemaProblems(s)).isEmpty();
        assertThat(JsonSchemaCheck.violations(s, Yaml.load("image: {pullPolicy: Always, tag: '1.2'}\nreplicas: 2\nflag: true"))).isEmpty();
        assertThat(JsonSchemaCheck.violations(s, Yaml.load("image: {pullPolicy: Sometimes, tag: latest}\nreplicas: two\nflag: 'yes'\nextra: 1")))
                .hasSize(5)
                .anySatisfy(v -> assertThat(v).startsWith("image.pullPolicy:"))
                .anySatisfy(v -> assertThat(v).startsWith("image.tag:"))
                .anySatisfy(v -> assertThat(v).startsWith("replicas:"))
                .anySatisfy(v -> assertThat(v).startsWith("flag:"))
                .anySatisfy(v -> assertThat(v).startsWith("extra:"));
        assertThat(JsonSchemaCheck.violations(s, Yaml.load("flag: true"))).containsExactly("(root): required property 'image' is missing");
    }

    @Test
    @DisplayName("invalid schemas are reported")
    void invalidSchema() throws Exception {
        assertThat(JsonSchemaCheck.schemaProblems(schema("{\"type\":\"strng\",\"properties\":{\"a\":{\"pattern\":\"(\"}},"
                + "\"required\":\"a\",\"$ref\":\"#/definitions/none\"}"))).hasSize(4);
        assertThat(JsonSchemaCheck.schemaProblems(schema("[1,2]"))).hasSize(1);
    }
}
