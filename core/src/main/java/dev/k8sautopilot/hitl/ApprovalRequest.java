package dev.k8sautopilot.hitl;

import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.ValidationReport;
import java.util.List;

/**
 * Everything a person needs to decide a gate.
 *
 * @param runId           the run, for {@code resume}
 * @param gate            which gate
 * @param summary         plan summary (multi-line text)
 * @param files           chart-relative paths of the generated files (generation review)
 * @param diff            unified diff against an existing chart in the output directory; empty when none
 * @param questions       questions to answer (clarification)
 * @param report          validation report (escalation); empty otherwise
 * @param outputDirectory where the chart will be written
 * @param decisions       clarification: what planning decided before it stopped to ask, e.g. a language model's
 *                        values dropped as ungrounded (outcome {@code dropped}, source {@code llm}); empty at the
 *                        review gates, whose plan carries its own decisions
 * @param warnings        clarification: what the person answering should know, e.g. one line per dropped model
 *                        value ({@code LLM planner: dropped …}); empty at the review gates (the summary lists them)
 */
public record ApprovalRequest(String runId, Gate gate, String summary, List<String> files, String diff,
                              List<Question> questions, ValidationReport report, String outputDirectory,
                              List<PlanDecision> decisions, List<String> warnings) {

    /** Requires a run id and a gate; other nulls become empty values. */
    public ApprovalRequest {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId is required");
        }
        if (gate == null) {
            throw new IllegalArgumentException("gate is required");
        }
        summary = summary == null ? "" : summary;
        files = files == null ? List.of() : List.copyOf(files);
        diff = diff == null ? "" : diff;
        questions = questions == null ? List.of() : List.copyOf(questions);
        report = report == null ? ValidationReport.empty() : report;
        outputDirectory = outputDirectory == null ? "" : outputDirectory;
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A request without planning decisions or warnings (the review gates). */
    public ApprovalRequest(String runId, Gate gate, String summary, List<String> files, String diff,
                           List<Question> questions, ValidationReport report, String outputDirectory) {
        this(runId, gate, summary, files, diff, questions, report, outputDirectory, List.of(), List.of());
    }
}
