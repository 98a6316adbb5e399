package dev.k8sautopilot.cli;

import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.llm.LlmPlanner;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.Usage;
import dev.k8sautopilot.model.ValidationReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints results as text (stderr for details, stdout for the essential line) or as one JSON object on
 * stdout. The JSON shape is documented in {@code docs/cli.md} and kept stable.
 */
final class ResultPrinter {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    ResultPrinter(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Prints a run result and returns the exit code. */
    int print(RunResult result) {
        return print(result, Map.of());
    }

    /** Prints a run result with what a command added (e.g. Argo CD files) and returns the exit code. */
    @SuppressWarnings("unchecked")
    int print(RunResult result, Map<String, Object> extra) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runId", result.runId());
        int code;
        if (result instanceof RunResult.Completed c) {
            doc.put("status", "completed");
            doc.put("chart", c.chartDirectory().toString());
            doc.put("passed", c.passed());
            if (c.plan() != null) {
                doc.put("plan", plan(c.plan()));
            }
            putReport(doc, c.report());
            doc.put("healing", c.healLog());
            doc.put("keptUserEdits", c.keptUserEdits());
            code = c.passed() ? Main.OK : Main.INVALID;
            if (!json) {
                printModelWarnings(c.plan());
                err.print(c.report().format());
                if (!c.keptUserEdits().isEmpty()) {
                    err.println("kept your edits in: " + String.join(", ", c.keptUserEdits())
                            + " (new versions under .k8s-autopilot/proposed/)");
                }
                out.println((c.passed() ? "chart written: " : "chart written with errors: ") + c.chartDirectory());
            }
        } else if (result instanceof RunResult.Interrupted i) {
            doc.put("status", "interrupted");
            doc.put("gate", i.request().gate().name());
            doc.put("questions", questions(i.request().questions()));
            doc.put("outputDirectory", i.request().outputDirectory());
            if (i.request().gate() == Gate.CLARIFICATION) {
                doc.put("plan", planSoFar(i.request()));
            }
            code = Main.NEEDS_INPUT;
            if (!json) {
                printModelWarnings(i.request().warnings());
                err.println("stopped at gate " + i.request().gate().name().toLowerCase().replace('_', ' '));
                for (Question q : i.request().questions()) {
                    err.println("  " + q.field() + ": " + q.text() + q.defaultValue().map(d -> " [default " + d + "]").orElse(""));
                }
                out.println("run saved: " + i.runId() + " (continue with: k8s-autopilot resume " + i.runId()
                        + (i.request().questions().isEmpty() ? " --approve" : " --answer FIELD=VALUE") + ")");
            }
        } else {
            RunResult.Failed f = (RunResult.Failed) result;
            String reason = cliReason(f);
            doc.put("status", "failed");
            doc.put("stage", f.stage());
            doc.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
            doc.put("error", reason);
            f.plan().ifPresent(p -> doc.put("plan", plan(p)));
            putReport(doc, f.report());
            code = f.kind() == RunResult.Failed.Kind.CHART_EXISTS ? Main.EXISTS : switch (f.stage()) {
                case "plan", "clarification", "write" -> Main.USAGE;
                default -> Main.INVALID;
            };
            if (!json) {
                f.plan().ifPresent(this::printModelWarnings);
                if (!f.report().findings().isEmpty()) {
                    err.print(f.report().format());
                }
                err.println("error: " + reason);
            }
        }
        doc.put("exitCode", code);
        doc.putAll(extra);
        if (!json && extra.get("argocd") instanceof Map<?, ?> argo) {
            for (Object file : (List<Object>) argo.get("files")) {
                out.println("argocd manifest written: " + file);
            }
            for (Object problem : (List<Object>) argo.get("findings")) {
                err.println("  " + problem);
            }
        }
        doc.put("usage", usage(result.usage()));
        if (json) {
            printJson(doc);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The library's reason with the command-line way to act on it (the library knows no options). */
    static String cliReason(RunResult.Failed f) {
        String reason = Errors.withoutErrorPrefix(f.reason());
        if (f.kind() == RunResult.Failed.Kind.CHART_EXISTS) {
            return reason + " " + Errors.EXISTS_HINT;
        }
        if (f.stage().equals("clarification")) {
            return reason + " (CLI: k8s-autopilot resume " + f.runId() + " --answer FIELD=VALUE)";
        }
        return reason;
    }

    /**
     * One line per change made to a language model's answer (a value dropped as ungrounded or invalid, a
     * fallback to the rules): shown in normal output, not only with {@code --json}, so that {@code --yes}
     * never hides what the model proposed and the chart does not contain.
     */
    private void printModelWarnings(ChartPlan plan) {
        if (plan != null) {
            printModelWarnings(plan.warnings());
        }
    }

    /** The lines of {@link #printModelWarnings(ChartPlan)} from a plan's warnings or a clarification's. */
    private void printModelWarnings(List<String> warnings) {
        for (String w : warnings) {
            if (w.startsWith(LlmPlanner.WARNING_PREFIX)) {
                err.println("warning: " + w);
            }
        }
    }

    /** Prints a bare validation report; returns 0 when it passed, 1 otherwise. */
    int print(String chart, ValidationReport report) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("chart", chart);
            doc.put("passed", report.passed());
            putReport(doc, report);
            printJson(doc);
        } else {
            out.print(report.format());
        }
        out.flush();
        return report.passed() ? Main.OK : Main.INVALID;
    }

    void printJson(Map<String, Object> doc) {
        Errors.printJson(out, doc);
    }

    static Map<String, Object> plan(ChartPlan plan) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", plan.spec().name());
        p.put("version", plan.spec().chartVersion());
        p.put("appVersion", plan.spec().appVersion());
        p.put("image", plan.spec().image().reference());
        p.put("workload", plan.spec().workload().wire());
        p.put("kinds", plan.renderedKinds());
        p.put("planner", plan.planner());
        p.put("decisions", decisions(plan.decisions()));
        p.put("warnings", plan.warnings());
        return p;
    }

    /**
     * The {@code plan} object of a run stopped at a clarification: no plan exists yet, so only the
     * {@code decisions} and {@code warnings} planning gave with its questions (e.g. dropped model values),
     * shaped as in a plan.
     */
    static Map<String, Object> planSoFar(ApprovalRequest request) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("decisions", decisions(request.decisions()));
        p.put("warnings", request.warnings());
        return p;
    }

    private static List<Map<String, String>> decisions(List<PlanDecision> all) {
        List<Map<String, String>> decisions = new ArrayList<>();
        for (PlanDecision d : all) {
            Map<String, String> decision = new LinkedHashMap<>();
            decision.put("topic", d.topic());
            decision.put("choice", d.choice());
            decision.put("reason", d.reason());
            decision.put("source", d.source().wire());
            decision.put("outcome", d.outcome().wire());
            decisions.add(decision);
        }
        return decisions;
    }

    static void putReport(Map<String, Object> doc, ValidationReport report) {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", f.severity().name());
            m.put("ruleId", f.ruleId());
            m.put("layer", f.layer());
            m.put("file", f.file());
            m.put("line", f.line());
            m.put("resource", f.resource());
            m.put("message", f.message());
            m.put("hint", f.hint());
            findings.add(m);
        }
        doc.put("findings", findings);
        doc.put("errors", report.count(dev.k8sautopilot.model.Severity.ERROR));
        doc.put("warnings", report.count(dev.k8sautopilot.model.Severity.WARNING));
        report.score().ifPresent(s -> doc.put("score", s));
        List<Map<String, Object>> layers = new ArrayList<>();
        report.layers().forEach(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", l.layer());
            m.put("millis", l.millis());
            m.put("findings", l.findings());
            m.put("skipped", l.skipped());
            if (!l.note().isEmpty()) {
                m.put("note", l.note());
            }
            layers.add(m);
        });
        doc.put("layers", layers);
    }

    static List<Map<String, Object>> questions(List<Question> qs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Question q : qs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", q.field());
            m.put("text", q.text());
            m.put("priority", q.priority().name());
            m.put("default", q.defaultValue().orElse(null));
            m.put("reason", q.reason());
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> usage(Usage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("llmCalls", u.llmCalls());
        m.put("inputTokens", u.inputTokens());
        m.put("outputTokens", u.outputTokens());
        m.put("stageMillis", u.stageMillis());
        m.put("callsByStage", u.callsByStage());
        return m;
    }
}
