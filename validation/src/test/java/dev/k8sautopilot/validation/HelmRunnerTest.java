package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("HelmRunner")
class HelmRunnerTest {

    @Test
    @DisplayName("a missing chart and a native linkage error come back as outcomes, not exceptions")
    void failures(@TempDir Path dir) {
        HelmRunner.Outcome<String> out = HelmRunner.template(dir.resolve("none"), "1.31.0", Optional.empty());
        assertThat(out.ok()).isFalse();
        assertThat(out.error()).isNotBlank();
        var lint = HelmRunner.lint(dir.resolve("none"), true);
        assertThat(!lint.ok() || lint.value().orElseThrow().isFailed()).isTrue();
        assertThat(HelmRunner.describe(new UnsatisfiedLinkError("libhelm.so"))).contains("native library").contains("libhelm.so");
    }

    @Test
    @DisplayName("concurrent lint and template calls on different charts do not mix up their results")
    void concurrent(@TempDir Path dir) throws Exception {
        List<Path> charts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Helm.create().withName("c" + i).withDir(dir).call();
            charts.add(dir.resolve("c" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<String>> futures = new ArrayList<>();
                for (int i = 0; i < charts.size(); i++) {
                    Path c = charts.get(i);
                    futures.add(i % 2 == 0
                            ? pool.submit(() -> HelmRunner.template(c, "1.31.0", Optional.empty()).value().orElse(""))
                            : pool.submit(() -> HelmRunner.lint(c, true).ok() + " " + c.getFileName() + "/"));
                }
                for (int i = 0; i < charts.size(); i++) {
                    assertThat(futures.get(i).get()).contains("c" + i + "/");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
