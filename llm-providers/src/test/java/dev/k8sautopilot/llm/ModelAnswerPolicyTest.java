package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.ValueSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModelAnswerPolicyTest {

    record Outcome(Map<String, Object> doc, List<String> warnings, List<PlanDecision> decisions) {
        List<String> droppedTopics() {
            return decisions.stream().filter(d -> !d.isApplied()).map(PlanDecision::topic).toList();
        }
    }

    @SuppressWarnings("unchecked")
    static Outcome review(String request, String answer) {
        List<String> warnings = new ArrayList<>();
        ModelAnswerPolicy.Review review = new ModelAnswerPolicy.Review(warnings);
        Map<String, Object> doc;
        try {
            doc = SpecSanitizer.sanitize(JsonReply.parseObject(answer), ChartRequest.of(request), review);
        } catch (JsonReply.Invalid e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return new Outcome(doc, warnings, review.decisions());
    }

    @Nested
    @DisplayName("grounds")
    class GroundsChecks {

        @Test
        @DisplayName("an image is grounded by its whole reference only, with Docker Hub spellings equal")
        void wholeReference() {
            Grounds g = Grounds.ofText("Deploy ghcr.io/acme/orders:2.3.1 and nginx:1.27.3 please.");

            assertThat(g.namesImage("ghcr.io/acme/orders:2.3.1")).isTrue();
            assertThat(g.namesImage("docker.io/evilcorp/orders:2.3.1")).isFalse();
            assertThat(g.namesImage("ghcr.io/acme/orders:2.3.2")).isFalse();
            assertThat(g.namesImage("ghcr.io/evil/orders:2.3.1")).isFalse();
            assertThat(g.namesImage("docker.io/library/nginx:1.27.3")).isTrue();
            assertThat(g.namesImage("nginx:1.27.3")).isTrue();
            assertThat(g.namesImage("nginx")).as("no tag is not the named tag").isFalse();
            assertThat(g.pinnedImages()).containsExactly("ghcr.io/acme/orders:2.3.1", "docker.io/library/nginx:1.27.3");
        }

        @Test
        @DisplayName("values match on token boundaries, case-insensitively")
        void tokens() {
            Grounds g = Grounds.ofText("Mount config at /var/lib/data, namespace Payments, port 8080");

            assertThat(g.mentions("/data")).isFalse();
            assertThat(g.mentions("/var/lib/data")).isTrue();
            assertThat(g.mentions("payments")).isTrue();
            assertThat(g.mentions("pay")).isFalse();
            assertThat(g.mentions("808")).isFalse();
            assertThat(g.mentions("")).isFalse();
        }

        @Test
        @DisplayName("cloud metadata endpoints are recognised")
        void metadataEndpoints() {
            assertThat(Grounds.pointsAtMetadataService("http://169.254.169.254/latest")).isTrue();
            assertThat(Grounds.pointsAtMetadataService("http://metadata.google.internal/computeMetadata")).isTrue();
            assertThat(Grounds.pointsAtMetadataService("http://orders:8080")).isFalse();
        }
    }

    @Nested
    @DisplayName("what the request grounds is kept (honest paths)")
    class Grounded {

        @Test
        @DisplayName("a LoadBalancer, a namespace, a named sidecar, a named RBAC rule, writable paths and a config file the request asks for")
        void namedValuesStay() {
            Outcome o = review("Deploy ghcr.io/acme/api:1.0.0 in namespace payments behind a LoadBalancer, with a sidecar "
                            + "ghcr.io/acme/proxy:2.1 run as proxy --listen 9000; its role must read configmaps; "
                            + "it writes to /var/cache/api; config file app.yaml mounted at /etc/api; label team=payments",
                    """
                    {"name": "api", "image": "ghcr.io/acme/api:1.0.0", "ports": [8080], "namespace": "payments",
                     "service": {"type": "LoadBalancer"},
                     "sidecars": [{"name": "proxy", "image": "ghcr.io/acme/proxy:2.1", "args": ["proxy", "--listen", "9000"]}],
                     "rbac": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "watch"]}],
                     "security": {"writablePaths": ["/var/cache/api"]},
                     "configFiles": [{"fileName": "app.yaml", "mountPath": "/etc/api", "content": "a: 1"}],
                     "commonLabels": {"team": "payments"}}
                    """);

            assertThat(o.droppedTopics()).isEmpty();
            assertThat(o.doc()).containsKeys("namespace", "service", "sidecars", "rbac", "security", "configFiles", "commonLabels");
            assertThat(o.doc().get("image")).isEqualTo("ghcr.io/acme/api:1.0.0");
        }

        @Test
        @DisplayName("a dropped environment variable is reported without a secret's value or a URL's credentials")
        void droppedSecretValueIsMasked() {
            Outcome o = review("app ghcr.io/acme/api:1.0.0 on port 8080", """
                    {"name": "api", "image": "ghcr.io/acme/api:1.0.0", "ports": [8080],
                     "env": [{"name": "DB_PASSWORD", "value": "hunter2"}, {"name": "MODE", "value": "fast"},
                             {"name": "LOG_URL", "value": "https://user:s3cret@logs.example.com"}]}
                    """);

            assertThat(o.warnings()).anySatisfy(w -> assertThat(w).contains("DB_PASSWORD"))
                    .anySatisfy(w -> assertThat(w).contains("MODE=fast"))
                    .anySatisfy(w -> assertThat(w).contains("LOG_URL=https://user:"))
                    .allSatisfy(w -> assertThat(w).doesNotContain("hunter2").doesNotContain("s3cret"));
            assertThat(o.decisions()).extracting(PlanDecision::choice).noneMatch(c -> c.contains("hunter2") || c.contains("s3cret"));
        }

        @Test
        @DisplayName("system directories stay refused even when named")
        void systemPathsAlwaysRefused() {
            Outcome o = review("app ghcr.io/acme/api:1.0.0 writing to /etc and /root/.ssh",
                    "{\"name\":\"api\",\"security\":{\"writablePaths\":[\"/etc\",\"/root/.ssh\"]}}");

            assertThat(o.warnings()).allSatisfy(w -> assertThat(w).contains("system directory"));
            assertThat(o.warnings()).hasSize(2);
        }

        @Test
        @DisplayName("kept values carry source request when named, llm when a low-risk inference")
        void sourcesOfKeptValues() {
            List<String> warnings = new ArrayList<>();
            ModelAnswerPolicy.Review review = new ModelAnswerPolicy.Review(warnings);
            Map<String, Object> doc = Map.of("image", "ghcr.io/acme/api:1.0.0", "replicas", 3, "workload", "StatefulSet");
            ModelAnswerPolicy.recordKept(doc, Grounds.ofText("ghcr.io/acme/api:1.0.0 with 3 replicas"), Map.of(), review);

            assertThat(review.decisions()).extracting(PlanDecision::topic, PlanDecision::source)
                    .contains(org.assertj.core.groups.Tuple.tuple("image", ValueSource.REQUEST),
                            org.assertj.core.groups.Tuple.tuple("replicas", ValueSource.REQUEST),
                            org.assertj.core.groups.Tuple.tuple("workload", ValueSource.LLM));
        }
    }

    @Nested
    @DisplayName("strict structured output")
    class Strict {

        @Test
        @DisplayName("memory or storage without a unit is refused, fractional counts are refused")
        void quantities() {
            Outcome o = review("redis with 1Gi of storage and 3 replicas", """
                    {"name": "redis", "replicas": 2.5, "autoscaling": {"maxReplicas": 3.7},
                     "resources": {"requestsMemory": "512", "limitsMemory": 1024, "requestsCpu": "0.5"},
                     "persistence": {"enabled": true, "size": "10"}}
                    """);

            assertThat(o.droppedTopics()).contains("replicas", "autoscaling.maxReplicas", "resources.requestsMemory",
                    "resources.limitsMemory", "persistence.size");
            assertThat(o.warnings()).anySatisfy(w -> assertThat(w).contains("a bare number would mean bytes; write the unit, e.g. 512Mi"));
            assertThat(o.warnings()).anySatisfy(w -> assertThat(w).contains("a whole number is required; 2.5"));
            @SuppressWarnings("unchecked")
            Map<String, Object> resources = (Map<String, Object>) o.doc().get("resources");
            assertThat(resources).containsEntry("requestsCpu", "0.5");
        }

        @Test
        @DisplayName("a strict-mode answer (every field present, null = not stated) reads as the partial spec it means")
        void strictNulls() {
            Outcome o = review("Deploy ghcr.io/acme/api:1.0.0 on port 8080", """
                    {"name": "api", "image": "ghcr.io/acme/api:1.0.0", "ports": [{"name": null, "containerPort": 8080}],
                     "replicas": null, "autoscaling": {"enabled": null, "minReplicas": null}, "service": null,
                     "persistence": {"enabled": null, "size": null}, "namespace": null, "existingSecret": null}
                    """);

            assertThat(o.droppedTopics()).isEmpty();
            assertThat(o.doc()).containsOnlyKeys("name", "image", "ports");
        }
    }
}
