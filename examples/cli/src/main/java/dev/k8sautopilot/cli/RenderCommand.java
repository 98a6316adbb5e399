package dev.k8sautopilot.cli;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.k8sautopilot.model.ValidationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code render CHART_DIR [-f values.yaml] [--set k=v]}: {@code helm template} without a helm binary. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a chart's manifests with real Helm (in-process, like helm template) and print them.",
        footer = {"", "Examples:", "  k8s-autopilot render charts/nginx", "  k8s-autopilot render charts/nginx -f charts/nginx/ci/all-features-values.yaml",
                "  k8s-autopilot render charts/nginx --set ingress.enabled=true --release web --namespace prod",
                "", "Exit codes: 0 rendered, 1 Helm refused to render, 2 bad input."})
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CHART_DIR", description = "The chart directory.")
    Path chart;

    @Option(names = {"-f", "--values"}, paramLabel = "FILE", description = "Values file (repeatable).")
    List<Path> values = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set a value (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--release", paramLabel = "NAME", defaultValue = "release", description = "Release name (default: ${DEFAULT-VALUE}).")
    String release;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default", description = "Namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--kube-version", paramLabel = "VERSION", defaultValue = ValidationOptions.DEFAULT_KUBE_VERSION,
            description = "Kubernetes version for capabilities (default: ${DEFAULT-VALUE}).")
    String kubeVersion;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            spec.commandLine().getErr().println("error: " + chart + " has no Chart.yaml (fix: give a chart directory)");
            return Main.USAGE;
        }
        for (Path v : values) {
            if (!Files.isRegularFile(v)) {
                spec.commandLine().getErr().println("error: values file " + v + " does not exist");
                return Main.USAGE;
            }
        }
        TemplateCommand cmd = new Helm(chart.toAbsolutePath().normalize()).template()
                .withName(release).withNamespace(namespace).withKubeVersion(kubeVersion);
        for (Path v : values) {
            cmd = cmd.withValuesFile(v.toAbsolutePath().normalize());
        }
        for (Map.Entry<String, String> e : set.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        try {
            spec.commandLine().getOut().print(cmd.call());
            spec.commandLine().getOut().flush();
            return Main.OK;
        } catch (RuntimeException e) {
            return Errors.report(spec.commandLine(), false, Main.INVALID, "helm template failed: " + helmProblem(e.getMessage()));
        }
    }

    /**
     * Helm's error in one line. A values-schema failure spans several lines ("values don't meet the
     * specifications...", the chart name, one "- at '/path': reason" line per violation): it becomes the dotted
     * field paths with their reasons.
     */
    static String helmProblem(String message) {
        String m = message == null ? "" : message.strip();
        if (m.startsWith("values don't meet the specifications of the schema")) {
            List<String> violations = new ArrayList<>();
            for (String line : m.split("\n")) {
                java.util.regex.Matcher v = SCHEMA_VIOLATION.matcher(line.strip());
                if (v.matches()) {
                    String path = v.group(1).replaceFirst("^/", "").replace('/', '.');
                    violations.add((path.isEmpty() ? "(values root)" : path) + ": " + v.group(2));
                }
            }
            if (!violations.isEmpty()) {
                return "values do not match the chart's values.schema.json: " + String.join("; ", violations)
                        + " (fix: give each field a value of the type and range the schema allows)";
            }
        }
        return Errors.withoutErrorPrefix(String.join("; ", m.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()));
    }

    private static final java.util.regex.Pattern SCHEMA_VIOLATION = java.util.regex.Pattern.compile("- at '([^']*)': (.+)");
}
