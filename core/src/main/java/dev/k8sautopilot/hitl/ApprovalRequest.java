package dev.k8sautopilot.hitl;

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
 */
public record ApprovalRequest(String runId, Gate gate, String summary, List<String> files, String diff,
                              List<Question> questions, ValidationReport report, String outputDirectory) {

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
    }
}
