package dev.k8sautopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.WriteMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shortened values in the README parameter tables (a case found by the random-spec property suite in examples/benchmarks). */
class ReadmeTextTest {

    @ParameterizedTest
    @ValueSource(ints = {73, 74, 75, 76})
    @DisplayName("a long value is never cut inside an emoji, so the chart can be written as UTF-8")
    void cutBetweenCodePoints(int padding, @TempDir Path dir) {
        String value = "x".repeat(padding) + "😀".repeat(10);
        ChartSpec spec = ChartSpec.builder().name("web").image(Image.parse("nginx:1.27.3")).ports(List.of(Port.of("http", 8080)))
                .description(value).env(List.of(new EnvVar("GREETING", value))).build();
        ChartFiles files = HelmSupport.generate(spec);

        files.files().forEach((path, text) -> assertThat(text.codePoints().noneMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF))
                .as("%s has a lone surrogate", path).isTrue());
        files.writeTo(dir, WriteMode.OVERWRITE);
        assertThat(dir.resolve("web/README.md")).exists();
    }
}
