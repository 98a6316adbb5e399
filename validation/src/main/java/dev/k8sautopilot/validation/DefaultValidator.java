package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.AtomicFiles;
import dev.k8sautopilot.internal.ChartWriter;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.LayerTiming;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.Validator;
import dev.k8sautopilot.validation.internal.CachedHelmLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@link Validator} (id {@code default}): runs the layers {@code structure},
 * {@code schema}, {@code lint}, {@code template}, {@code kubernetes}, {@code deprecation},
 * {@code security} and {@code dry-run} in that order and collects their findings, timings and the
 * security score. Helm runs in-process through helm-java on a private temporary copy of the chart
 * that is deleted afterwards; the chart is rendered once per values scenario, like {@code helm template}
 * (hooks included, {@code lookup} returning empty, no network access: see docs/validation-rules.md), and the output is
 * shared by every later layer. The scenarios render concurrently, one task per scenario on a shared pool of
 * one thread per core, while {@code structure}, {@code schema} and {@code lint} run on the calling thread;
 * findings and their order do not depend on that.
 *
 * <pre>{@code
 * ValidationReport report = new DefaultValidator().validate(Path.of("charts/web"), ValidationOptions.defaults());
 * System.out.println(report.format());
 * }</pre>
 *
 * <p>Never throws for a bad chart: missing files, invalid YAML, binary content where Helm reads text,
 * a chart that does not render, or a failure of the native helm library all become findings. Stateless and
 * thread-safe; validations may run in parallel.
 */
public final class DefaultValidator implements Validator {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultValidator.class);
    private static final List<Layer> LAYERS = List.of(new StructureLayer(), new SchemaLayer(), new LintLayer(),
            new TemplateLayer(), new KubernetesLayer(), new DeprecationLayer(), new SecurityLayer(), new DryRunLayer());

    /** Layers that read the shared render. */
    private static final Set<String> RENDERING_LAYERS = Set.of(TemplateLayer.NAME, KubernetesLayer.NAME, DeprecationLayer.NAME,
            SecurityLayer.NAME);
    /**
     * Renders scenarios of all validations in this JVM: one thread per core, daemon, created on demand. Its tasks
     * never wait for each other, so concurrent validations share it without deadlock.
     */
    private static final ExecutorService RENDER_POOL = renderPool();

    private final Path workDirectory;

    /** Creates the validator, working in the system temporary directory; used by {@link java.util.ServiceLoader}. */
    public DefaultValidator() {
        this(null);
    }

    /**
     * Creates a validator that writes its temporary chart copies under {@code workDirectory} (created when
     * missing), e.g. to keep them on a particular disk; null means the system temporary directory.
     */
    public DefaultValidator(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    @Override
    public String id() {
        return "default";
    }

    /**
     * Starts loading the native Helm library in the background, so that a short-lived process (a command line)
     * plans and generates while it loads instead of waiting for it at the first validation. Optional and
     * idempotent; a library that cannot be loaded fails the first validation exactly as without this call.
     */
    public static void warmUp() {
        CachedHelmLibrary.preload();
    }

    /** The layer names, in the order they run. */
    public static List<String> layerNames() {
        return LAYERS.stream().map(Layer::name).toList();
    }

    /**
     * Validates a chart directory on disk.
     *
     * @param chartDir directory holding Chart.yaml
     * @param options  target Kubernetes version and layers
     * @return the report; a directory that cannot be read gives a report with one error finding
     */
    public ValidationReport validate(Path chartDir, ValidationOptions options) {
        ChartFiles files;
        try {
            files = ChartFiles.read(chartDir);
        } catch (RuntimeException e) {
            Finding f = Finding.of(Severity.ERROR, "chart-unreadable", StructureLayer.NAME, "", 0,
                    "the chart cannot be read: " + e.getMessage(), "give the path of a readable chart directory");
            return new ValidationReport(List.of(f), List.of(), OptionalInt.empty());
        }
        return validate(files, options);
    }

    @Override
    public ValidationReport validate(ChartFiles files, ValidationOptions options) {
        ValidationOptions opts = options == null ? ValidationOptions.defaults() : options;
        Path temp = null;
        String writeError = "";
        Optional<Path> chartDir = Optional.empty();
        try {
            temp = workDirectory == null ? Files.createTempDirectory("k8s-autopilot-validate-")
                    : Files.createTempDirectory(Files.createDirectories(workDirectory), "k8s-autopilot-validate-");
            chartDir = Optional.of(write(files, temp));
        } catch (IOException | RuntimeException e) {
            writeError = e.getMessage();
        }
        try {
            return run(new ValidationContext(files, opts, chartDir, writeError));
        } finally {
            if (temp != null) {
                delete(temp);
            }
        }
    }

    private static ValidationReport run(ValidationContext ctx) {
        if (!ctx.options().skipLayers().containsAll(RENDERING_LAYERS)) {
            // Render every scenario on the shared pool while structure, schema and lint run on this thread.
            ctx.startRendering(RENDER_POOL);
        }
        List<Finding> findings = new ArrayList<>();
        List<LayerTiming> timings = new ArrayList<>();
        boolean securityRan = false;
        for (Layer layer : LAYERS) {
            if (ctx.options().skipLayers().contains(layer.name())) {
                timings.add(new LayerTiming(layer.name(), 0, 0, true, "skipped by the options"));
                continue;
            }
            long start = System.nanoTime();
            Optional<String> skip;
            List<Finding> found;
            try {
                skip = layer.skipReason(ctx);
                found = skip.isPresent() ? List.of() : layer.run(ctx);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                // A layer bug must not lose the other layers' findings.
                LOG.warn("Validation layer {} failed: {}", layer.name(), e.toString());
                skip = Optional.empty();
                found = List.of(Finding.of(Severity.ERROR, "validator-internal-error", layer.name(), "", 0,
                        "the " + layer.name() + " layer could not check this chart: " + e,
                        "report this with the chart attached; the other layers still ran"));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<Finding> unique = dedupe(withoutSchemaEchoes(found, findings));
            findings.addAll(unique);
            timings.add(new LayerTiming(layer.name(), millis, unique.size(), skip.isPresent(), skip.orElse("")));
            securityRan |= layer.name().equals(SecurityLayer.NAME) && skip.isEmpty();
        }
        // No layer may have read the render (all failed early): its tasks must end before the chart copy goes.
        ctx.awaitRendering();
        return new ValidationReport(findings, timings, securityRan ? OptionalInt.of(Score.of(findings)) : OptionalInt.empty());
    }

    /**
     * Once the schema layer has reported a values-schema violation, helm's own schema check says the same again in
     * lint and in every template run ("values don't meet the specifications of the schema(s)..."): one root cause,
     * one finding, so those echoes are left out.
     */
    private static List<Finding> withoutSchemaEchoes(List<Finding> found, List<Finding> earlier) {
        boolean schemaReported = earlier.stream().anyMatch(f -> f.ruleId().equals("values-schema-violation"));
        if (!schemaReported) {
            return found;
        }
        return found.stream().filter(f -> !(f.message().contains(HELM_SCHEMA_FAILURE) || f.message().startsWith("- at '/"))).toList();
    }

    private static final String HELM_SCHEMA_FAILURE = "values don't meet the specifications of the schema";

    private static ExecutorService renderPool() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "k8s-autopilot-render-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The same problem found in several scenarios is reported once (the first, i.e. default values, wins). */
    private static List<Finding> dedupe(List<Finding> findings) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            String msg = f.message().replaceAll(" \\[with ci/[^]]+]$", "");
            out.putIfAbsent(f.severity() + "|" + f.ruleId() + "|" + f.file() + "|" + f.resource() + "|" + msg, f);
        }
        return new ArrayList<>(out.values());
    }

    /** Writes the chart to {@code temp/<name>/} and returns that directory. */
    static Path write(ChartFiles files, Path temp) throws IOException {
        Path dir = temp.resolve(files.name()).normalize();
        if (!dir.startsWith(temp)) {
            throw new IOException("chart name escapes the temporary directory");
        }
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : files.files().entrySet()) {
            Path p = dir.resolve(ChartFiles.checkPath(e.getKey())).normalize();
            if (!p.startsWith(dir)) {
                throw new IOException(e.getKey() + " escapes the chart directory");
            }
            AtomicFiles.directories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
        for (String rel : files.binaryFiles().keySet()) {
            Path p = dir.resolve(ChartFiles.checkPath(rel)).normalize();
            if (!p.startsWith(dir)) {
                throw new IOException(rel + " escapes the chart directory");
            }
            AtomicFiles.directories(p.getParent());
            Files.write(p, files.binary(rel).orElseThrow());
        }
        return dir;
    }

    /** Deletes a directory tree, logging (not throwing) when that fails. */
    static void delete(Path root) {
        ChartWriter.deleteQuietly(root);
        if (Files.exists(root)) {
            LOG.warn("Could not delete the temporary chart copy {}", root);
        }
    }
}
