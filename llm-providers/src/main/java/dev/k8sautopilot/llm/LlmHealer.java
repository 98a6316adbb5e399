package dev.k8sautopilot.llm;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import dev.k8sautopilot.spi.Healer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heals what the deterministic healers left: for each file with error findings (most errors first, at
 * most {@link #maxFilesPerRound()} files per round) it sends the file, its findings (rule id, line,
 * resource, message, fix hint) and asks the model for the complete patched file in one fenced block —
 * one call per file. A reply is rejected when it is empty, holds more than one file, names another file,
 * is more than twice the original size, no longer parses (plain YAML and JSON files), or adds anything
 * {@link HealPatchPolicy} forbids ({@code lookup}, {@code tpl}, host access, privileged or root containers,
 * cluster-scoped objects, new kinds). Templates are sent with the {@code values.yaml} sections and
 * {@code _helpers.tpl} definitions they use, within {@value #MAX_CONTEXT_CHARS} characters. All calls of
 * one {@link #heal} share one deadline ({@code llm.timeout}). The pipeline keeps the result only if
 * re-validation improves, and bounds the rounds.
 *
 * <p>Runs last among healers ({@link #order()} 1000) and does nothing without a chat model. A model
 * failure ends the round, keeping the patches made so far. Stateless and thread-safe.
 */
public final class LlmHealer implements Healer {

    /** Default number of files patched per round. */
    public static final int DEFAULT_MAX_FILES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(LlmHealer.class);
    private static final Pattern FENCE = Pattern.compile("(?ms)^[ \\t]*(`{3,}|~{3,})[^\\n]*\\n(.*?)^[ \\t]*\\1[ \\t]*$");
    private static final Pattern FILE_HEADER = Pattern.compile("^#\\s*(?:File|Source|Path)\\s*:\\s*(\\S+)", Pattern.CASE_INSENSITIVE);
    /** Context (values and helpers) sent with a template, at most about 3,000 tokens. */
    static final int MAX_CONTEXT_CHARS = 12_000;

    private final int maxFilesPerRound;

    /** A healer patching at most {@value #DEFAULT_MAX_FILES} files per round. */
    public LlmHealer() {
        this(DEFAULT_MAX_FILES);
    }

    /**
     * A healer with another bound.
     *
     * @param maxFilesPerRound files patched per round (one model call each), at least 1
     */
    public LlmHealer(int maxFilesPerRound) {
        if (maxFilesPerRound < 1) {
            throw new IllegalArgumentException("maxFilesPerRound: " + maxFilesPerRound + " is below 1 (fix: use 1 or more)");
        }
        this.maxFilesPerRound = maxFilesPerRound;
    }

    /** Files patched per round at most. */
    public int maxFilesPerRound() {
        return maxFilesPerRound;
    }

    @Override
    public String id() {
        return "llm";
    }

    @Override
    public int order() {
        return 1000;
    }

    @Override
    public boolean requiresChatModel() {
        return true;
    }

    @Override
    public HealResult heal(ChartFiles files, ValidationReport report, HealContext context) {
        if (context == null || context.chatModel().isEmpty()) {
            return HealResult.unchanged(files);
        }
        ChatModel model = context.chatModel().get();
        ModelCalls.Budget budget = ModelCalls.Budget.start(model);
        ChartFiles current = files;
        List<String> applied = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> target : targets(files, report)) {
            String path = target.getKey();
            String original = files.get(path).orElseThrow();
            String reply;
            try {
                reply = budget.text(model, ChatRequest.builder()
                        .messages(SystemMessage.from(Prompts.HEALER_SYSTEM), UserMessage.from(prompt(files, path, target.getValue())))
                        .build());
            } catch (ModelCalls.Failure e) {
                LOG.warn("LLM healer: {}; ending this healing round", e.getMessage());
                break;
            }
            Patch patch = patch(path, original, reply);
            if (patch.rejection() != null) {
                LOG.warn("LLM healer: rejected the patch of {}: {}", path, patch.rejection());
                continue;
            }
            if (patch.content().equals(original)) {
                continue;
            }
            current = current.with(path, patch.content());
            applied.add(path + ": patched by the language model for " + String.join(", ",
                    target.getValue().stream().map(Finding::ruleId).distinct().toList()));
        }
        return new HealResult(current, applied);
    }

    /** Files with error findings that exist in the chart, most errors first, at most the bound. */
    List<Map.Entry<String, List<Finding>>> targets(ChartFiles files, ValidationReport report) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            if (f.severity() == Severity.ERROR && !f.file().isEmpty() && files.get(f.file()).isPresent()) {
                byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
            }
        }
        return byFile.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<Finding>> e) -> -e.getValue().size()))
                .limit(maxFilesPerRound)
                .toList();
    }

    static String prompt(ChartFiles files, String path, List<Finding> findings) {
        String content = files.get(path).orElseThrow();
        StringBuilder sb = new StringBuilder();
        sb.append("Chart: ").append(files.name()).append("\nFile: ").append(path).append('\n');
        fenced(sb, content, language(path));
        sb.append("Findings to fix:\n");
        for (Finding f : findings) {
            sb.append("- [").append(f.ruleId()).append(']');
            if (f.line() > 0) {
                sb.append(" line ").append(f.line());
            }
            if (!f.resource().isEmpty()) {
                sb.append(' ').append(f.resource());
            }
            sb.append(": ").append(f.message());
            if (!f.hint().isEmpty()) {
                sb.append(" (fix: ").append(f.hint()).append(')');
            }
            sb.append('\n');
        }
        if (path.startsWith("templates/")) {
            HealContextText.append(sb, files, content, MAX_CONTEXT_CHARS);
        }
        sb.append("Reply with the complete corrected ").append(path).append(" in one fenced code block.");
        return sb.toString();
    }

    static void fenced(StringBuilder sb, String content, String language) {
        String fence = content.contains("```") ? "~~~~" : "```";
        sb.append(fence).append(language).append('\n').append(content);
        if (!content.endsWith("\n")) {
            sb.append('\n');
        }
        sb.append(fence).append('\n');
    }

    private static String language(String path) {
        if (path.endsWith(".json")) {
            return "json";
        }
        return path.endsWith(".yaml") || path.endsWith(".yml") ? "yaml" : "";
    }

    /** A patched file, or why the reply was rejected. */
    record Patch(String content, String rejection) {
        static Patch rejected(String why) {
            return new Patch("", why);
        }
    }

    /** Checks a reply and extracts the patched file from it. */
    static Patch patch(String path, String original, String reply) {
        if (reply == null || reply.isBlank()) {
            return Patch.rejected("the reply was empty");
        }
        Matcher m = FENCE.matcher(reply);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(2));
        }
        if (blocks.isEmpty()) {
            return Patch.rejected("the reply had no fenced code block");
        }
        if (blocks.size() > 1) {
            return Patch.rejected("the reply had " + blocks.size() + " code blocks; only " + path + " may change");
        }
        String content = blocks.get(0);
        if (content.isBlank()) {
            return Patch.rejected("the patched file was empty");
        }
        String firstLine = content.strip().lines().findFirst().orElse("");
        Matcher header = FILE_HEADER.matcher(firstLine);
        if (header.find() && !header.group(1).endsWith(path)) {
            return Patch.rejected("the reply patches " + header.group(1) + ", not " + path);
        }
        if (original.endsWith("\n") && !content.endsWith("\n")) {
            content = content + "\n";
        }
        long before = original.getBytes(StandardCharsets.UTF_8).length;
        long after = content.getBytes(StandardCharsets.UTF_8).length;
        if (after > 2 * Math.max(before, 1)) {
            return Patch.rejected("the patched file is " + after + " bytes, more than twice the original " + before);
        }
        String parseError = parseError(path, content);
        if (parseError != null) {
            return Patch.rejected("the patched file does not parse: " + parseError);
        }
        java.util.Optional<String> breach = HealPatchPolicy.breach(original, content);
        if (breach.isPresent()) {
            return Patch.rejected(breach.get() + ", which no finding justifies");
        }
        return new Patch(content, null);
    }

    /** Plain YAML and JSON files must still parse; templates are checked by the pipeline's re-validation. */
    private static String parseError(String path, String content) {
        try {
            if (path.endsWith(".json")) {
                Json.mapper().readTree(content);
            } else if ((path.endsWith(".yaml") || path.endsWith(".yml")) && !path.startsWith("templates/") && !content.contains("{{")) {
                Yaml.loadAll(content);
            }
            return null;
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            int nl = message.indexOf('\n');
            return nl < 0 ? message : message.substring(0, nl);
        }
    }
}
