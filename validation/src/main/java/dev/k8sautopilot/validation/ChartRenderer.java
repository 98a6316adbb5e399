package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.ValidationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders a chart with real Helm like {@code helm template} (in-process through helm-java, hook objects such as
 * the {@code helm test} pod included, {@code lookup} returning an empty map, no network access; no {@code helm}
 * binary) and parses the output into {@link RenderedManifest}s.
 *
 * <pre>{@code
 * List<RenderedManifest> objects = ChartRenderer.render(files, Map.of("replicaCount", 3, "ingress.enabled", true));
 * }</pre>
 *
 * <p>The release is named after the chart, so the generated charts' {@code fullname} is the chart name
 * ({@code web} renders {@code Deployment/web}, not {@code Deployment/release-web}); the namespace is
 * {@code default}. Top-level value keys containing dots are paths, as with {@code helm --set}:
 * {@code "ingress.enabled"} sets {@code enabled} inside {@code ingress}. Values pass through the YAML
 * library, never through string pasting.
 *
 * <p>Stateless and thread-safe: each call renders a private temporary copy of the chart that is
 * deleted afterwards.
 */
public final class ChartRenderer {

    private ChartRenderer() {
    }

    /**
     * Renders with the chart's defaults overridden by {@code values}, for the default Kubernetes version.
     *
     * @param chart  the chart
     * @param values value overrides (may be empty)
     * @return the rendered objects in output order
     * @throws ChartRenderException when Helm refuses to render or the output is not valid YAML
     */
    public static List<RenderedManifest> render(ChartFiles chart, Map<String, ?> values) {
        return render(chart, values, ValidationOptions.DEFAULT_KUBE_VERSION);
    }

    /**
     * Renders with the chart's defaults overridden by {@code values}.
     *
     * @param chart       the chart
     * @param values      value overrides (may be empty)
     * @param kubeVersion Kubernetes version for {@code .Capabilities}, e.g. {@code 1.31.0}
     * @return the rendered objects in output order
     * @throws ChartRenderException when Helm refuses to render or the output is not valid YAML
     */
    public static List<RenderedManifest> render(ChartFiles chart, Map<String, ?> values, String kubeVersion) {
        Objects.requireNonNull(chart, "chart");
        String version = new ValidationOptions(kubeVersion, true, null, null).kubeVersion();
        Map<String, Object> nested = nest(values == null ? Map.of() : values);
        return withChartOnDisk(chart, (dir, temp) -> {
            Optional<Path> file = Optional.empty();
            if (!nested.isEmpty()) {
                Path f = Files.createTempFile(temp, "overrides-", ".yaml");
                Files.writeString(f, Yaml.dump(nested), StandardCharsets.UTF_8);
                file = Optional.of(f);
            }
            return run(chart, dir, version, file, nested.isEmpty() ? "the chart defaults" : "values " + nested);
        });
    }

    /**
     * Renders with one of the chart's own values files, e.g. {@code ci/ha-values.yaml}.
     *
     * @param chart       the chart
     * @param valuesFile  chart-relative path of a values file inside the chart
     * @param kubeVersion Kubernetes version for {@code .Capabilities}, e.g. {@code 1.31.0}
     * @return the rendered objects in output order
     * @throws IllegalArgumentException when the chart has no such file
     * @throws ChartRenderException     when Helm refuses to render or the output is not valid YAML
     */
    public static List<RenderedManifest> renderWithValuesFile(ChartFiles chart, String valuesFile, String kubeVersion) {
        Objects.requireNonNull(chart, "chart");
        if (valuesFile == null || chart.get(valuesFile).isEmpty()) {
            throw new IllegalArgumentException("chart '" + chart.name() + "' has no values file '" + valuesFile
                    + "' (fix: use one of " + chart.paths().stream().filter(p -> p.endsWith("values.yaml")).toList() + ")");
        }
        String version = new ValidationOptions(kubeVersion, true, null, null).kubeVersion();
        return withChartOnDisk(chart, (dir, temp) -> run(chart, dir, version, Optional.of(dir.resolve(valuesFile)), valuesFile));
    }

    private static List<RenderedManifest> run(ChartFiles chart, Path dir, String kubeVersion, Optional<Path> valuesFile,
                                              String usedValues) {
        HelmRunner.Outcome<String> out = HelmRunner.renderChart(dir, chart.name(), kubeVersion, valuesFile, dir.getParent(),
                new java.util.LinkedHashMap<>(), chart.get("Chart.yaml").map(t -> t.startsWith(TemplateLayer.GENERATED_MARK)).orElse(false));
        if (!out.ok()) {
            throw new ChartRenderException("helm template of chart '" + chart.name() + "' with " + usedValues
                    + " failed: " + out.error());
        }
        Rendering.Scenario scenario = Rendering.parse("", out.value().orElseThrow(), chart.name());
        if (!scenario.problems().isEmpty()) {
            Finding first = scenario.problems().get(0);
            throw new ChartRenderException("chart '" + chart.name() + "' rendered with " + usedValues
                    + " is not valid YAML: " + first.format());
        }
        return scenario.objects().stream().map(o -> new RenderedManifest(o.file(), o.body())).toList();
    }

    /** Expands dotted top-level keys into nested maps ({@code a.b: 1} becomes {@code a: {b: 1}}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> nest(Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "a values key is null");
            String[] steps = key.split("\\.");
            Map<String, Object> cur = out;
            for (int i = 0; i < steps.length - 1; i++) {
                if (steps[i].isEmpty()) {
                    throw new IllegalArgumentException("values key '" + key + "' has an empty segment (fix: write it like ingress.enabled)");
                }
                Object next = cur.get(steps[i]);
                // Copy (a caller's map may be immutable) so later keys can be merged in.
                Map<String, Object> child = next instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                        : new LinkedHashMap<>();
                cur.put(steps[i], child);
                cur = child;
            }
            Object value = e.getValue();
            Object existing = cur.get(steps[steps.length - 1]);
            if (existing instanceof Map<?, ?> em && value instanceof Map<?, ?> vm) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) em);
                merged.putAll((Map<String, Object>) vm);
                value = merged;
            }
            cur.put(steps[steps.length - 1], value);
        }
        return out;
    }

    private interface OnDisk<T> {
        T apply(Path chartDir, Path temp) throws IOException;
    }

    private static <T> T withChartOnDisk(ChartFiles chart, OnDisk<T> work) {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("k8s-autopilot-render-");
            Path dir = DefaultValidator.write(chart, temp);
            return work.apply(dir, temp);
        } catch (IOException e) {
            throw new ChartRenderException("chart '" + chart.name() + "' could not be written to a temporary directory: "
                    + e.getMessage());
        } finally {
            if (temp != null) {
                DefaultValidator.delete(temp);
            }
        }
    }
}
