package dev.k8sautopilot.cli;

import dev.k8sautopilot.PipelineListener;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.Stage;
import dev.k8sautopilot.hitl.Gate;
import java.io.PrintWriter;
import java.util.List;

/** Shows progress on stderr: one line per stage, gate and healing round. */
final class ProgressListener implements PipelineListener {

    private final PrintWriter err;
    private final boolean color;

    ProgressListener(PrintWriter err, boolean color) {
        this.err = err;
        this.color = color;
    }

    @Override
    public void stageFinished(String runId, Stage stage, long millis) {
        err.println(Terminal.paint(color, "2", "• " + stage.key() + " (" + millis + " ms)"));
        err.flush();
    }

    @Override
    public void gateReached(String runId, Gate gate) {
        err.println(Terminal.paint(color, "36", "? gate " + gate.name().toLowerCase().replace('_', ' ')));
        err.flush();
    }

    @Override
    public void healingRound(String runId, int round, List<String> applied, long errorsBefore, long errorsAfter, boolean kept) {
        err.println(Terminal.paint(color, "33", "~ healing round " + round + ": " + applied.size() + " fix(es), errors "
                + errorsBefore + " → " + errorsAfter + (kept ? "" : " (not kept)")));
        for (String a : applied) {
            err.println("    " + a);
        }
        err.flush();
    }

    @Override
    public void runEnded(RunResult result) {
        err.flush();
    }
}
