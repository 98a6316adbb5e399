package dev.k8sautopilot.cli;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code repair CHART_DIR [--yes] [--json]}. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = "Validate an existing chart, fix what can be fixed, and write the fixes in place after approval"
                + " (the originals of changed files are kept outside the chart, in backups/<run-id>/ next to the saved runs).",
        footer = {"", "Examples:", "  k8s-autopilot repair charts/legacy", "  k8s-autopilot repair charts/legacy --yes --json",
                "", "Exit codes: 0 the chart passes now, 1 errors remain, 2 bad input, 3 stopped to ask."})
final class RepairCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CHART_DIR", description = "The chart directory to repair.")
    Path chart;

    @Mixin
    PipelineOptions options;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            return Errors.report(spec.commandLine(), options.json, Main.USAGE, chart + " has no Chart.yaml (fix: give a chart directory)");
        }
        try (ChartPipeline pipeline = options.builder(spec.commandLine().getErr()).build()) {
            RunResult result = pipeline.repair(chart);
            return new ResultPrinter(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json).print(result);
        }
    }
}
