package dev.k8sautopilot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChartSpecTest {

    private static ChartSpec.Builder minimal() {
        return ChartSpec.builder().name("web").image(Image.parse("nginx:1.27.3")).ports(List.of(Port.of("http", 8080)));
    }

    @Nested
    @DisplayName("defaults")
    class Defaults {
        @Test
        void minimalSpecGetsEveryDefault() {
            ChartSpec spec = minimal().build();
            assertThat(spec.chartVersion()).isEqualTo("0.1.0");
            assertThat(spec.appVersion()).isEqualTo("1.27.3");
            assertThat(spec.workload()).isEqualTo(Workload.DEPLOYMENT);
            assertThat(spec.replicas()).isEqualTo(1);
            assertThat(spec.service().type()).isEqualTo(ServiceType.CLUSTER_IP);
            assertThat(spec.security().runAsUser()).isEqualTo(10001);
            assertThat(spec.security().readOnlyRoot()).isTrue();
            assertThat(spec.ingress().enabled()).isFalse();
            assertThat(spec.description()).contains("web");
            assertThat(spec.hasService()).isTrue();
        }

        @Test
        void toBuilderRoundTripsEveryField() {
            ChartSpec spec = minimal().replicas(3).tier(Tier.PROD).build();
            assertThat(spec.toBuilder().build()).isEqualTo(spec);
        }
    }

    @Nested
    @DisplayName("validation names the field and the fix")
    class Validation {
        @Test
        void rejectsNameThatIsNotADnsLabel() {
            assertThatThrownBy(() -> minimal().name("My_App").build())
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("name")
                    .hasMessageContaining("my-app");
        }

        @Test
        void rejectsTooLongName() {
            assertThatThrownBy(() -> minimal().name("a".repeat(54)).build())
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("at most 53");
        }

        @Test
        void rejectsPathTraversalName() {
            assertThatThrownBy(() -> minimal().name("../../x").build()).isInstanceOf(SpecException.class);
        }

        @Test
        void rejectsPortOutOfRange() {
            assertThatThrownBy(() -> Port.of("http", 70000))
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("containerPort")
                    .hasMessageContaining("between 1 and 65535");
        }

        @Test
        void rejectsDuplicatePorts() {
            assertThatThrownBy(() -> minimal().ports(List.of(Port.of("http", 80), Port.of("http", 81))).build())
                    .hasMessageContaining("ports[1].name");
        }

        @Test
        void rejectsProbeOnUnknownPort() {
            Probe p = new Probe(true, ProbeType.HTTP, "/", "admin", null, 0, 0, 0, 0, 0);
            assertThatThrownBy(() -> minimal().probes(new Probes(p, null, null)).build())
                    .hasMessageContaining("probes.liveness.port");
        }

        @Test
        void rejectsHttpProbeWithoutPort() {
            Probe http = new Probe(true, ProbeType.HTTP, "/", "", null, 0, 0, 0, 0, 0);
            assertThatThrownBy(() -> minimal().ports(List.of()).probes(new Probes(http, null, null)).build())
                    .hasMessageContaining("probes.liveness")
                    .hasMessageContaining("exec probe");
        }

        @Test
        void withoutPortsAndProbesTheSpecIsValidWithoutProbes() {
            ChartSpec spec = minimal().ports(List.of()).build();
            assertThat(spec.probes().liveness().enabled()).isFalse();
            assertThat(spec.probes().readiness().enabled()).isFalse();
            assertThat(spec.hasService()).isFalse();
        }

        @Test
        void rejectsSecretEnvThatIsAlsoPlainEnv() {
            assertThatThrownBy(() -> minimal().env(List.of(new EnvVar("TOKEN", "x"))).secretEnv(List.of(SecretEnv.of("TOKEN"))).build())
                    .hasMessageContaining("secretEnv[0].name");
        }

        @Test
        void rejectsDangerousCapabilities() {
            assertThatThrownBy(() -> new SecuritySpec(0, 0, 0, null, null, List.of("SYS_ADMIN")))
                    .hasMessageContaining("SYS_ADMIN");
        }

        @Test
        void rejectsWildcardRbac() {
            assertThatThrownBy(() -> new RbacRule(null, List.of("*"), List.of("get")))
                    .hasMessageContaining("too broad");
        }

        @Test
        void rejectsAutoscalingRangeUpsideDown() {
            assertThatThrownBy(() -> new Autoscaling(true, 5, 2, 70, 0)).hasMessageContaining("maxReplicas");
        }

        @Test
        void rejectsInvalidHost() {
            assertThatThrownBy(() -> new IngressSpec(true, null, null, List.of("{{ .Release.Name }}"), null, null, false, null, null, null))
                    .hasMessageContaining("hosts[0]");
        }
    }

    @Nested
    @DisplayName("image references")
    class Images {
        @Test
        void parsesRegistryRepositoryTag() {
            Image i = Image.parse("ghcr.io/acme/orders-api:2.4.1");
            assertThat(i.registry()).isEqualTo("ghcr.io");
            assertThat(i.repository()).isEqualTo("acme/orders-api");
            assertThat(i.tag()).isEqualTo("2.4.1");
            assertThat(i.reference()).isEqualTo("ghcr.io/acme/orders-api:2.4.1");
        }

        @Test
        void officialImagesGetLibraryPrefix() {
            Image i = Image.parse("nginx");
            assertThat(i.reference()).isEqualTo("docker.io/library/nginx");
            assertThat(i.pinned()).isFalse();
            assertThat(i.shortName()).isEqualTo("nginx");
        }

        @Test
        void registryWithPortAndDigest() {
            String digest = "sha256:" + "a".repeat(64);
            Image i = Image.parse("localhost:5000/team/app@" + digest);
            assertThat(i.registry()).isEqualTo("localhost:5000");
            assertThat(i.digest()).isEqualTo(digest);
            assertThat(i.pinned()).isTrue();
        }

        @Test
        void latestIsNotPinned() {
            assertThat(Image.parse("acme/app:latest").pinned()).isFalse();
        }

        @Test
        void rejectsGarbage() {
            assertThatThrownBy(() -> Image.parse("UPPER/Case:1")).isInstanceOf(SpecException.class).hasMessageContaining("image");
            assertThatThrownBy(() -> Image.parse("app:{{bad}}")).isInstanceOf(SpecException.class);
        }
    }
}
