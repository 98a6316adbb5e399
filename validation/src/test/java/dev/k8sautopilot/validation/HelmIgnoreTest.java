package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HelmIgnoreTest {

    @Test
    @DisplayName("base names, paths, directories, anchored patterns and Helm's default rule")
    void rules() {
        HelmIgnore ignore = HelmIgnore.parse("# comment\n*.png\nimg/\n/CHANGELOG.md\nfiles/secret-*.txt\n");
        assertThat(ignore.ignored("files/logo.png")).isTrue();
        assertThat(ignore.ignored("img/a.svg")).isTrue();
        assertThat(ignore.ignored("CHANGELOG.md")).isTrue();
        assertThat(ignore.ignored("docs/CHANGELOG.md")).isFalse();
        assertThat(ignore.ignored("files/secret-1.txt")).isTrue();
        assertThat(ignore.ignored("templates/.hidden.yaml")).isTrue();
        assertThat(ignore.ignored("templates/deployment.yaml")).isFalse();
        assertThat(ignore.ignored("values.yaml")).isFalse();
    }

    @Test
    @DisplayName("** is not supported by Helm and matches nothing")
    void doubleStar() {
        assertThat(HelmIgnore.parse("**/x.yaml\n").ignored("a/x.yaml")).isFalse();
    }
}
