package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("helm-java native library")
class HelmJavaSmokeTest {

    @Test
    @DisplayName("loads on this machine: create, lint --strict and template a chart")
    void loads(@TempDir Path dir) {
        Helm.create().withName("smoke").withDir(dir).call();
        Path chart = dir.resolve("smoke");
        LintResult lint = new Helm(chart).lint().strict().call();
        String out = new Helm(chart).template().withName("rel").withNamespace("ns").withKubeVersion("1.31.0").call();
        assertThat(out).contains("kind: Deployment").contains("# Source: smoke/templates/deployment.yaml");
        assertThat(lint.isFailed()).isFalse();
    }
}
