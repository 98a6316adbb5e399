package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ValidationOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the layers of one validation share: the chart, the options, the chart written to a private
 * temporary directory, and the single render of all scenarios. Confined to one validation; the
 * render is computed at most once.
 */
final class ValidationContext {

    private final ChartFiles files;
    private final ValidationOptions options;
    private final Optional<Path> chartDir;
    private final String writeError;
    private Rendering rendering;

    ValidationContext(ChartFiles files, ValidationOptions options, Optional<Path> chartDir, String writeError) {
        this.files = files;
        this.options = options;
        this.chartDir = chartDir;
        this.writeError = writeError == null ? "" : writeError;
    }

    ChartFiles files() {
        return files;
    }

    ValidationOptions options() {
        return options;
    }

    /** The chart on disk for helm, empty when it could not be written. */
    Optional<Path> chartDir() {
        return chartDir;
    }

    String writeError() {
        return writeError;
    }

    /** True when Chart.yaml exists and parses to a map: helm cannot do anything otherwise. */
    boolean helmCanRun() {
        return chartDir.isPresent() && chartYaml().isPresent();
    }

    /** Parsed Chart.yaml, empty when missing or invalid. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> chartYaml() {
        return parse("Chart.yaml").filter(Map.class::isInstance).map(o -> (Map<String, Object>) o);
    }

    /** Parsed values.yaml (an empty map when the file is missing or empty), empty when invalid. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> values() {
        if (files.get("values.yaml").map(String::isBlank).orElse(true)) {
            return Optional.of(Map.of());
        }
        return parse("values.yaml").filter(Map.class::isInstance).map(o -> (Map<String, Object>) o);
    }

    /** Parses a YAML file of the chart; empty on a missing file or any parse error. */
    Optional<Object> parse(String path) {
        return files.get(path).flatMap(text -> {
            try {
                return Optional.ofNullable(Yaml.load(text));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** The {@code ci/*-values.yaml} scenario files, in order. */
    List<String> ciValuesFiles() {
        List<String> out = new ArrayList<>();
        for (String p : files.paths()) {
            if (p.startsWith("ci/") && p.indexOf('/', 3) < 0 && p.endsWith("-values.yaml")) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Uses a render made elsewhere (for example by the Helm CLI, which also renders hook objects such as the
     * {@code helm test} pod) instead of rendering with helm-java on first use.
     */
    synchronized void useRendering(Rendering external) {
        this.rendering = java.util.Objects.requireNonNull(external, "rendering");
    }

    /** The shared render (defaults + every ci scenario); computed on first use. */
    synchronized Rendering rendering() {
        if (rendering == null) {
            rendering = render();
        }
        return rendering;
    }

    private Rendering render() {
        List<Rendering.Scenario> scenarios = new ArrayList<>();
        if (!helmCanRun()) {
            return new Rendering(scenarios);
        }
        Path dir = chartDir.orElseThrow();
        List<String> valueFiles = new ArrayList<>();
        valueFiles.add("");
        valueFiles.addAll(ciValuesFiles());
        for (String vf : valueFiles) {
            Optional<Path> extra = vf.isEmpty() ? Optional.empty() : Optional.of(dir.resolve(vf));
            // The release is named after the chart (as ChartRenderer does), so findings say Deployment/web, not
            // Deployment/release-web, and match what the chart assertions navigate by.
            HelmRunner.Outcome<String> out = HelmRunner.template(dir, files.name(), options.kubeVersion(), extra);
            if (out.ok()) {
                scenarios.add(Rendering.parse(vf, out.value().orElseThrow(), files.name()));
            } else {
                scenarios.add(new Rendering.Scenario(vf, out.error(), List.of(), List.of()));
            }
        }
        return new Rendering(scenarios);
    }
}
