package dev.k8sautopilot.cli;

import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.llm.LlmPlanner;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.spi.ApprovalHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks a person at the console. Shows the summary, files, diff or report; reads the answer from stdin.
 * End of input counts as "defer" (the run is saved; exit 3).
 */
final class ConsoleApprovalHandler implements ApprovalHandler {

    private static final int MAX_DIFF_LINES = 200;

    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean color;

    ConsoleApprovalHandler(InputStream in, PrintWriter out, boolean color) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.color = color;
    }

    @Override
    public String id() {
        return "console";
    }

    @Override
    public Decision review(ApprovalRequest request) {
        try {
            return request.gate() == Gate.CLARIFICATION ? clarify(request) : approve(request);
        } catch (IOException e) {
            return Decision.defer();
        }
    }

    private Decision clarify(ApprovalRequest request) throws IOException {
        // What planning left out of a model's answer may be what is asked now (e.g. a dropped image): say so first.
        for (String w : request.warnings()) {
            if (w.startsWith(LlmPlanner.WARNING_PREFIX)) {
                out.println("warning: " + w);
            }
        }
        out.println(Terminal.paint(color, "1", "The request leaves some facts open:"));
        Map<String, String> answers = new LinkedHashMap<>();
        for (Question q : request.questions()) {
            out.println("  " + q.text() + (q.reason().isEmpty() ? "" : "  (" + q.reason() + ")"));
            out.print("  " + q.field() + q.defaultValue().map(d -> " [" + d + "]").orElse("") + ": ");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                return Decision.defer();
            }
            line = line.strip();
            if (line.isEmpty()) {
                if (q.defaultValue().isEmpty()) {
                    out.println("  an answer is required; stopping (resume later with: k8s-autopilot resume "
                            + request.runId() + " --answer " + q.field() + "=...)");
                    return Decision.defer();
                }
                line = q.defaultValue().get();
            }
            answers.put(q.field(), line);
        }
        return Decision.answer(answers);
    }

    private Decision approve(ApprovalRequest request) throws IOException {
        out.println(Terminal.paint(color, "1", "Review: " + request.gate().name().toLowerCase().replace('_', ' ')));
        if (!request.summary().isEmpty()) {
            out.print(request.summary());
        }
        if (!request.files().isEmpty()) {
            out.println("Files (" + request.files().size() + "): " + String.join(", ", request.files()));
        }
        if (!request.diff().isEmpty()) {
            String[] lines = request.diff().split("\n");
            for (int i = 0; i < Math.min(lines.length, MAX_DIFF_LINES); i++) {
                String l = lines[i];
                out.println(l.startsWith("+") ? Terminal.paint(color, "32", l) : l.startsWith("-") ? Terminal.paint(color, "31", l) : l);
            }
            if (lines.length > MAX_DIFF_LINES) {
                out.println("… " + (lines.length - MAX_DIFF_LINES) + " more diff lines");
            }
        }
        out.println("Output: " + request.outputDirectory());
        while (true) {
            out.print("[a]pprove, [r]eject with feedback, [o]utput directory, [d]efer, [q]uit: ");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                return Decision.defer();
            }
            switch (line.strip().toLowerCase()) {
                case "a", "approve", "y", "yes" -> {
                    return Decision.approve();
                }
                case "r", "reject" -> {
                    out.print("feedback: ");
                    out.flush();
                    String fb = in.readLine();
                    return fb == null ? Decision.defer() : Decision.reject(fb);
                }
                case "o", "output" -> {
                    if (request.gate() != Gate.PLANNING_REVIEW && request.gate() != Gate.GENERATION_REVIEW) {
                        out.println("the output directory can be changed at the planning or generation review only");
                        continue;
                    }
                    out.print("new output directory: ");
                    out.flush();
                    String dir = in.readLine();
                    if (dir == null || dir.isBlank()) {
                        return Decision.defer();
                    }
                    return Decision.changeOutput(dir.strip());
                }
                case "d", "defer" -> {
                    return Decision.defer();
                }
                case "q", "quit", "abort" -> {
                    return Decision.abort("aborted at the console");
                }
                default -> out.println("please answer a, r, o, d or q");
            }
        }
    }
}
