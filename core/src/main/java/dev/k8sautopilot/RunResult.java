package dev.k8sautopilot;

import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.Usage;
import dev.k8sautopilot.model.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a run ended. Sealed: switch over it exhaustively.
 *
 * <pre>{@code
 * RunResult result = pipeline.run(ChartRequest.of("Create a Helm chart for redis with persistence"));
 * if (result instanceof RunResult.Completed c) {
 *     System.out.println(c.chartDirectory());
 * } else if (result instanceof RunResult.Interrupted i) {
 *     pipeline.resume(i.runId(), Decision.approve());
 * } else if (result instanceof RunResult.Failed f) {
 *     System.err.println(f.reason());
 * }
 * }</pre>
 */
public sealed interface RunResult permits RunResult.Completed, RunResult.Interrupted, RunResult.Failed {

    /** The run id (for {@code resume} and {@code runs}). */
    String runId();

    /** What the run cost so far. */
    Usage usage();

    /**
     * The chart was written.
     *
     * @param runId          run id
     * @param chartDirectory the chart directory on disk
     * @param plan           the plan it was generated from
     * @param files          the files as written
     * @param report         the final validation report (it may contain errors when an escalation was approved)
     * @param healLog        fixes applied by healing, in order
     * @param keptUserEdits  files the user had changed and that were kept (regeneration with update)
     * @param usage          LLM calls, tokens and time per stage
     */
    record Completed(String runId, Path chartDirectory, ChartPlan plan, ChartFiles files, ValidationReport report,
                     List<String> healLog, List<String> keptUserEdits, Usage usage) implements RunResult {
        public Completed {
            healLog = healLog == null ? List.of() : List.copyOf(healLog);
            keptUserEdits = keptUserEdits == null ? List.of() : List.copyOf(keptUserEdits);
        }

        /** True when the chart passed validation (no error findings). */
        public boolean passed() {
            return report.passed();
        }

        /** A one-line summary (the files and the report are not spelled out: a chart is tens of kilobytes). */
        @Override
        public String toString() {
            return "Completed[runId=" + runId + ", chartDirectory=" + chartDirectory + ", passed=" + passed()
                    + ", errors=" + report.count(Severity.ERROR)
                    + ", warnings=" + report.count(Severity.WARNING)
                    + ", files=" + (files == null ? 0 : files.files().size()) + ", fixes=" + healLog.size() + "]";
        }
    }

    /**
     * The run stopped at a gate and was saved; continue it with {@code resume(runId, decision)}.
     *
     * @param runId   run id
     * @param request what the gate asks
     * @param usage   usage so far
     */
    record Interrupted(String runId, ApprovalRequest request, Usage usage) implements RunResult {

        /** A one-line summary: run id, gate and the fields asked about. */
        @Override
        public String toString() {
            return "Interrupted[runId=" + runId + ", gate=" + request.gate()
                    + ", questions=" + request.questions().stream().map(Question::field).toList() + "]";
        }
    }

    /**
     * The run failed or was aborted. Nothing was written (or, for repair, the chart is as before).
     *
     * @param runId  run id
     * @param stage  the stage it failed in, e.g. {@code validate}
     * @param reason one line saying why, with the fix where there is one
     * @param report the last validation report (empty when validation did not run)
     * @param plan   the plan, when planning had finished
     * @param usage  usage so far
     * @param kind   what kind of failure it is ({@link Kind#ERROR} unless said otherwise)
     */
    record Failed(String runId, String stage, String reason, ValidationReport report, Optional<ChartPlan> plan, Usage usage,
                  Kind kind) implements RunResult {
        public Failed {
            report = report == null ? ValidationReport.empty() : report;
            plan = plan == null ? Optional.empty() : plan;
            kind = kind == null ? Kind.ERROR : kind;
        }

        /** A failure of kind {@link Kind#ERROR}. */
        public Failed(String runId, String stage, String reason, ValidationReport report, Optional<ChartPlan> plan, Usage usage) {
            this(runId, stage, reason, report, plan, usage, Kind.ERROR);
        }

        /** A one-line summary: run id, stage, kind, reason and the number of error findings. */
        @Override
        public String toString() {
            return "Failed[runId=" + runId + ", stage=" + stage + ", kind=" + kind + ", reason=" + reason
                    + ", errors=" + report.count(Severity.ERROR) + "]";
        }

        /** What kind of failure it is, for callers that react differently (the CLI has an exit code per kind). */
        public enum Kind {
            /** Bad input, a failed validation, an aborted gate or any other reason in {@link #reason()}. */
            ERROR,
            /**
             * The chart directory exists already and the write mode forbids replacing it; detected right after
             * planning, before anything was generated or validated.
             */
            CHART_EXISTS
        }
    }
}
