package dev.k8sautopilot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Combinations the generated chart's values check refuses are refused by the spec already (found by the property suite). */
class SpecCombinationsTest {

    private static ChartSpec.Builder web() {
        return ChartSpec.builder().name("web").image(Image.parse("nginx:1.27.3")).ports(List.of(Port.of("http", 8080)));
    }

    @Test
    @DisplayName("a PDB with both minAvailable and maxUnavailable is refused, naming the fix")
    void pdbBoth() {
        assertThatThrownBy(() -> new PdbSpec(true, "1", "25%")).isInstanceOf(SpecException.class)
                .hasMessageContaining("maxUnavailable").hasMessageContaining("set only one of minAvailable and maxUnavailable");
        assertThat(new PdbSpec(true, "1", null).maxUnavailable()).isEmpty();
        assertThat(new PdbSpec(true, null, "25%").minAvailable()).isEmpty();
    }

    @Test
    @DisplayName("an existing ReadWriteOnce claim with several replicas is refused; one replica or ReadWriteMany is fine")
    void existingClaimReplicas() {
        Persistence rwo = new Persistence(true, "1Gi", AccessMode.READ_WRITE_ONCE, null, null, "data");
        assertThatThrownBy(() -> web().persistence(rwo).replicas(3).build()).isInstanceOf(SpecException.class)
                .hasMessageContaining("persistence.existingClaim").hasMessageContaining("3 replicas");
        assertThat(web().persistence(rwo).replicas(1).build().persistence().existingClaim()).isEqualTo("data");
        Persistence rwx = new Persistence(true, "1Gi", AccessMode.READ_WRITE_MANY, null, null, "data");
        assertThat(web().persistence(rwx).replicas(3).build().replicas()).isEqualTo(3);
    }

    @Test
    @DisplayName("a Traefik https redirect implies TLS, as the planner decides it")
    void redirectImpliesTls() {
        TraefikOptions redirect = new TraefikOptions(null, true, false, null, null, null);
        assertThat(new IngressSpec(true, IngressController.TRAEFIK, null, List.of("a.example.com"), "/", null, false, null, null, redirect)
                .tls()).isTrue();
        assertThat(new IngressSpec(true, IngressController.NGINX, null, List.of("a.example.com"), "/", null, false, null, null, null)
                .tls()).isFalse();
    }

    @Test
    @DisplayName("ingress paths with braces, tabs or other whitespace are refused like the chart refuses them")
    void pathCharacters() {
        for (String path : List.of("/a{b", "/a}b", "/a\tb", "/a b", "/a`b")) {
            assertThatThrownBy(() -> new IngressSpec(true, null, null, null, path, null, false, null, null, null))
                    .as(path).isInstanceOf(SpecException.class).hasMessageContaining("path");
        }
        assertThat(new IngressSpec(true, null, null, null, "/api/v1.2/~x%20", null, false, null, null, null).path()).isEqualTo("/api/v1.2/~x%20");
    }

    @Test
    @DisplayName("maintainer URLs and e-mails that helm lint refuses are refused with the field name")
    void maintainerContacts() {
        assertThatThrownBy(() -> new Maintainer("team", null, "https://a--b.example.com")).isInstanceOf(SpecException.class)
                .hasMessageContaining("url");
        assertThatThrownBy(() -> new Maintainer("team", null, "ftp://example.com")).isInstanceOf(SpecException.class);
        assertThatThrownBy(() -> new Maintainer("team", "not an address", null)).isInstanceOf(SpecException.class)
                .hasMessageContaining("email");
        Maintainer ok = new Maintainer("team", "team@acme-corp.example.com", "https://git.example.com:8443/acme/orders?y=1");
        assertThat(ok.url()).startsWith("https://");
        assertThat(new Maintainer("team", "", "https://github.com/k8s-autopilot").email()).isEmpty();
    }
}
