package dev.k8sautopilot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.k8sautopilot.model.ChartExistsException;
import dev.k8sautopilot.llm.MissingApiKeyException;
import dev.k8sautopilot.model.ChartWriteException;
import dev.k8sautopilot.model.SpecException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Every error of the command line goes through here: one clear line on stderr ({@code error: ...}), or with
 * {@code --json} one JSON object on stdout ({@code {"status": "error", "exitCode": N, "error": "..."}}), and the
 * documented exit code. Never a stack trace (unless {@code K8S_AUTOPILOT_DEBUG} is set).
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {


    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        int code = code(ex);
        String message = message(ex);
        if (ex instanceof ChartExistsException) {
            message = message + " " + EXISTS_HINT;
        }
        report(cl, jsonRequested(parseResult.originalArgs()), code, message);
        if (System.getenv("K8S_AUTOPILOT_DEBUG") != null) {
            ex.printStackTrace(cl.getErr());
        }
        return code;
    }

    /** What the CLI adds to the library's "exists already" message. */
    static final String EXISTS_HINT = "(CLI: pass --force to replace it or --update to regenerate in place)";

    /**
     * Reports an error: {@code error: message} on stderr, or one JSON object on stdout when {@code json}.
     *
     * @return {@code code}
     */
    static int report(CommandLine cl, boolean json, int code, String message) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("status", "error");
            doc.put("exitCode", code);
            doc.put("error", message);
            printJson(cl.getOut(), doc);
        } else {
            cl.getErr().println("error: " + message);
        }
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    static void printJson(PrintWriter out, Map<String, Object> doc) {
        try {
            out.println(JsonOutput.MAPPER.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the arguments ask for JSON output ({@code --json} before any {@code --}). */
    static boolean jsonRequested(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--json")) {
                return true;
            }
        }
        return false;
    }

    static int code(Throwable ex) {
        if (ex instanceof ChartExistsException) {
            return Main.EXISTS;
        }
        if (ex instanceof SpecException || ex instanceof IllegalArgumentException || ex instanceof ChartWriteException
                || ex instanceof MissingApiKeyException) {
            return Main.USAGE;
        }
        return Main.INVALID;
    }

    /** The first line of the message, without a leading "Error: " (we print our own "error: "). */
    static String message(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return withoutErrorPrefix(nl < 0 ? m : m.substring(0, nl));
    }

    /** Drops "Error: " / "error: " prefixes other tools put in front of their messages. */
    static String withoutErrorPrefix(String m) {
        String s = m.strip();
        while (s.regionMatches(true, 0, "error:", 0, 6)) {
            s = s.substring(6).strip();
        }
        return s;
    }

    /** The mapper of {@code --json} output, created on first use: most runs print no JSON (and no error). */
    private static final class JsonOutput {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
