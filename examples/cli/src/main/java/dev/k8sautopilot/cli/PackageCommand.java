package dev.k8sautopilot.cli;

import dev.k8sautopilot.publish.ChartPublisher;
import dev.k8sautopilot.publish.PackagedChart;
import dev.k8sautopilot.publish.PublishException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code package CHART_DIR [-d DIR]}: {@code helm package}, in-process. */
@Command(name = "package", mixinStandardHelpOptions = true,
        description = "Package a chart directory as NAME-VERSION.tgz, as helm package does.",
        footer = {"", "Examples:", "  k8s-autopilot package charts/web -d dist", "", "Exit codes: 0 packaged, 1 Helm refused the chart, 2 bad input."})
final class PackageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CHART_DIR", description = "The chart directory (contains Chart.yaml).")
    Path chart;

    @Option(names = {"-d", "--destination"}, paramLabel = "DIR", defaultValue = ".", description = "Where the archive is written (default: ${DEFAULT-VALUE}).")
    Path destination;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        ResultPrinter printer = new ResultPrinter(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("chart", chart.toString());
        try {
            PackagedChart p = ChartPublisher.builder().build().pack(chart, destination);
            doc.put("status", "packaged");
            doc.put("archive", p.archive().toString());
            doc.put("name", p.name());
            doc.put("version", p.version());
            doc.put("sha256", p.sha256());
            if (json) {
                printer.printJson(doc);
            } else {
                spec.commandLine().getOut().println("packaged: " + p.archive());
            }
            return Main.OK;
        } catch (PublishException e) {
            doc.put("status", "failed");
            doc.put("error", e.getMessage());
            if (json) {
                printer.printJson(doc);
            } else {
                spec.commandLine().getErr().println("error: " + e.getMessage());
            }
            return e.getMessage().contains("not a chart directory") ? Main.USAGE : Main.INVALID;
        }
    }
}
