package dev.k8sautopilot.cli;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.config.AutopilotConfig;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.spi.ApprovalHandler;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the pipeline. */
final class PipelineOptions {

    @Option(names = "--json", description = "Print one JSON object on stdout (progress still goes to stderr).")
    boolean json;

    @Option(names = {"-y", "--yes"}, description = "Approve every gate and take default answers (non-interactive).")
    boolean yes;

    @Option(names = "--no-input", description = "Never prompt: stop at the first gate (exit 3) and print the run id.")
    boolean noInput;

    @Option(names = "--checkpointer", paramLabel = "URI",
            description = "Where runs are saved: memory:, file:DIR or jdbc:URL (default: file:~/.k8s-autopilot/runs).")
    String checkpointer;

    @Option(names = "--kube-version", paramLabel = "VERSION", description = "Target Kubernetes version (default: ${DEFAULT-VALUE}).",
            defaultValue = ValidationOptions.DEFAULT_KUBE_VERSION)
    String kubeVersion;

    @Option(names = "--llm", paramLabel = "PROVIDER", description = "Use an LLM: openai, anthropic, ollama or gemini (default: offline).")
    String llm;

    @Option(names = "--model", paramLabel = "NAME", description = "Model name for --llm.")
    String model;

    @Option(names = "--base-url", paramLabel = "URL", description = "Endpoint for --llm (OpenAI-compatible servers, Ollama host).")
    String baseUrl;

    @Option(names = "--strict-schema", description = "Ask an OpenAI-compatible --base-url server for strict JSON-schema output "
            + "(OpenAI's own endpoint always gets it; config key llm.strictSchema).")
    boolean strictSchema;

    @Option(names = "--max-heal-attempts", paramLabel = "N", description = "Healing rounds before asking (default: 3).")
    Integer maxHealAttempts;

    @Option(names = "--no-color", description = "Plain progress output.")
    boolean noColor;

    /** The checkpointer URI in effect. */
    String checkpointerUri() {
        if (checkpointer != null) {
            return checkpointer;
        }
        AutopilotConfig config = AutopilotConfig.load();
        if (config.isSet(AutopilotConfig.CHECKPOINTER)) {
            return config.get(AutopilotConfig.CHECKPOINTER, "memory:");
        }
        return "file:" + Path.of(System.getProperty("user.home"), ".k8s-autopilot", "runs");
    }

    /** The approval handler these options ask for. */
    ApprovalHandler approvals(PrintWriter err) {
        if (yes) {
            return ApprovalHandlers.autoApprove();
        }
        if (noInput) {
            return ApprovalHandlers.deferring();
        }
        return new ConsoleApprovalHandler(System.in, err, Terminal.colors(noColor));
    }

    /** A pipeline builder configured from these options. */
    ChartPipeline.Builder builder(PrintWriter err) {
        AutopilotConfig config = AutopilotConfig.load();
        if (llm != null) {
            config = config.with(AutopilotConfig.LLM_PROVIDER, llm);
        }
        if (model != null) {
            config = config.with(AutopilotConfig.LLM_MODEL, model);
        }
        if (baseUrl != null) {
            config = config.with(AutopilotConfig.LLM_BASE_URL, baseUrl);
        }
        if (strictSchema) {
            config = config.with(AutopilotConfig.LLM_STRICT_SCHEMA, "true");
        }
        ChartPipeline.Builder b = ChartPipeline.builder()
                .config(config)
                .checkpointer(checkpointerUri())
                .approvals(approvals(err))
                .validationOptions(ValidationOptions.defaults().withKubeVersion(kubeVersion))
                .addListener(new ProgressListener(err, Terminal.colors(noColor)));
        if (maxHealAttempts != null) {
            b.maxHealAttempts(maxHealAttempts);
        }
        return b;
    }
}
