package dev.k8sautopilot.cli;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate CHART_DIR [--json]}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate a chart directory with every layer (structure, schema, helm lint --strict, helm template,"
                + " strict Kubernetes schema, removed APIs, security rules).",
        footer = {"", "Examples:", "  k8s-autopilot validate charts/nginx", "  k8s-autopilot validate charts/nginx --json --kube-version 1.29",
                "", "Exit codes: 0 no error finding, 1 errors found, 2 bad input."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CHART_DIR", description = "The chart directory (contains Chart.yaml).")
    Path chart;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--kube-version", paramLabel = "VERSION", defaultValue = ValidationOptions.DEFAULT_KUBE_VERSION,
            description = "Target Kubernetes version (default: ${DEFAULT-VALUE}).")
    String kubeVersion;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Also run a server-side dry run against this cluster.")
    Path kubeconfig;

    @Override
    public Integer call() {
        if (!Files.isDirectory(chart)) {
            return Errors.report(spec.commandLine(), json, Main.USAGE, chart + " is not a directory (fix: give the chart directory)");
        }
        ValidationOptions options = new ValidationOptions(kubeVersion, true, Set.of(), Optional.ofNullable(kubeconfig));
        ChartPipeline pipeline = ChartPipeline.builder()
                .validationOptions(options)
                .checkpointer(new MemoryCheckpointer())
                .approvals(ApprovalHandlers.autoApprove())
                .build();
        ValidationReport report = pipeline.validate(ChartFiles.read(chart));
        return new ResultPrinter(spec.commandLine().getOut(), spec.commandLine().getErr(), json)
                .print(chart.toAbsolutePath().normalize().toString(), report);
    }
}
