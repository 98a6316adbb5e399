package dev.k8sautopilot.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OciReferenceTest {

    @Test
    void parsesHostPortAndRepository() {
        OciReference r = OciReference.parse("oci://127.0.0.1:5000/team/charts/");
        assertThat(r.host()).isEqualTo("127.0.0.1:5000");
        assertThat(r.repository()).isEqualTo("team/charts");
        assertThat(r.uri()).isEqualTo("oci://127.0.0.1:5000/team/charts");
        assertThat(r.chartReference("web", "1.2.3+build.7")).isEqualTo("127.0.0.1:5000/team/charts/web:1.2.3_build.7");
    }

    @Test
    void aHostWithoutRepositoryIsAllowed() {
        assertThat(OciReference.parse("oci://registry.example.com").chartRepository("web")).isEqualTo("web");
    }

    @Test
    void refusesOtherSchemesAndBadNames() {
        assertThatThrownBy(() -> OciReference.parse("https://registry.example.com/charts"))
                .isInstanceOf(PublishException.class).hasMessageContaining("not an OCI reference").hasMessageContaining("fix: write it like oci://");
        assertThatThrownBy(() -> OciReference.parse("oci://registry.example.com/Charts"))
                .hasMessageContaining("not a valid OCI repository name");
        assertThatThrownBy(() -> OciReference.parse("oci:///charts")).hasMessageContaining("registry host");
        assertThatThrownBy(() -> OciReference.parse("oci://reg/../etc")).hasMessageContaining("not a valid OCI repository name");
    }

    @Test
    void credentialsNeverShowThePassword() {
        assertThat(RegistryCredentials.of("ci", "hunter2").toString()).doesNotContain("hunter2").contains("ci");
        assertThatThrownBy(() -> RegistryCredentials.of("ci", "")).hasMessageContaining("password-stdin");
    }
}
