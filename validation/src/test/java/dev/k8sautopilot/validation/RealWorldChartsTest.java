package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unmodified Bitnami charts (src/test/resources/realworld, Apache-2.0): validated offline like
 * {@code helm template} would render them, and left alone by repair.
 */
class RealWorldChartsTest {

    private static final List<String> CHECKING_LAYERS = List.of("lint", "template", "kubernetes", "deprecation", "security");
    private static ValidationReport nginx;
    private static ValidationReport redis;

    static Path chart(String name) {
        try {
            return Path.of(Objects.requireNonNull(RealWorldChartsTest.class.getResource("/realworld/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void validate() {
        DefaultValidator validator = new DefaultValidator();
        nginx = validator.validate(chart("nginx"), ValidationOptions.defaults());
        redis = validator.validate(chart("redis"), ValidationOptions.defaults());
    }

    private static void everyLayerRan(ValidationReport report) {
        assertThat(report.layers()).filteredOn(l -> CHECKING_LAYERS.contains(l.layer()))
                .hasSize(CHECKING_LAYERS.size())
                .allSatisfy(l -> assertThat(l.skipped()).as(l.layer() + " " + l.note() + "\n" + report.format()).isFalse());
        assertThat(report.byRule("template-render-failed")).as(report.format()).isEmpty();
    }

    @Nested
    @DisplayName("validate renders charts that use lookup offline")
    class Validate {

        @Test
        @DisplayName("nginx (lookup, common as a directory): every layer runs and reports on rendered objects")
        void nginx() {
            everyLayerRan(nginx);
            assertThat(nginx.findings()).filteredOn(f -> f.resource().startsWith("Deployment/"))
                    .as(nginx.format()).isNotEmpty();
        }

        @Test
        @DisplayName("redis (lookup, common packaged as .tgz): the packaged subchart is read as Helm reads it")
        void redis() {
            everyLayerRan(redis);
            assertThat(redis.findings()).extracting(Finding::message).noneMatch(m -> m.contains("gzip"));
            assertThat(redis.byRule("file-not-text")).isEmpty();
            assertThat(redis.byRule("sec-secret-env-literal")).as("REDIS_PASSWORD_FILE and ALLOW_EMPTY_PASSWORD=no are not secrets")
                    .isEmpty();
            assertThat(redis.findings()).filteredOn(f -> f.resource().startsWith("StatefulSet/"))
                    .as(redis.format()).isNotEmpty();
        }

        @Test
        @DisplayName("files Helm never loads (.helmignore) and valid UTF-8 with U+FFFD give no file-not-text")
        void noFalseBinaryFindings() {
            assertThat(nginx.byRule("file-not-text")).as(nginx.format()).isEmpty();
            assertThat(nginx.byRule("yaml-tab-indent")).as(nginx.format()).isEmpty();
        }
    }

    /** The real-world corpus and the generated golden charts of the templates module. */
    static List<Path> corpus() throws IOException {
        List<Path> out = new java.util.ArrayList<>(List.of(chart("nginx"), chart("redis")));
        Path golden = Path.of("../templates/src/test/resources/golden");
        if (Files.isDirectory(golden)) {
            try (Stream<Path> dirs = Files.list(golden)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve("Chart.yaml"))).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @TestFactory
    @DisplayName("repair does no harm: a chart without errors is left byte-identical, any other gains no finding")
    Stream<DynamicTest> repairDoesNoHarm(@TempDir Path temp) throws IOException {
        return corpus().stream().map(source -> DynamicTest.dynamicTest(source.getFileName().toString(), () -> {
            Path copy = temp.resolve(source.getFileName().toString());
            copyTree(source, copy);
            Map<String, byte[]> before = snapshot(copy);
            ValidationReport first = new DefaultValidator().validate(copy, ValidationOptions.defaults());
            ChartPipeline pipeline = ChartPipeline.builder().checkpointer(new MemoryCheckpointer())
                    .approvals(ApprovalHandlers.autoApprove()).outputDirectory(temp).build();
            RunResult result = pipeline.repair(copy);
            Map<String, byte[]> after = snapshot(copy);
            if (first.passed()) {
                assertThat(after.keySet()).as(result.toString()).isEqualTo(before.keySet());
                before.forEach((path, bytes) -> assertThat(after.get(path)).as(path + ": " + result).isEqualTo(bytes));
            } else {
                ValidationReport last = new DefaultValidator().validate(copy, ValidationOptions.defaults());
                Set<String> known = first.findings().stream().map(RealWorldChartsTest::key).collect(Collectors.toSet());
                assertThat(last.findings()).as(first.format() + "\n→\n" + last.format())
                        .allSatisfy(f -> assertThat(known).contains(key(f)));
            }
        }));
    }

    private static String key(Finding f) {
        return f.ruleId() + "|" + f.file() + "|" + f.resource() + "|" + f.message().replaceAll("\\d+", "#");
    }

    @Test
    @DisplayName("ChartFiles.read keeps the packaged subchart byte for byte")
    void packagedSubchartKept() throws IOException {
        ChartFiles files = ChartFiles.read(chart("redis"));
        assertThat(files.binary("charts/common-2.31.10.tgz")).get()
                .isEqualTo(Files.readAllBytes(chart("redis").resolve("charts/common-2.31.10.tgz")));
        assertThat(files.files()).doesNotContainKey("charts/common-2.31.10.tgz");
    }

    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith(ChartFiles.STATE_DIR + "/")) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path dest = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
