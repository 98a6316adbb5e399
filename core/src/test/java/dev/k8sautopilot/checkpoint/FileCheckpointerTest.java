package dev.k8sautopilot.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.Checkpointer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("FileCheckpointer")
class FileCheckpointerTest extends CheckpointerContract {

    @TempDir
    Path root;

    private Path dir() {
        return root.resolve("runs");
    }

    @Override
    protected Checkpointer newStore() {
        return Checkpointers.open("file:" + dir());
    }

    @Override
    protected Checkpointer secondHandle() {
        return new FileCheckpointer(dir());
    }

    @Override
    protected void corrupt(String runId) throws Exception {
        Path file = dir().resolve(runId + ".json");
        Files.writeString(file, Files.readString(file).substring(0, 20));
    }

    @Override
    protected Checkpointer storeWithNewerLayout(String runId) throws Exception {
        Path other = Files.createDirectories(root.resolve("newer"));
        Files.writeString(other.resolve(runId + ".json"), "{\"format\":99,\"runId\":\"" + runId
                + "\",\"revision\":{\"n\":1},\"body\":\"zstd:...\"}");
        return new FileCheckpointer(other);
    }

    /** Format 0: no "format" field, the state as an escaped string in "payload". */
    @Override
    protected void writeOlderLayout(String runId, String stage, String stateJson, long updatedAt) throws Exception {
        var doc = Json.mapper().createObjectNode();
        doc.put("runId", runId);
        doc.put("version", 1);
        doc.put("stage", stage);
        doc.put("schemaVersion", 1);
        doc.put("updatedAt", updatedAt);
        doc.put("payload", stateJson);
        Files.writeString(dir().resolve(runId + ".json"), Json.writePretty(doc));
    }

    @Nested
    @DisplayName("the document on disk")
    class Document {

        @Test
        @DisplayName("is readable JSON with the state embedded as an object, and no temporary file is left")
        void layout() throws Exception {
            store.save(new Checkpoint("r-1", 1, "PLANNING_REVIEW", 2, "{\"request\":\"redis\",\"replicas\":3}", 77));
            store.save(store.load("r-1").orElseThrow().next("GENERATION_REVIEW", "{\"request\":\"redis\",\"replicas\":4}", 78));

            Path file = dir().resolve("r-1.json");
            String text = Files.readString(file);
            JsonNode doc = Json.mapper().readTree(text);
            List<String> fields = new ArrayList<>();
            doc.fieldNames().forEachRemaining(fields::add);

            assertThat(fields).containsExactly("format", "runId", "version", "stage", "schemaVersion", "updatedAt", "state");
            assertThat(doc.get("format").asInt()).isEqualTo(FileCheckpointer.FORMAT);
            assertThat(doc.get("version").asLong()).isEqualTo(2);
            assertThat(doc.get("schemaVersion").asInt()).isEqualTo(2);
            assertThat(doc.get("state").isObject()).isTrue();
            assertThat(doc.get("state").get("replicas").asInt()).isEqualTo(4);
            assertThat(text).contains("\n  \"state\" : {");
            try (Stream<Path> files = Files.list(dir())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r-1.json", ".lock");
            }
        }

        @Test
        @DisplayName("temporary documents a killed process left are removed when the store is opened")
        void staleTemporariesAreRemovedOnOpen() throws Exception {
            store.save(new Checkpoint("r-1", 1, "A", 1, "{}", 1));
            Path stale = dir().resolve(".r-1.json.tmp-42");
            Path olderFormat = dir().resolve(".r-2.json123456.tmp");
            Path fresh = dir().resolve(".r-3.json.tmp-43");
            for (Path p : List.of(stale, olderFormat, fresh)) {
                Files.writeString(p, "{\"half");
            }
            java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
            Files.setLastModifiedTime(stale, hourAgo);
            Files.setLastModifiedTime(olderFormat, hourAgo);
            try (FileCheckpointer reopened = new FileCheckpointer(dir())) {
                assertThat(reopened.load("r-1")).isPresent();
            }
            assertThat(stale).doesNotExist();
            assertThat(olderFormat).doesNotExist();
            assertThat(fresh).as("a save of another process may be under way").exists();
            assertThat(dir().resolve("r-1.json")).exists();
        }

        @Test
        @DisplayName("is readable by its owner only, in a directory created owner-only")
        void permissions() throws Exception {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
            store.save(new Checkpoint("r-1", 1, "A", 1, "{}", 1));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("r-1.json"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir()))).isEqualTo("rwx------");
        }

        @Test
        @DisplayName("state that is not JSON is refused and nothing is written")
        void stateMustBeJson() {
            assertThatThrownBy(() -> store.save(new Checkpoint("r-1", 1, "A", 1, "{\"open\": ", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> store.save(new Checkpoint("r-1", 1, "A", 1, "{} trailing", 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.load("r-1")).isEmpty();
        }

        @Test
        @DisplayName("numbers in the state are not rounded through double")
        void exactNumbers() throws Exception {
            store.save(new Checkpoint("r-1", 1, "A", 1,
                    "{\"price\":0.1000000000000000055511151231257827,\"huge\":1e400,\"id\":123456789012345678901234567890}", 1));

            JsonNode state = Json.mapper().readTree(store.load("r-1").orElseThrow().state());
            JsonNode exact = Json.mapper().reader().with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(store.load("r-1").orElseThrow().state());
            assertThat(exact.get("price").decimalValue()).isEqualByComparingTo("0.1000000000000000055511151231257827");
            assertThat(exact.get("huge").decimalValue()).isEqualByComparingTo("1e400");
            assertThat(state.get("id").bigIntegerValue()).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        }

        @Test
        @DisplayName("a newer format is rejected naming the file, the formats and the fix")
        void newerFormat() throws Exception {
            Files.writeString(dir().resolve("r-1.json"), "{\"format\":2,\"runId\":\"r-1\"}");

            assertThatThrownBy(() -> store.load("r-1")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir().resolve("r-1.json").toString())
                    .hasMessageContaining("newer k8s-autopilot (format 2; this version reads formats up to 1)");
            assertThat(store.list()).isEmpty();
        }

        @Test
        @DisplayName("broken documents name the file and the problem")
        void corruptVariants() throws Exception {
            String base = "\"format\":1,\"version\":1,\"stage\":\"A\",\"schemaVersion\":1,\"updatedAt\":1,\"state\":{}";
            assertCorrupt("{\"runId\":\"other\"," + base + "}", "holds run 'other', not 'r-1'");
            assertCorrupt("{\"runId\":\"r-1\"," + base.replace("\"version\":1", "\"version\":\"1\"") + "}",
                    "field 'version' is missing or not an integer");
            assertCorrupt("{\"runId\":\"r-1\"," + base.replace("\"version\":1", "\"version\":0") + "}", "version must be");
            assertCorrupt("{\"runId\":\"r-1\"," + base.replace(",\"state\":{}", "") + "}", "field 'state' is missing");
            assertCorrupt("[1,2]", "not a JSON object");
            assertCorrupt("", "the file is empty");
            assertCorrupt("{\"runId\": \"r-1\", \"ver", "not valid JSON");
            assertCorrupt("{\"runId\":\"r-1\",\"version\":1,\"stage\":\"A\",\"schemaVersion\":1,\"updatedAt\":1,\"payload\":7}",
                    "cannot migrate it from format 0");
        }

        @Test
        @DisplayName("a document replaced since this store wrote it is read again: the stale save is a conflict")
        void replacedDocumentIsReadAgain() throws Exception {
            Checkpoint v1 = new Checkpoint("r-1", 1, "A", 1, "{\"n\":1}", 1);
            store.save(v1);
            try (Checkpointer other = new FileCheckpointer(dir())) {
                other.save(v1.next("B", "{\"n\":2}", 2));
            }
            assertThatThrownBy(() -> store.save(v1.next("C", "{\"n\":3}", 3)))
                    .isInstanceOf(dev.k8sautopilot.spi.CheckpointConflictException.class)
                    .hasMessageContaining("expected version 1, found 2");
            store.save(store.load("r-1").orElseThrow().next("C", "{\"n\":3}", 3));
            assertThat(store.load("r-1").orElseThrow().version()).isEqualTo(3);
        }

        @Test
        @DisplayName("a document edited in place since this store wrote it is read again")
        void editedDocumentIsReadAgain() throws Exception {
            Checkpoint v1 = new Checkpoint("r-1", 1, "A", 1, "{\"n\":1}", 1);
            store.save(v1);
            Path file = dir().resolve("r-1.json");
            Files.writeString(file, Files.readString(file).replace("\"version\" : 1", "\"version\" : 5"));
            assertThatThrownBy(() -> store.save(v1.next("B", "{}", 2)))
                    .isInstanceOf(dev.k8sautopilot.spi.CheckpointConflictException.class)
                    .hasMessageContaining("expected version 1, found 5");
            Files.writeString(file, "{broken");
            assertThatThrownBy(() -> store.save(v1.next("B", "{}", 2))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is corrupt");
        }

        private void assertCorrupt(String content, String why) throws Exception {
            Files.writeString(dir().resolve("r-1.json"), content);
            assertThatThrownBy(() -> store.load("r-1")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir().resolve("r-1.json").toString())
                    .hasMessageContaining(why)
                    .hasMessageContaining("fix: delete the file");
        }

        @Test
        @DisplayName("list() ignores temporary files, the lock file and other files")
        void listIgnoresOtherFiles() throws Exception {
            store.save(new Checkpoint("r-1", 1, "A", 1, "{}", 1));
            Files.writeString(dir().resolve(".r-1.json12345.tmp"), "{half");
            Files.writeString(dir().resolve(".hidden.json"), "{half");
            Files.writeString(dir().resolve("notes.txt"), "hello");

            assertThat(store.list()).extracting(Checkpoint::runId).containsExactly("r-1");
        }

        @Test
        @DisplayName("a closed store refuses work with a clear message")
        void closed() {
            store.close();
            assertThatThrownBy(() -> store.list()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Nested
    @DisplayName("file: URIs")
    class Uris {

        @Test
        @DisplayName("~ is the user's home; file:/// URIs are decoded; relative paths start at the working directory")
        void forms() {
            Path home = Path.of(System.getProperty("user.home"));
            assertThat(FileCheckpointerProvider.directoryOf("file:~/.k8s-autopilot/runs"))
                    .isEqualTo(home.resolve(".k8s-autopilot/runs"));
            assertThat(FileCheckpointerProvider.directoryOf("file:~")).isEqualTo(home);
            assertThat(FileCheckpointerProvider.directoryOf("file:///tmp/a%20b/runs")).isEqualTo(Path.of("/tmp/a b/runs"));
            assertThat(FileCheckpointerProvider.directoryOf("file:/tmp/runs")).isEqualTo(Path.of("/tmp/runs"));
            assertThat(FileCheckpointerProvider.directoryOf("file:runs/x"))
                    .isEqualTo(Path.of("").toAbsolutePath().resolve("runs/x"));
        }

        @Test
        @DisplayName("an empty path, a host, or a path that is a file give a clear error")
        void errors() throws Exception {
            assertThatThrownBy(() -> Checkpointers.open("file:")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names no directory");
            assertThatThrownBy(() -> Checkpointers.open("file://server/share")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("without a host");
            Path aFile = Files.writeString(root.resolve("plain-file"), "x");
            assertThatThrownBy(() -> Checkpointers.open("file:" + aFile)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unusable").hasMessageContaining(aFile.toString());
        }

        @Test
        @DisplayName("file:DIR opens a FileCheckpointer described by its absolute directory")
        void opens() {
            assertThat(store).isInstanceOf(FileCheckpointer.class);
            assertThat(store.describe()).isEqualTo("file:" + dir().toAbsolutePath());
        }
    }

    @Nested
    @DisplayName("two processes")
    class TwoProcesses {

        @Test
        @Timeout(60)
        @DisplayName("a second JVM and this one race on one run: every version step has exactly one winner")
        void race() throws Exception {
            long last = 120;
            store.save(new Checkpoint("shared", 1, "START", 1, "{}", 1));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), FileRaceWorker.class.getName(),
                    dir().toString(), "shared", String.valueOf(last), "child")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("READY");
                try (OutputStream in = child.getOutputStream()) {
                    in.write("go\n".getBytes(StandardCharsets.UTF_8));
                }
                List<Long> parentWon = FileRaceWorker.race(store, "shared", last, "parent");
                String result = out.readLine();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).isZero();
                assertThat(result).startsWith("WON ");
                List<Long> childWon = result.length() == 4 ? List.of()
                        : Arrays.stream(result.substring(4).split(",")).map(Long::valueOf).toList();

                Set<Long> overlap = new HashSet<>(parentWon);
                overlap.retainAll(childWon);
                assertThat(overlap).as("versions both processes believe they wrote").isEmpty();
                Set<Long> all = new TreeSet<>(parentWon);
                all.addAll(childWon);
                assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(2, last).boxed().toList());
                assertThat(childWon).as("the child took part in the race").isNotEmpty();
                assertThat(parentWon).as("this JVM took part in the race").isNotEmpty();
                Checkpoint stored = store.load("shared").orElseThrow();
                assertThat(stored.version()).isEqualTo(last);
                assertThat(stored.stage()).isEqualTo(childWon.contains(last) ? "child" : "parent");
            } finally {
                child.destroyForcibly();
            }
        }
    }

}
