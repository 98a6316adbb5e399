package dev.k8sautopilot.internal;

import dev.k8sautopilot.RunStage;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.Usage;
import dev.k8sautopilot.model.ValidationReport;
import java.util.List;
import java.util.Objects;

/**
 * The saved state of a run (the checkpoint document). Nullable fields are absent until their stage ran.
 *
 * @param schemaVersion   document version, {@link #SCHEMA_VERSION}
 * @param runId           run id
 * @param mode            generation or repair
 * @param stage           where the run stands
 * @param request         the request (secret values redacted when saved)
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
 * @param backupDirectory for repair: where the originals of changed files are kept (outside the chart)
 * @param decisions       decisions planning took along with the open questions (no plan exists yet), e.g. dropped
 *                        model values
 * @param warnings        warning lines planning gave along with the open questions, e.g. one per dropped model value
 */
public record RunState(int schemaVersion, String runId, Mode mode, RunStage stage, ChartRequest request, ChartPlan plan,
                       ChartFiles files, ValidationReport report, List<Question> questions, String outputDirectory,
                       int healRounds, List<String> healLog, Usage usage, String failure, String chartDirectory,
                       String backupDirectory, List<PlanDecision> decisions, List<String> warnings) {

    /**
     * Current document version: 2 added {@code backupDirectory}, 3 added {@code decisions} and {@code warnings};
     * older documents read unchanged (what they lack is empty).
     */
    public static final int SCHEMA_VERSION = 3;

    /** What the run does. */
    public enum Mode {
        /** Plan, generate, validate, heal and write a new chart. */
        GENERATE,
        /** Validate and heal an existing chart in place. */
        REPAIR
    }

    public RunState {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(stage, "stage");
        questions = questions == null ? List.of() : List.copyOf(questions);
        healLog = healLog == null ? List.of() : List.copyOf(healLog);
        usage = usage == null ? Usage.none() : usage;
        failure = failure == null ? "" : failure;
        chartDirectory = chartDirectory == null ? "" : chartDirectory;
        backupDirectory = backupDirectory == null ? "" : backupDirectory;
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A new run at its first stage. */
    public static RunState start(String runId, Mode mode, RunStage stage, ChartRequest request, ChartFiles files,
                                 String outputDirectory, String backupDirectory) {
        return new RunState(SCHEMA_VERSION, runId, mode, stage, request, null, files, null, List.of(), outputDirectory, 0,
                List.of(), null, null, null, backupDirectory, List.of(), List.of());
    }

    /** True for a repair run. */
    public boolean repair() {
        return mode == Mode.REPAIR;
    }

    /** A copy in another stage. */
    public RunState at(RunStage newStage) {
        return new RunState(schemaVersion, runId, mode, newStage, request, plan, files, report, questions, outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory, backupDirectory, decisions, warnings);
    }

    /** A copy with another request. */
    public RunState withRequest(ChartRequest r) {
        return new RunState(schemaVersion, runId, mode, stage, r, plan, files, report, questions, outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory, backupDirectory, decisions, warnings);
    }

    /** A copy with a plan (and no files, report, questions or their decisions: they belonged to the old plan). */
    public RunState withPlan(ChartPlan p) {
        return new RunState(schemaVersion, runId, mode, stage, request, p, null, null, List.of(), outputDirectory,
                0, List.of(), usage, failure, chartDirectory, backupDirectory, List.of(), List.of());
    }

    /** A copy with files (and no report). */
    public RunState withFiles(ChartFiles f) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, f, null, questions, outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory, backupDirectory, decisions, warnings);
    }

    /** A copy with a report. */
    public RunState withReport(ValidationReport r) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, files, r, questions, outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory, backupDirectory, decisions, warnings);
    }

    /** A copy with healing progress. */
    public RunState withHealing(ChartFiles f, ValidationReport r, int rounds, List<String> log) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, f, r, questions, outputDirectory,
                rounds, log, usage, failure, chartDirectory, backupDirectory, decisions, warnings);
    }

    /** A copy asking the planner's questions, with the decisions and warnings it gave along with them. */
    public RunState asking(PlanOutcome.NeedsInput n) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, files, report, n.questions(), outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory, backupDirectory, n.decisions(), n.warnings());
    }

    /** A copy with the questions answered: no questions, and none of the decisions or warnings given with them. */
    public RunState answered() {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, files, report, List.of(), outputDirectory,
                healRounds, healLog, usage, failure, chartDirectory, backupDirectory, List.of(), List.of());
    }

    /** A copy with another output directory. */
    public RunState withOutputDirectory(String dir) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, files, report, questions, dir,
                healRounds, healLog, usage, failure, chartDirectory, backupDirectory, decisions, warnings);
    }

    /** A copy with these usage totals. */
    public RunState withUsage(Usage total) {
        return new RunState(schemaVersion, runId, mode, stage, request, plan, files, report, questions, outputDirectory,
                healRounds, healLog, total, failure, chartDirectory, backupDirectory, decisions, warnings);
    }

    /** A copy with the redacted request, plan, failure text and clarification decisions and warnings, as saved. */
    public RunState withRedacted(ChartRequest r, ChartPlan p, String why, List<PlanDecision> d, List<String> w) {
        return new RunState(schemaVersion, runId, mode, stage, r, p, files, report, questions, outputDirectory,
                healRounds, healLog, usage, why, chartDirectory, backupDirectory, d, w);
    }

    /** A copy in {@link RunStage#FAILED} with the reason. */
    public RunState failed(String why) {
        return new RunState(schemaVersion, runId, mode, RunStage.FAILED, request, plan, files, report, questions,
                outputDirectory, healRounds, healLog, usage, why, chartDirectory, backupDirectory, decisions, warnings);
    }

    /** A copy in {@link RunStage#DONE}, written to {@code dir}. */
    public RunState done(String dir) {
        return new RunState(schemaVersion, runId, mode, RunStage.DONE, request, plan, files, report, questions,
                outputDirectory, healRounds, healLog, usage, failure, dir, backupDirectory, decisions, warnings);
    }
}
