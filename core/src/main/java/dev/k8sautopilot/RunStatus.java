package dev.k8sautopilot;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a saved run looks like from outside, read from its checkpoint with {@link ChartPipeline#status(String)}.
 *
 * @param runId          run id
 * @param repair         true for a {@code repair} run, false for a generation run
 * @param stage          where it stands
 * @param failure        why it failed (empty unless {@link RunStage#FAILED})
 * @param chartDirectory the chart directory once written
 * @param backup         where a repair run keeps the originals of the files it changed (never inside the chart)
 * @param updatedAt      when it was last saved
 */
public record RunStatus(String runId, boolean repair, RunStage stage, String failure, Optional<Path> chartDirectory,
                        Optional<Path> backup, Instant updatedAt) {

    public RunStatus {
        failure = failure == null ? "" : failure;
        chartDirectory = chartDirectory == null ? Optional.empty() : chartDirectory;
        backup = backup == null ? Optional.empty() : backup;
    }
}
