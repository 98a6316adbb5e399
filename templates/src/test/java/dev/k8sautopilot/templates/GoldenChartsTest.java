package dev.k8sautopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of representative charts under {@code src/test/resources/golden/<chart>/}. Regenerate
 * them after an intended change with:
 *
 * <pre>
 * mvn -pl templates -am test -Dtest=GoldenChartsTest -Dgolden.update=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@DisplayName("Golden charts")
class GoldenChartsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<Arguments> charts() {
        return Stream.of(Arguments.of("stateless web app", TestSpecs.webApp()),
                Arguments.of("database StatefulSet", TestSpecs.database()),
                Arguments.of("Traefik app with middlewares", TestSpecs.traefikApp()),
                Arguments.of("DaemonSet node agent", TestSpecs.nodeAgent()),
                Arguments.of("Gateway API HTTPRoute app", TestSpecs.gatewayApp()),
                Arguments.of("umbrella chart with a companion subchart", TestSpecs.umbrella()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void matchesGoldenFiles(String what, ChartSpec spec) throws IOException {
        ChartFiles files = HelmSupport.generate(spec);
        Path dir = GOLDEN.resolve(files.name());
        if (Boolean.getBoolean("golden.update")) {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (Map.Entry<String, String> e : files.files().entrySet()) {
                Path target = dir.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
            }
        }
        assertThat(dir).as("golden files of %s; create them with -Dgolden.update=true", what).isDirectory();
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(dir)) {
            onDisk = walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(onDisk).as(what).containsExactlyElementsOf(new TreeSet<>(files.paths()));
        for (String path : files.paths()) {
            assertThat(files.get(path).orElseThrow()).as(what + ": " + path)
                    .isEqualTo(Files.readString(dir.resolve(path), StandardCharsets.UTF_8));
        }
    }
}
