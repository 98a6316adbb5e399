package dev.k8sautopilot.cli;

import dev.k8sautopilot.llm.MissingApiKeyException;
import dev.k8sautopilot.model.ChartWriteException;
import dev.k8sautopilot.model.SpecException;
import picocli.CommandLine;

/** Turns exceptions into one clear line on stderr and an exit code; never a stack trace. */
final class Errors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        cl.getErr().println("error: " + message(ex));
        if (System.getenv("K8S_AUTOPILOT_DEBUG") != null) {
            ex.printStackTrace(cl.getErr());
        }
        return code(ex);
    }

    static int code(Throwable ex) {
        if (ex instanceof SpecException || ex instanceof IllegalArgumentException || ex instanceof ChartWriteException
                || ex instanceof MissingApiKeyException) {
            return Main.USAGE;
        }
        return Main.INVALID;
    }

    static String message(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
