package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SpecDocumentTest {

    @Nested
    @DisplayName("SpecSchema")
    class Schema {

        @Test
        @DisplayName("every field resolves against the ChartSpec records, with enum wire values")
        void resolves() {
            String skeleton = SpecSchema.skeleton();
            assertThat(skeleton).contains("\"workload\":\"Deployment|StatefulSet|Job|CronJob|DaemonSet\"")
                    .contains("\"service\":{\"type\":\"ClusterIP|NodePort|LoadBalancer\"}")
                    .contains("\"containerPort\":\"integer\"").contains("\"secretEnv\":[");
            assertThat(Json.write(dev.langchain4j.internal.JsonSchemaElementUtils.toMap(SpecSchema.jsonSchema().rootElement())))
                    .contains("\"enum\":[\"none\",\"nano\"").contains("\"minReplicas\":{\"type\":\"integer\"");
        }

        @Test
        @DisplayName("a field the records do not have fails fast")
        void unknownField() {
            assertThatThrownBy(() -> SpecSchema.componentType(dev.k8sautopilot.model.ChartSpec.class, "privileged", "privileged"))
                    .hasMessageContaining("no component 'privileged'");
        }
    }

    @Nested
    @DisplayName("JsonReply")
    class Reply {

        @Test
        @DisplayName("finds the object as is, in a fence, or inside prose")
        void finds() throws Exception {
            assertThat(JsonReply.parseObject("{\"a\":1}")).containsEntry("a", 1);
            assertThat(JsonReply.parseObject("Sure:\n```json\n{\"a\":2}\n```")).containsEntry("a", 2);
            assertThat(JsonReply.parseObject("The spec is {\"a\":{\"b\":\"}\"}} as asked.")).containsKey("a");
            assertThat(JsonReply.parseObject("{\"a\":3}\nHope this helps")).containsEntry("a", 3);
        }

        @Test
        @DisplayName("says why a reply is unusable")
        void errors() {
            assertThatThrownBy(() -> JsonReply.parseObject("")).hasMessageContaining("empty");
            assertThatThrownBy(() -> JsonReply.parseObject("no json here")).hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> JsonReply.parseObject("{\"a\":1,}")).hasMessageContaining("line 1");
            assertThatThrownBy(() -> JsonReply.parseObject("\"text\"")).hasMessageContaining("not an object");
        }
    }

    @Nested
    @DisplayName("removing a field by its SpecException path")
    class RemovePath {

        Map<String, Object> doc() {
            Map<String, Object> ingress = new LinkedHashMap<>(Map.of("hosts", new ArrayList<>(List.of("a.example", "bad host"))));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ports", new ArrayList<>(List.of(8080, 70000)));
            doc.put("ingress", ingress);
            return doc;
        }

        @Test
        @DisplayName("removes the deepest node the path reaches")
        void deepest() {
            Map<String, Object> doc = doc();
            assertThat(SpecSanitizer.removePath(doc, "spec.ingress.hosts[1]")).isEqualTo("ingress.hosts[1]");
            assertThat(SpecSanitizer.removePath(doc, "spec.ports[1].containerPort")).isEqualTo("ports[1]");
            assertThat(doc).isEqualTo(Map.of("ports", List.of(8080), "ingress", Map.of("hosts", List.of("a.example"))));
        }

        @Test
        @DisplayName("returns null for a path outside the document")
        void outside() {
            assertThat(SpecSanitizer.removePath(doc(), "spec.probes.liveness")).isNull();
            assertThat(SpecSanitizer.removePath(doc(), "spec")).isNull();
        }
    }
}
