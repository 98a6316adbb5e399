package dev.k8sautopilot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartFilesTest {

    private static ChartFiles chart(String name, String... pathsAndContents) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            m.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return new ChartFiles(name, m);
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Nested
    @DisplayName("paths can never leave the chart directory")
    class Paths {
        @Test
        void rejectsTraversalInChartName() {
            assertThatThrownBy(() -> chart("../../x", "Chart.yaml", "a")).isInstanceOf(SpecException.class)
                    .hasMessageContaining("directory name");
            assertThatThrownBy(() -> chart("..", "Chart.yaml", "a")).isInstanceOf(SpecException.class);
            assertThatThrownBy(() -> chart("a/b", "Chart.yaml", "a")).isInstanceOf(SpecException.class);
        }

        @Test
        void rejectsTraversalAndAbsolutePaths() {
            assertThatThrownBy(() -> chart("web", "../evil", "x")).hasMessageContaining("'..'");
            assertThatThrownBy(() -> chart("web", "templates/../../evil", "x")).hasMessageContaining("'..'");
            assertThatThrownBy(() -> chart("web", "/etc/passwd", "x")).hasMessageContaining("absolute");
            assertThatThrownBy(() -> chart("web", "C:/x", "x")).hasMessageContaining("absolute");
            assertThatThrownBy(() -> chart("web", "a\\b", "x")).hasMessageContaining("absolute");
            assertThatThrownBy(() -> chart("web", "a//b", "x")).hasMessageContaining("empty");
        }
    }

    @Nested
    @DisplayName("writing is atomic")
    class Writing {
        @Test
        void writesChartIntoOutputDirectory(@TempDir Path out) throws IOException {
            WriteResult r = chart("web", "Chart.yaml", "name: web\n", "templates/svc.yaml", "kind: Service\n")
                    .writeTo(out.resolve("charts"), WriteMode.FAIL_IF_EXISTS);
            assertThat(r.chartDirectory()).isEqualTo(out.resolve("charts/web"));
            assertThat(Files.readString(out.resolve("charts/web/templates/svc.yaml"))).isEqualTo("kind: Service\n");
            assertThat(r.written()).containsExactly("Chart.yaml", "templates/svc.yaml");
            assertThat(out.resolve("charts/web/.k8s-autopilot/manifest.json")).exists();
            assertThat(entries(out.resolve("charts"))).isEqualTo(1);
        }

        @Test
        void refusesToOverwriteAndLeavesExistingChartUntouched(@TempDir Path out) throws IOException {
            chart("web", "Chart.yaml", "v1").writeTo(out, WriteMode.FAIL_IF_EXISTS);
            assertThatThrownBy(() -> chart("web", "Chart.yaml", "v2").writeTo(out, WriteMode.FAIL_IF_EXISTS))
                    .isInstanceOf(ChartWriteException.class)
                    .hasMessageContaining("exists already")
                    .hasMessageContaining("--force");
            assertThat(Files.readString(out.resolve("web/Chart.yaml"))).isEqualTo("v1");
            assertThat(entries(out)).isEqualTo(1);
        }

        @Test
        void overwriteReplacesWholeDirectory(@TempDir Path out) throws IOException {
            chart("web", "Chart.yaml", "v1", "old.txt", "x").writeTo(out, WriteMode.FAIL_IF_EXISTS);
            chart("web", "Chart.yaml", "v2").writeTo(out, WriteMode.OVERWRITE);
            assertThat(Files.readString(out.resolve("web/Chart.yaml"))).isEqualTo("v2");
            assertThat(out.resolve("web/old.txt")).doesNotExist();
            assertThat(entries(out)).isEqualTo(1);
        }

        @Test
        void failureHalfwayLeavesNothingBehind(@TempDir Path out) {
            // "a" is a file, so writing "a/b" fails after "a" was written into the temp directory.
            ChartFiles broken = chart("web", "a", "file", "a/b", "child");
            assertThatThrownBy(() -> broken.writeTo(out, WriteMode.FAIL_IF_EXISTS)).isInstanceOf(ChartWriteException.class);
            assertThat(out.resolve("web")).doesNotExist();
            assertThat(out.toFile().list()).isEmpty();
        }

        @Test
        void failureHalfwayKeepsThePreviousChart(@TempDir Path out) throws IOException {
            chart("web", "Chart.yaml", "v1").writeTo(out, WriteMode.FAIL_IF_EXISTS);
            ChartFiles broken = chart("web", "a", "file", "a/b", "child");
            assertThatThrownBy(() -> broken.writeTo(out, WriteMode.OVERWRITE)).isInstanceOf(ChartWriteException.class);
            assertThat(Files.readString(out.resolve("web/Chart.yaml"))).isEqualTo("v1");
            assertThat(entries(out)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("regeneration keeps user edits")
    class Update {
        @Test
        void keepsEditedFilesAndProposesNewContentBeside(@TempDir Path out) throws IOException {
            chart("web", "Chart.yaml", "v1", "values.yaml", "a: 1\n", "README.md", "old readme\n").writeTo(out, WriteMode.FAIL_IF_EXISTS);
            Files.writeString(out.resolve("web/values.yaml"), "a: 1\nmine: true\n");
            Files.writeString(out.resolve("web/notes.txt"), "user file\n");
            WriteResult r = chart("web", "Chart.yaml", "v2", "values.yaml", "a: 2\n").writeTo(out, WriteMode.UPDATE);
            assertThat(r.keptUserEdits()).containsExactly("values.yaml");
            assertThat(r.written()).containsExactly("Chart.yaml");
            assertThat(r.removed()).containsExactly("README.md");
            assertThat(Files.readString(out.resolve("web/values.yaml"))).isEqualTo("a: 1\nmine: true\n");
            assertThat(Files.readString(out.resolve("web/.k8s-autopilot/proposed/values.yaml"))).isEqualTo("a: 2\n");
            assertThat(Files.readString(out.resolve("web/Chart.yaml"))).isEqualTo("v2");
            assertThat(out.resolve("web/notes.txt")).exists();
            assertThat(out.resolve("web/README.md")).doesNotExist();

            // The edit stays an edit on the next regeneration too.
            WriteResult again = chart("web", "Chart.yaml", "v3", "values.yaml", "a: 3\n").writeTo(out, WriteMode.UPDATE);
            assertThat(again.keptUserEdits()).containsExactly("values.yaml");
        }

        @Test
        void readSkipsStateDirectory(@TempDir Path out) {
            chart("web", "Chart.yaml", "v1", "values.yaml", "a: 1\n").writeTo(out, WriteMode.FAIL_IF_EXISTS);
            ChartFiles read = ChartFiles.read(out.resolve("web"));
            assertThat(read.paths()).containsExactly("Chart.yaml", "values.yaml");
            assertThat(read.name()).isEqualTo("web");
        }
    }

    @Test
    void contentHashIsStableAndOrderIndependent() {
        ChartFiles a = chart("web", "x", "1", "y", "2");
        ChartFiles b = chart("web", "y", "2", "x", "1");
        assertThat(a.contentHash()).isEqualTo(b.contentHash()).hasSize(64);
        assertThat(a.with("x", "changed").contentHash()).isNotEqualTo(a.contentHash());
    }

    @Nested
    @DisplayName("reading like Helm")
    class ReadingLikeHelm {

        @Test
        @DisplayName("binary files are kept byte for byte, valid UTF-8 with U+FFFD stays text, and both are written back")
        void binaryFiles(@TempDir Path dir) throws IOException {
            Path chart = Files.createDirectories(dir.resolve("src/web"));
            byte[] tgz = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
            Files.createDirectories(chart.resolve("charts"));
            Files.write(chart.resolve("charts/common-2.31.10.tgz"), tgz);
            Files.writeString(chart.resolve("Chart.yaml"), "name: web\n");
            Files.writeString(chart.resolve("CHANGELOG.md"), "fixed \uFFFD rendering\n");
            ChartFiles files = ChartFiles.read(chart);
            assertThat(files.binary("charts/common-2.31.10.tgz")).get().isEqualTo(tgz);
            assertThat(files.files()).containsEntry("CHANGELOG.md", "fixed \uFFFD rendering\n").doesNotContainKey("charts/common-2.31.10.tgz");
            assertThat(files.with("Chart.yaml", "name: web2\n").binaryFiles()).isEqualTo(files.binaryFiles());
            assertThat(files.withBinary("x.bin", new byte[] {1}).contentHash()).isNotEqualTo(files.contentHash());
            files.writeTo(dir.resolve("out"), WriteMode.FAIL_IF_EXISTS);
            assertThat(Files.readAllBytes(dir.resolve("out/web/charts/common-2.31.10.tgz"))).isEqualTo(tgz);
        }

        @Test
        @DisplayName("symbolic links to files and directories are followed, as Helm's loader does")
        void symlinks(@TempDir Path dir) throws IOException {
            Path shared = Files.createDirectories(dir.resolve("shared/sub"));
            Files.writeString(shared.resolve("Chart.yaml"), "name: sub\n");
            Path chart = Files.createDirectories(dir.resolve("web/charts"));
            Files.writeString(dir.resolve("web/Chart.yaml"), "name: web\n");
            Files.createSymbolicLink(chart.resolve("sub"), shared);
            Files.createSymbolicLink(dir.resolve("web/values.yaml"), Files.writeString(dir.resolve("v.yaml"), "a: 1\n"));
            ChartFiles files = ChartFiles.read(dir.resolve("web"));
            assertThat(files.files()).containsEntry("charts/sub/Chart.yaml", "name: sub\n").containsEntry("values.yaml", "a: 1\n");
        }

        @Test
        @DisplayName("a path cannot be both a text and a binary file")
        void textAndBinary() {
            assertThatThrownBy(() -> new ChartFiles("web", Map.of("a", "x"), Map.of("a", "AA==")))
                    .isInstanceOf(SpecException.class).hasMessageContaining("both");
            assertThat(ChartFiles.empty("web").withBinary("a", new byte[] {1}).with("a", "text").binaryFiles()).isEmpty();
        }
    }
}
