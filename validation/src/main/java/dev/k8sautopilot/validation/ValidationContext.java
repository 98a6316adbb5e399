package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.ValidationOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * What the layers of one validation share: the chart, the options, the chart written to a private
 * temporary directory, and the single render of all scenarios. Confined to one validation; the
 * render is computed at most once, on the first layer's thread or, when {@link #startRendering} was
 * called, concurrently with one task per scenario.
 */
final class ValidationContext {

    private static final java.util.regex.Pattern RELEASE_NAME = java.util.regex.Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    private final ChartFiles files;
    private final ValidationOptions options;
    private final Optional<Path> chartDir;
    private final String writeError;
    private Rendering rendering;
    /** Custom kinds (group version → kinds) the renders of this chart learned from Helm, shared by its scenarios. */
    private final Map<String, Set<String>> learnedKinds = new LinkedHashMap<>();
    /** {@link #parse} results by path. */
    private final Map<String, Optional<Object>> parsed = new ConcurrentHashMap<>();
    private Optional<List<CompletableFuture<Rendering.Scenario>>> pending = Optional.empty();
    /**
     * The kubernetes layer's findings per rendered object, worked out on the render threads right after each
     * scenario renders (while lint runs on the validating thread); keyed by identity, as the layer then walks
     * the very same objects.
     */
    private final Map<RenderedObject, List<Finding>> objectChecks = Collections.synchronizedMap(new IdentityHashMap<>());

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

    /**
     * Parses a YAML file of the chart; empty on a missing file or any parse error. Parsed once per validation (the
     * layers and the render threads read values.yaml and Chart.yaml many times): the result is shared, and callers
     * do not modify it.
     */
    Optional<Object> parse(String path) {
        return parsed.computeIfAbsent(path, p -> files.get(p).flatMap(text -> {
            try {
                return Optional.ofNullable(Yaml.load(text));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }));
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

    /** The shared render (defaults + every ci scenario); computed on first use, or collected when started early. */
    synchronized Rendering rendering() {
        if (rendering == null) {
            rendering = pending.isPresent() ? collect(pending.get()) : render();
        }
        return rendering;
    }

    /**
     * Starts rendering every scenario on {@code executor}, one task per scenario, so the renders run while other
     * layers (lint) check the chart; {@link #rendering()} then waits for them and keeps the scenario order. Each
     * task is a leaf (it never waits for another), so a bounded executor cannot deadlock. Does nothing when the
     * render was already started or done, or when helm cannot run.
     */
    synchronized void startRendering(Executor executor) {
        if (rendering != null || pending.isPresent() || !helmCanRun()) {
            return;
        }
        pending = Optional.of(scenarioFiles().stream()
                .map(vf -> CompletableFuture.supplyAsync(() -> renderScenario(vf), executor)).toList());
    }

    /** The kubernetes layer's findings about {@code o} of {@code scenario}: from the render thread when it checked them. */
    List<Finding> kubernetesFindings(Rendering.Scenario scenario, RenderedObject o) {
        List<Finding> done = objectChecks.get(o);
        return done != null ? done : KubernetesLayer.check(o, scenario.label());
    }

    /** Waits until renders started by {@link #startRendering} are over, so the chart copy can be deleted. */
    void awaitRendering() {
        Optional<List<CompletableFuture<Rendering.Scenario>>> started;
        synchronized (this) {
            started = pending;
        }
        started.ifPresent(fs -> CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join());
    }

    /** True when k8s-autopilot generated the chart (Chart.yaml starts with the generated marker). */
    boolean generated() {
        return files.get("Chart.yaml").map(t -> t.startsWith(TemplateLayer.GENERATED_MARK)).orElse(false);
    }

    /**
     * The release name to render with: the chart's own name when Helm accepts it as a release name, else
     * {@code release}. Never the directory name, which need not be a valid release name ({@code my_chart}).
     */
    String releaseName() {
        Object name = chartYaml().map(c -> c.get("name")).orElse(null);
        return name instanceof String s && RELEASE_NAME.matcher(s).matches() && s.length() <= 53 ? s : HelmRunner.RELEASE;
    }

    private Rendering render() {
        List<Rendering.Scenario> scenarios = new ArrayList<>();
        if (!helmCanRun()) {
            return new Rendering(scenarios);
        }
        for (String vf : scenarioFiles()) {
            scenarios.add(renderScenario(vf));
        }
        return new Rendering(scenarios);
    }

    private static Rendering collect(List<CompletableFuture<Rendering.Scenario>> futures) {
        List<Rendering.Scenario> scenarios = new ArrayList<>();
        for (CompletableFuture<Rendering.Scenario> f : futures) {
            try {
                scenarios.add(f.join());
            } catch (CompletionException e) {
                // Surface what the render threw, as a render on this thread would have.
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
        return new Rendering(scenarios);
    }

    /**
     * {@code ""} (the chart defaults), then every {@code ci/*-values.yaml} that sets something. One that sets nothing
     * (an empty file or {@code {}}) renders exactly what the defaults render, so it is not rendered a second time.
     */
    private List<String> scenarioFiles() {
        List<String> valueFiles = new ArrayList<>();
        valueFiles.add("");
        for (String vf : ciValuesFiles()) {
            boolean setsNothing = files.get(vf).map(String::isBlank).orElse(false)
                    || parse(vf).filter(d -> d instanceof Map<?, ?> m && m.isEmpty()).isPresent();
            if (!setsNothing) {
                valueFiles.add(vf);
            }
        }
        return valueFiles;
    }

    private Rendering.Scenario renderScenario(String vf) {
        Path dir = chartDir.orElseThrow();
        Optional<Path> extra = vf.isEmpty() ? Optional.empty() : Optional.of(dir.resolve(vf));
        // Scenarios render concurrently: each starts from what the others learned so far and adds what it learned.
        Map<String, Set<String>> known;
        synchronized (learnedKinds) {
            known = new LinkedHashMap<>(learnedKinds);
        }
        // The release is named after the chart (as ChartRenderer does), so findings say Deployment/web, not
        // Deployment/release-web, and match what the chart assertions navigate by.
        HelmRunner.Outcome<String> out = HelmRunner.renderChart(dir, releaseName(), options.kubeVersion(), extra, dir.getParent(), known,
                generated());
        synchronized (learnedKinds) {
            learnedKinds.putAll(known);
        }
        if (out.ok()) {
            Rendering.Scenario scenario = Rendering.parse(vf, out.value().orElseThrow(), releaseName());
            if (!options.skipLayers().contains(KubernetesLayer.NAME)) {
                for (RenderedObject o : scenario.objects()) {
                    objectChecks.put(o, KubernetesLayer.check(o, scenario.label()));
                }
            }
            return scenario;
        }
        return new Rendering.Scenario(vf, out.error(), List.of(), List.of());
    }
}
