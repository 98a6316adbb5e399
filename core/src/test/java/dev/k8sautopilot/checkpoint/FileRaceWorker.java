package dev.k8sautopilot.checkpoint;

import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.Checkpointer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The second process of the two-process race in {@link FileCheckpointerTest}: opens the store, prints
 * {@code READY}, waits for a line on stdin, races to advance the run, then prints {@code WON v1,v2,...}.
 *
 * <p>Arguments: directory, run id, last version, worker name.
 */
public final class FileRaceWorker {

    private FileRaceWorker() {
    }

    public static void main(String[] args) throws Exception {
        try (FileCheckpointer store = new FileCheckpointer(Path.of(args[0]))) {
            // Warm up (class loading, JIT) on a run of its own, so the race starts on equal terms.
            String warmup = "warmup-" + args[3];
            store.save(new Checkpoint(warmup, 1, "WARMUP", 1, "{}", 0));
            race(store, warmup, 30, args[3]);
            store.delete(warmup);
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            List<Long> won = race(store, args[1], Long.parseLong(args[2]), args[3]);
            System.out.println("WON " + won.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
    }

    /** Advances {@code runId} until it reaches {@code last}; returns the versions this worker wrote. */
    static List<Long> race(Checkpointer store, String runId, long last, String worker) {
        List<Long> won = new ArrayList<>();
        while (true) {
            Checkpoint current = store.load(runId).orElseThrow();
            if (current.version() >= last) {
                return won;
            }
            Checkpoint next = current.next(worker, "{\"worker\":\"" + worker + "\"}", System.currentTimeMillis());
            try {
                store.save(next);
                won.add(next.version());
                // Give the other process a turn: on a loaded machine one side could otherwise win every step,
                // and the test would prove nothing about the race.
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return won;
            } catch (CheckpointConflictException lost) {
                // the other side advanced first: reload and try again
            }
        }
    }
}
