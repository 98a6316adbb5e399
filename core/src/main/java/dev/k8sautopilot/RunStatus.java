package dev.k8sautopilot;

import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.Question;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a saved run looks like from outside, read from its checkpoint with {@link ChartPipeline#status(String)}:
 * enough for a front end (a web UI, a chat agent) to show the run and build a decision that fits its gate.
 *
 * <pre>{@code
 * pipeline.status(runId).filter(s -> s.gate().isPresent()).ifPresent(s -> show(s.gate().get(), s.questions()));
 * }</pre>
 *
 * @param runId          run id
 * @param repair         true for a {@code repair} run, false for a generation run
 * @param stage          where it stands
 * @param request        the request as saved (secret values redacted)
 * @param questions      the open clarification questions (empty unless {@link RunStage#CLARIFICATION})
 * @param failure        why it failed (empty unless {@link RunStage#FAILED})
 * @param chartDirectory the chart directory once written
 * @param backup         where a repair run keeps the originals of the files it changed (never inside the chart)
 * @param updatedAt      when it was last saved
 */
public record RunStatus(String runId, boolean repair, RunStage stage, ChartRequest request, List<Question> questions,
                        String failure, Optional<Path> chartDirectory, Optional<Path> backup, Instant updatedAt) {

    public RunStatus {
        questions = questions == null ? List.of() : List.copyOf(questions);
        failure = failure == null ? "" : failure;
        chartDirectory = chartDirectory == null ? Optional.empty() : chartDirectory;
        backup = backup == null ? Optional.empty() : backup;
    }

    /** The gate the run waits at, if it waits at one. */
    public Optional<Gate> gate() {
        return stage.gate();
    }
}
