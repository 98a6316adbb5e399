package dev.k8sautopilot.internal;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.Usage;
import dev.k8sautopilot.model.ValidationReport;
import java.util.List;

/**
 * The saved state of a run (the checkpoint document). Nullable fields are absent until their stage ran.
 *
 * @param schemaVersion   document version, {@link #SCHEMA_VERSION}
 * @param runId           run id
 * @param mode            {@code generate} or {@code repair}
 * @param stage           next thing to do: PLAN, GENERATE, VALIDATE, WRITE, a gate name, DONE or FAILED
 * @param request         the request (secret values redacted)
 * @param plan            the plan, once planned
 * @param files           the chart files, once generated (or read, for repair)
 * @param report          the latest validation report
 * @param questions       open clarification questions
 * @param outputDirectory where the chart goes (for repair: the chart directory itself)
 * @param healRounds      healing rounds done
 * @param healLog         fixes applied
 * @param usage           usage so far
 * @param failure         why the run failed, when it did
 * @param chartDirectory  the written chart directory, when done
 */
public record RunState(int schemaVersion, String runId, String mode, String stage, ChartRequest request, ChartPlan plan,
                       ChartFiles files, ValidationReport report, List<Question> questions, String outputDirectory,
                       int healRounds, List<String> healLog, Usage usage, String failure, String chartDirectory) {

    /** Current document version. */
    public static final int SCHEMA_VERSION = 1;

    public RunState {
        questions = questions == null ? List.of() : List.copyOf(questions);
        healLog = healLog == null ? List.of() : List.copyOf(healLog);
        usage = usage == null ? Usage.none() : usage;
        failure = failure == null ? "" : failure;
        chartDirectory = chartDirectory == null ? "" : chartDirectory;
    }

    /** A copy in another stage. */
    public RunState at(String newStage) {
        return new RunState(schemaVersion, runId, mode, newStage, request, plan, files, report, questions, outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory);
    }

    /** A copy with another request. */
    public RunState withRequest(ChartRequest r) {
        return new RunState(schemaVersion, runId, mode, stage, r, plan, files, report, questions, outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory);
    }

    /** A copy with a plan (and no files or report: they belonged to the old plan). */
    public RunState withPlan(ChartPlan p) {
        return new RunState(schemaVersion, runId, mode, stage, request, p, null, null, List.of(), outputDirectory,
                0, List.of(), usage, failure, chartDirectory);
    }

    /** A copy with files (and no report). */
    public RunState withFiles(ChartFiles f) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, f, null, questions, outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory);
    }

    /** A copy with a report. */
    public RunState withReport(ValidationReport r) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, files, r, questions, outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory);
    }

    /** A copy with healing progress. */
    public RunState withHealing(ChartFiles f, ValidationReport r, int rounds, List<String> log) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, f, r, questions, outputDirectory,
                rounds, log, usage, failure, chartDirectory);
    }

    /** A copy with questions. */
    public RunState withQuestions(List<Question> q) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, files, report, q, outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory);
    }

    /** A copy with another output directory. */
    public RunState withOutputDirectory(String dir) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, files, report, questions, dir,
                healRounds, healLog, usage, failure, chartDirectory);
    }

    /** A copy with more usage. */
    public RunState plusUsage(Usage more) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, files, report, questions, outputDirectory,
                healRounds, healLog, usage.plus(more), failure, chartDirectory);
    }

    /** A failed copy. */
    public RunState failed(String why) {
        return new RunState(schemaVersion, runId, mode, "FAILED", request, plan, files, report, questions, outputDirectory,
                healRounds, healLog, usage, why, chartDirectory);
    }

    /** A finished copy. */
    public RunState done(String dir) {
        return new RunState(schemaVersion, runId, mode, "DONE", request, plan, files, report, questions, outputDirectory,
                healRounds, healLog, usage, failure, dir);
    }
}
