package dev.k8sautopilot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartSpecsTest {

    @Nested
    @DisplayName("reading")
    class Reading {
        @Test
        void readsMinimalYamlWithShorthands() {
            ChartSpec spec = ChartSpecs.parse("""
                    name: web
                    image: nginx:1.27.3
                    ports: [8080, 9090]
                    env: {LOG_LEVEL: debug}
                    secretEnv: [API_TOKEN]
                    """);
            assertThat(spec.image().reference()).isEqualTo("docker.io/library/nginx:1.27.3");
            assertThat(spec.ports()).extracting(Port::name).containsExactly("http", "http-2");
            assertThat(spec.env()).containsExactly(new EnvVar("LOG_LEVEL", "debug"));
            assertThat(spec.secretEnv()).extracting(SecretEnv::key).containsExactly("api-token");
        }

        @Test
        @DisplayName("a probe written without enabled is enabled; enabled: false still switches it off")
        void writtenProbeIsEnabled() {
            ChartSpec spec = ChartSpecs.parse("""
                    name: web
                    image: nginx:1.27.3
                    ports: [8080]
                    probes:
                      liveness: {type: http, path: /healthz}
                      readiness: {enabled: false}
                    """);
            assertThat(spec.probes().liveness().enabled()).isTrue();
            assertThat(spec.probes().liveness().path()).isEqualTo("/healthz");
            assertThat(spec.probes().readiness().enabled()).isFalse();
        }

        @Test
        void readsJson() {
            ChartSpec spec = ChartSpecs.parse("{\"name\": \"api\", \"image\": {\"repository\": \"acme/api\", \"tag\": \"1.0.0\"},"
                    + " \"ports\": [{\"name\": \"http\", \"containerPort\": 8080}], \"workload\": \"statefulset\"}");
            assertThat(spec.workload()).isEqualTo(Workload.STATEFULSET);
        }

        @Test
        void unknownFieldIsNamedWithSuggestion() {
            assertThatThrownBy(() -> ChartSpecs.parse("name: web\nimage: nginx:1.27.3\nports: [80]\nreplica: 3\n"))
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("spec.replica")
                    .hasMessageContaining("did you mean 'replicas'");
        }

        @Test
        @DisplayName("suggestions count a swap of neighbours as two edits (Levenshtein): two swaps are too far for a short name")
        void suggestionsUseLevenshteinDistance() {
            assertThatThrownBy(() -> ChartSpecs.parse("name: web\nimage: nginx:1.27.3\nports: [80]\nrpelicsa: 3\n"))
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("spec.rpelicsa")
                    .hasMessageContaining("remove it")
                    .hasMessageNotContaining("did you mean");
            assertThatThrownBy(() -> ChartSpecs.parse("name: web\nimage: nginx:1.27.3\nports: [80]\nREPILCAS: 3\n"))
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("did you mean 'replicas'");
        }

        @Test
        void nestedErrorNamesThePath() {
            assertThatThrownBy(() -> ChartSpecs.parse("name: web\nimage: nginx:1.27.3\nports:\n  - name: http\n    containerPort: 70000\n"))
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("spec.ports[0].containerPort")
                    .hasMessageContaining("65535");
        }

        @Test
        void wrongTypeIsNamed() {
            assertThatThrownBy(() -> ChartSpecs.parse("name: web\nimage: nginx:1.27.3\nports: [80]\nreplicas: three\n"))
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("spec.replicas")
                    .hasMessageContaining("whole number");
        }

        @Test
        void badEnumListsAllowedValues() {
            assertThatThrownBy(() -> ChartSpecs.parse("name: web\nimage: nginx:1.27.3\nports: [80]\nservice: {type: Public}\n"))
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("spec.service.type")
                    .hasMessageContaining("LoadBalancer");
        }

        @Test
        void missingImageSaysHowToFix() {
            assertThatThrownBy(() -> ChartSpecs.parse("name: web\n"))
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("image")
                    .hasMessageContaining("is required");
        }

        @Test
        void refusesAliasBomb() {
            StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
            for (int i = 1; i < 12; i++) {
                sb.append("a").append(i).append(": &a").append(i).append(" [");
                for (int j = 0; j < 9; j++) {
                    sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
                }
                sb.append("]\n");
            }
            assertThatThrownBy(() -> ChartSpecs.parse(sb.toString())).isInstanceOf(SpecException.class).hasMessageContaining("spec");
        }

        @Test
        void refusesDeepNesting() {
            String deep = "name: " + "[".repeat(10_000) + "]".repeat(10_000);
            assertThatThrownBy(() -> ChartSpecs.parse(deep)).isInstanceOf(SpecException.class).hasMessageContaining("nested");
        }

        @Test
        void refusesNonMappingsAndBinary() {
            assertThatThrownBy(() -> ChartSpecs.parse("- a\n- b\n")).hasMessageContaining("must be a mapping");
            assertThatThrownBy(() -> ChartSpecs.parse("name: a\u0000")).hasMessageContaining("binary");
            assertThatThrownBy(() -> ChartSpecs.parse("  ")).hasMessageContaining("empty");
            assertThatThrownBy(() -> ChartSpecs.parse("name: [unclosed")).hasMessageContaining("not valid YAML");
        }

        @Test
        void refusesNonUtf8File(@TempDir Path dir) throws Exception {
            Path f = dir.resolve("spec.yaml");
            Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
            assertThatThrownBy(() -> ChartSpecs.read(f)).hasMessageContaining("not UTF-8");
        }

        @Test
        void missingFileIsAClearError(@TempDir Path dir) {
            assertThatThrownBy(() -> ChartSpecs.read(dir.resolve("nope.yaml"))).isInstanceOf(SpecException.class)
                    .hasMessageContaining("cannot read");
        }
    }

    @Test
    void yamlAndJsonRoundTrip() {
        ChartSpec spec = ChartSpecs.parse("""
                name: db
                image: postgres:16.4
                workload: StatefulSet
                ports: [{name: postgres, containerPort: 5432}]
                persistence: {enabled: true, size: 20Gi, mountPath: /var/lib/postgresql/data}
                secretEnv: [POSTGRES_PASSWORD]
                ingress: {enabled: false}
                tier: prod
                """);
        assertThat(ChartSpecs.parse(ChartSpecs.toYaml(spec))).isEqualTo(spec);
        assertThat(ChartSpecs.parse(ChartSpecs.toJson(spec))).isEqualTo(spec);
    }
}
