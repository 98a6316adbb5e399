package dev.k8sautopilot.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.Checkpointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;

/**
 * The behaviour every {@link Checkpointer} must show. An implementation's test extends this class and
 * supplies a fresh store per test plus the few hooks that depend on how it stores data.
 */
abstract class CheckpointerContract {

    /** A store under test, fresh and empty for each test. */
    protected Checkpointer store;

    /** Opens a new, empty store. */
    protected abstract Checkpointer newStore() throws Exception;

    /** Opens another instance on the same data as {@link #store} (as a second process or worker would). */
    protected abstract Checkpointer secondHandle() throws Exception;

    /** Damages the stored run {@code runId} of {@link #store} so that it can no longer be read. */
    protected abstract void corrupt(String runId) throws Exception;

    /**
     * Returns a store whose data for {@code runId} (or whose whole layout) was written by a newer,
     * unsupported version; its first read must fail with a clear message.
     */
    protected abstract Checkpointer storeWithNewerLayout(String runId) throws Exception;

    /** Writes run {@code runId} into {@link #store} as an older layout would have; the store must migrate it. */
    protected abstract void writeOlderLayout(String runId, String stage, String stateJson, long updatedAt) throws Exception;

    /** Saves per racing writer in {@link #writersRaceOnOneRun()}; stores with costly connections may lower it. */
    protected int raceSteps() {
        return 40;
    }

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static Checkpoint checkpoint(String runId, long version, String stage, String state, long updatedAt) {
        return new Checkpoint(runId, version, stage, 1, state, updatedAt);
    }

    static void assertSameJson(String actual, String expected) {
        try {
            JsonNode a = Json.mapper().readTree(actual);
            JsonNode e = Json.mapper().readTree(expected);
            assertThat(a).as("state JSON").isEqualTo(e);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + actual, e);
        }
    }

    static void assertSameCheckpoint(Checkpoint actual, Checkpoint expected) {
        assertThat(actual.runId()).isEqualTo(expected.runId());
        assertThat(actual.version()).isEqualTo(expected.version());
        assertThat(actual.stage()).isEqualTo(expected.stage());
        assertThat(actual.schemaVersion()).isEqualTo(expected.schemaVersion());
        assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
        assertSameJson(actual.state(), expected.state());
    }

    // ---------------------------------------------------------------- basics

    @Test
    @DisplayName("a saved checkpoint loads back with every field")
    void roundTrip() {
        Checkpoint saved = new Checkpoint("run-1", 1, "PLANNING_REVIEW", 3,
                "{\"request\":\"nginx with 3 replicas\",\"answers\":[1,2.5,true,null],\"nested\":{\"k\":\"v\"}}", 1_700_000_000_123L);
        store.save(saved);

        assertSameCheckpoint(store.load("run-1").orElseThrow(), saved);
    }

    @Test
    @DisplayName("loading an unknown run gives empty, not an error")
    void loadMissing() {
        assertThat(store.load("never-saved")).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    @DisplayName("each next version replaces the previous one")
    void nextVersions() {
        Checkpoint v1 = checkpoint("run-1", 1, "PLANNING", "{\"step\":1}", 10);
        store.save(v1);
        Checkpoint v2 = v1.next("GENERATION_REVIEW", "{\"step\":2}", 20);
        store.save(v2);
        Checkpoint v3 = v2.next("VALIDATION", "{\"step\":3}", 30);
        store.save(v3);

        assertSameCheckpoint(store.load("run-1").orElseThrow(), v3);
        assertThat(store.list()).hasSize(1);
    }

    @Test
    @DisplayName("list() holds the latest version of each run, newest first, ties by run id")
    void listNewestFirst() {
        store.save(checkpoint("old", 1, "A", "{}", 100));
        store.save(checkpoint("newest", 1, "A", "{}", 300));
        store.save(checkpoint("middle-b", 1, "A", "{}", 200));
        store.save(checkpoint("middle-a", 1, "A", "{}", 200));
        store.save(checkpoint("old", 1, "A", "{}", 100).next("B", "{\"x\":1}", 150));

        List<Checkpoint> runs = store.list();

        assertThat(runs).extracting(Checkpoint::runId).containsExactly("newest", "middle-a", "middle-b", "old");
        assertThat(runs.get(3).version()).isEqualTo(2);
        assertThat(runs.get(3).stage()).isEqualTo("B");
    }

    @Test
    @DisplayName("delete removes a run once; the id can then start over at version 1")
    void delete() {
        store.save(checkpoint("gone", 1, "A", "{}", 1));
        store.save(checkpoint("kept", 1, "A", "{}", 2));

        assertThat(store.delete("gone")).isTrue();
        assertThat(store.delete("gone")).isFalse();
        assertThat(store.load("gone")).isEmpty();
        assertThat(store.list()).extracting(Checkpoint::runId).containsExactly("kept");

        store.save(checkpoint("gone", 1, "AGAIN", "{}", 3));
        assertThat(store.load("gone").orElseThrow().stage()).isEqualTo("AGAIN");
    }

    @Test
    @DisplayName("another instance on the same store sees the runs (resume elsewhere)")
    void secondHandleSeesRuns() throws Exception {
        Checkpoint v1 = checkpoint("shared", 1, "GENERATION_REVIEW", "{\"files\":[\"Chart.yaml\"]}", 5);
        store.save(v1);
        try (Checkpointer other = secondHandle()) {
            assertSameCheckpoint(other.load("shared").orElseThrow(), v1);
            other.save(v1.next("DONE", "{}", 6));
        }
        assertThat(store.load("shared").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    @DisplayName("describe() names the store and holds no password")
    void describe() {
        assertThat(store.describe()).isNotBlank().doesNotContainIgnoringCase("password=").doesNotContain(":autopilot@");
    }

// ---------------------------------------------------------------- race

    @Test
    @DisplayName("creating a run that exists is a conflict and keeps the first")
    void duplicateCreate() {
        store.save(checkpoint("run-1", 1, "FIRST", "{}", 1));

        assertThatThrownBy(() -> store.save(checkpoint("run-1", 1, "SECOND", "{}", 2)))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("run-1").hasMessageContaining("expected version 0, found 1");
        assertThat(store.load("run-1").orElseThrow().stage()).isEqualTo("FIRST");
    }

    @Test
    @DisplayName("a save based on a stale version is a conflict naming the stored version")
    void staleSave() {
        Checkpoint v1 = checkpoint("run-1", 1, "A", "{}", 1);
        store.save(v1);
        store.save(v1.next("B", "{\"winner\":true}", 2));

        assertThatThrownBy(() -> store.save(v1.next("C", "{\"winner\":false}", 3)))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("expected version 1, found 2");
        assertSameJson(store.load("run-1").orElseThrow().state(), "{\"winner\":true}");
    }

    @Test
    @DisplayName("skipping a version, or updating a run that does not exist, is a conflict")
    void gaps() {
        assertThatThrownBy(() -> store.save(checkpoint("missing", 2, "A", "{}", 1)))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("found 0");
        assertThat(store.load("missing")).isEmpty();

        store.save(checkpoint("run-1", 1, "A", "{}", 1));
        assertThatThrownBy(() -> store.save(checkpoint("run-1", 3, "A", "{}", 2)))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("expected version 2, found 1");
    }

    @Test
    @Timeout(60)
    @DisplayName("16 workers creating one run at once: exactly one wins, the others get a conflict")
    void creatorsRace() throws Exception {
        int workers = 16;
        CyclicBarrier start = new CyclicBarrier(workers);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        try (Checkpointer other = secondHandle()) {
            runAll(workers, i -> {
                Checkpointer mine = i % 2 == 0 ? store : other;
                start.await();
                try {
                    mine.save(checkpoint("contested", 1, "W" + i, "{\"worker\":" + i + "}", i));
                    wins.incrementAndGet();
                } catch (CheckpointConflictException e) {
                    conflicts.incrementAndGet();
                }
            });
        }
        assertThat(wins).hasValue(1);
        assertThat(conflicts).hasValue(workers - 1);
        Checkpoint stored = store.load("contested").orElseThrow();
        assertSameJson(stored.state(), "{\"worker\":" + stored.stage().substring(1) + "}");
    }

    @Test
    @Timeout(120)
    @DisplayName("16 workers advancing one run: every version step has exactly one winner")
    void writersRaceOnOneRun() throws Exception {
        int workers = 16;
        long last = raceSteps();
        store.save(checkpoint("hot", 1, "START", "{\"worker\":-1}", 0));
        Map<Long, Integer> winners = new ConcurrentHashMap<>();
        AtomicInteger doubleWins = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(workers);
        try (Checkpointer other = secondHandle()) {
            runAll(workers, i -> {
                Checkpointer mine = i % 2 == 0 ? store : other;
                start.await();
                while (true) {
                    Checkpoint current = mine.load("hot").orElseThrow();
                    if (current.version() >= last) {
                        return;
                    }
                    Checkpoint next = current.next("W" + i, "{\"worker\":" + i + "}", current.version());
                    try {
                        mine.save(next);
                        if (winners.putIfAbsent(next.version(), i) != null) {
                            doubleWins.incrementAndGet();
                        }
                    } catch (CheckpointConflictException lost) {
                        // another worker advanced the run first: reload and try again
                    }
                }
            });
        }
        assertThat(doubleWins).as("version steps won twice").hasValue(0);
        assertThat(new TreeSet<>(winners.keySet())).containsExactlyElementsOf(
                LongStream.rangeClosed(2, last).boxed().toList());
        Checkpoint stored = store.load("hot").orElseThrow();
        assertThat(stored.version()).isEqualTo(last);
        assertSameJson(stored.state(), "{\"worker\":" + winners.get(last) + "}");
    }

    @Test
    @Timeout(120)
    @DisplayName("many runs advanced in parallel do not see each other's writes")
    void parallelRunsWithoutCrossTalk() throws Exception {
        int workers = 8;
        int runsPerWorker = 3;
        int versions = 8;
        runAll(workers, w -> {
            for (int r = 0; r < runsPerWorker; r++) {
                String runId = "w" + w + "-r" + r;
                Checkpoint cp = checkpoint(runId, 1, "S1", state(runId, 1), w * 100L + r);
                store.save(cp);
                for (int v = 2; v <= versions; v++) {
                    cp = cp.next("S" + v, state(runId, v), cp.updatedAt());
                    store.save(cp);
                    assertSameJson(store.load(runId).orElseThrow().state(), state(runId, v));
                }
            }
        });
        List<Checkpoint> all = store.list();
        assertThat(all).hasSize(workers * runsPerWorker);
        for (Checkpoint cp : all) {
            assertThat(cp.version()).isEqualTo(versions);
            assertThat(cp.stage()).isEqualTo("S" + versions);
            assertSameJson(cp.state(), state(cp.runId(), versions));
        }
    }

    private static String state(String runId, int version) {
        return "{\"run\":\"" + runId + "\",\"version\":" + version + "}";
    }

// ---------------------------------------------------------------- robustness

    @Test
    @DisplayName("a corrupt run fails load() with a clear message, is skipped by list(), and can be deleted")
    void corruptRun() throws Exception {
        store.save(checkpoint("broken", 1, "A", "{}", 1));
        store.save(checkpoint("fine", 1, "A", "{}", 2));
        corrupt("broken");

        assertThatThrownBy(() -> store.load("broken"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken").hasMessageContaining("corrupt").hasMessageContaining("delete");
        assertThat(store.list()).extracting(Checkpoint::runId).containsExactly("fine");

        store.delete("broken");
        store.save(checkpoint("broken", 1, "REBORN", "{}", 3));
        assertThat(store.load("broken").orElseThrow().stage()).isEqualTo("REBORN");
    }

    @Test
    @DisplayName("data of a newer, unsupported layout is rejected with a message saying what to do")
    void newerLayoutRejected() throws Exception {
        try (Checkpointer newer = storeWithNewerLayout("future")) {
            assertThatThrownBy(() -> newer.load("future"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("fix:");
        }
    }

    @Test
    @DisplayName("data of an older layout is migrated on load and can be advanced")
    void olderLayoutMigrated() throws Exception {
        writeOlderLayout("legacy", "GENERATION_REVIEW", "{\"files\":{\"Chart.yaml\":\"name: x\\n\"}}", 42);

        Checkpoint loaded = store.load("legacy").orElseThrow();

        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.stage()).isEqualTo("GENERATION_REVIEW");
        assertThat(loaded.updatedAt()).isEqualTo(42);
        assertSameJson(loaded.state(), "{\"files\":{\"Chart.yaml\":\"name: x\\n\"}}");
        store.save(loaded.next("DONE", "{}", 43));
        assertThat(store.list()).extracting(Checkpoint::stage).containsExactly("DONE");
    }

    @Test
    @DisplayName("the state schema version is kept exactly, older or newer, so the pipeline can migrate or reject")
    void stateSchemaVersionKept() {
        for (int schema : new int[] {0, 1, 42, Integer.MAX_VALUE}) {
            String runId = "schema-" + (schema == Integer.MAX_VALUE ? "max" : schema);
            store.save(new Checkpoint(runId, 1, "A", schema, "{}", 1));
            assertThat(store.load(runId).orElseThrow().schemaVersion()).isEqualTo(schema);
        }
    }

    @Test
    @DisplayName("run ids are checked on every operation: the store accepts exactly what Checkpoint accepts")
    void runIdValidation() {
        for (String bad : new String[] {"../etc/passwd", "a/b", "", " ", "-leading-dash", "a b", "x".repeat(129), "run.json",
            "C:\\x", "r\u00e9sum\u00e9"}) {
            assertThatThrownBy(() -> store.load(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("runId").hasMessageContaining("fix");
            assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.load(null)).isInstanceOf(IllegalArgumentException.class);
        store.save(checkpoint("x".repeat(128), 1, "A", "{}", 1));
        assertThat(store.load("x".repeat(128))).isPresent();
    }

    @Test
    @DisplayName("property: load() rejects a run id exactly when Checkpoint rejects it")
    void runIdAgreesWithCheckpoint() {
        Gen<String> ids = strings().betweenCodePoints('!', '~').ofLengthBetween(0, 12)
                .mix(strings().allPossible().ofLengthBetween(0, 3), 30);
        qt().withExamples(60).forAll(ids).checkAssert(id -> {
            boolean checkpointAccepts;
            try {
                new Checkpoint(id, 1, "A", 1, "{}", 1);
                checkpointAccepts = true;
            } catch (IllegalArgumentException e) {
                checkpointAccepts = false;
            }
            boolean storeAccepts;
            try {
                store.load(id);
                storeAccepts = true;
            } catch (IllegalArgumentException e) {
                storeAccepts = false;
            }
            assertThat(storeAccepts).as("store accepts '%s'", id).isEqualTo(checkpointAccepts);
        });
    }

    @Test
    @DisplayName("a 1 MB state round-trips")
    void largeState() {
        String big = "x".repeat(1024 * 1024);
        String state = "{\"files\":{\"templates/configmap.yaml\":\"" + big + "\"},\"n\":1}";
        store.save(checkpoint("big", 1, "A", state, 1));
        store.save(checkpoint("big", 1, "A", state, 1).next("B", state, 2));

        Checkpoint loaded = store.load("big").orElseThrow();
        assertThat(loaded.state()).hasSizeGreaterThan(1024 * 1024);
        assertSameJson(loaded.state(), state);
    }

    @Test
    @DisplayName("unicode and escapes in state and stage round-trip")
    void unicode() {
        String state = "{\"request\":\"Helm-Chart f\u00fcr nginx \u2014 \u65e5\u672c\u8a9e \u0645\u0631\u062d\u0628\u0627 "
                + "\ud83d\ude80 e\u0301\",\"escaped\":\"tab\\t quote\\\" backslash\\\\ nul\\u0000 \\ud83d\\ude00\"}";
        store.save(checkpoint("uni", 1, "\u00c9TAPE-\u2713", state, 1));

        Checkpoint loaded = store.load("uni").orElseThrow();
        assertThat(loaded.stage()).isEqualTo("\u00c9TAPE-\u2713");
        assertSameJson(loaded.state(), state);
        JsonNode request = readTree(loaded.state()).get("request");
        assertThat(request.asText()).contains("\ud83d\ude80").contains("\u65e5\u672c\u8a9e").endsWith("e\u0301");
    }

    private JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    interface Worker {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} workers in parallel and rethrows the first failure. */
    static void runAll(int count, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    worker.run(index);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(110, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
