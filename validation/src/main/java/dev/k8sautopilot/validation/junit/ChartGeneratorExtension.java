package dev.k8sautopilot.validation.junit;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.config.AutopilotConfig;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.internal.ChartWriter;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JUnit 5 extension behind {@link GenerateChart @GenerateChart}: runs the {@link ChartPipeline} offline
 * (no LLM, defaults only — system properties and environment are ignored so tests are reproducible), with
 * every gate auto-approved and a memory checkpointer, into a temporary directory, and resolves parameters
 * of type {@link ChartFiles}, {@link Path}, {@link GeneratedChart}, {@link ChartPlan} and
 * {@link ValidationReport}.
 *
 * <p>Results are cached in the extension store of the test class that declares the annotation (or of the
 * test's class, for a parameter annotation), keyed by the annotation's attributes, so each chart is generated
 * once per class even when tests run in parallel; the temporary directory is deleted when that class is done.
 *
 * <p>A run that fails or stops to ask something is reported as a {@link ParameterResolutionException} whose
 * message says why and what to add to the annotation.
 */
public final class ChartGeneratorExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ChartGeneratorExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChartGeneratorExtension.class);
    private static final List<Class<?>> TYPES = List.of(ChartFiles.class, Path.class, GeneratedChart.class, ChartPlan.class,
            ValidationReport.class);

    /** Created by JUnit through {@code @ExtendWith}. */
    public ChartGeneratorExtension() {
        // stateless: everything lives in the extension store
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (!TYPES.contains(type)) {
            return false;
        }
        if (parameter.isAnnotated(GenerateChart.class)) {
            return true;
        }
        if (type == Path.class && parameter.getParameter().getAnnotations().length > 0) {
            return false; // e.g. @TempDir Path: leave it to its own resolver
        }
        return classAnnotation(context).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<GenerateChart> own = parameter.findAnnotation(GenerateChart.class);
        GenerateChart annotation;
        ExtensionContext owner;
        if (own.isPresent()) {
            annotation = own.get();
            owner = classContext(context, context.getRequiredTestClass());
        } else {
            Map.Entry<Class<?>, GenerateChart> found = classAnnotation(context).orElseThrow(() ->
                    new ParameterResolutionException("no @GenerateChart on the parameter or the test class"));
            annotation = found.getValue();
            owner = classContext(context, found.getKey());
        }
        Class<?> testClass = context.getRequiredTestClass();
        Generated generated = owner.getStore(NAMESPACE).getOrComputeIfAbsent(key(annotation),
                k -> generate(annotation, testClass), Generated.class);
        GeneratedChart chart = generated.chart();
        Class<?> type = parameter.getParameter().getType();
        if (type == ChartFiles.class) {
            return chart.files();
        } else if (type == Path.class) {
            return chart.directory();
        } else if (type == ChartPlan.class) {
            return chart.plan();
        } else if (type == ValidationReport.class) {
            return chart.report();
        }
        return chart;
    }

    /** Generates the chart an annotation describes; the caller owns (closes) the result. */
    static Generated generate(GenerateChart annotation, Class<?> testClass) {
        ChartRequest request = request(annotation, testClass);
        String kubeVersion;
        try {
            kubeVersion = annotation.kubeVersion().isBlank() ? ValidationOptions.DEFAULT_KUBE_VERSION
                    : ValidationOptions.defaults().withKubeVersion(annotation.kubeVersion()).kubeVersion();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(describe(annotation) + ": kubeVersion " + e.getMessage());
        }
        Path temp;
        try {
            temp = Files.createTempDirectory("k8s-autopilot-junit-");
        } catch (IOException e) {
            throw new ParameterResolutionException(describe(annotation) + ": cannot create a temporary directory: "
                    + e.getMessage(), e);
        }
        Generated holder = new Generated(temp);
        try {
            RunResult result;
            try (ChartPipeline pipeline = ChartPipeline.builder()
                    .config(AutopilotConfig.defaults())
                    .approvals(ApprovalHandlers.autoApprove())
                    .checkpointer("memory:")
                    .outputDirectory(temp)
                    .validationOptions(ValidationOptions.defaults().withKubeVersion(kubeVersion))
                    .build()) {
                result = pipeline.run(request);
            }
            if (result instanceof RunResult.Completed c) {
                holder.chart = new GeneratedChart(c.chartDirectory(), c.files(), c.plan(), c.report(), c.healLog(), kubeVersion);
                return holder;
            } else if (result instanceof RunResult.Interrupted i) {
                throw new ParameterResolutionException(describe(annotation) + " stopped at " + i.request().gate()
                        + questions(i.request().questions()));
            } else {
                RunResult.Failed f = (RunResult.Failed) result;
                throw new ParameterResolutionException(describe(annotation) + " failed in stage " + f.stage() + ": "
                        + f.reason() + (f.report().findings().isEmpty() ? "" : "\n" + f.report().format()));
            }
        } catch (ParameterResolutionException e) {
            holder.close();
            throw e;
        } catch (RuntimeException e) {
            holder.close();
            throw new ParameterResolutionException(describe(annotation) + " could not run: " + e.getMessage(), e);
        }
    }

    private static ChartRequest request(GenerateChart annotation, Class<?> testClass) {
        String text = annotation.request().strip();
        Optional<ChartSpec> spec = Optional.empty();
        if (!annotation.spec().isBlank()) {
            spec = Optional.of(readSpec(annotation, testClass));
        }
        if (text.isEmpty() && spec.isEmpty()) {
            throw new ParameterResolutionException("@GenerateChart needs a request or a spec (fix: "
                    + "@GenerateChart(request = \"Create a Helm chart for nginx\") or @GenerateChart(spec = \"/specs/web.yaml\"))");
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (String a : annotation.answers()) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new ParameterResolutionException(describe(annotation) + ": answer '" + a
                        + "' is not field=value (fix: e.g. answers = \"image=nginx:1.27.3\")");
            }
            answers.put(a.substring(0, eq).strip(), a.substring(eq + 1).strip());
        }
        try {
            return new ChartRequest(text, spec, answers, List.of());
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(describe(annotation) + ": " + e.getMessage(), e);
        }
    }

    private static ChartSpec readSpec(GenerateChart annotation, Class<?> testClass) {
        String name = annotation.spec().strip();
        try (InputStream in = testClass.getResourceAsStream(name)) {
            if (in == null) {
                throw new ParameterResolutionException(describe(annotation) + ": spec resource '" + name + "' not found "
                        + (name.startsWith("/") ? "on the class path" : "next to " + testClass.getName())
                        + " (fix: put it under src/test/resources" + (name.startsWith("/") ? "" : "/"
                        + testClass.getPackageName().replace('.', '/')) + (name.startsWith("/") ? "" : "/") + name + ")");
            }
            return ChartSpecs.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ParameterResolutionException(describe(annotation) + ": cannot read spec '" + name + "': " + e.getMessage(), e);
        } catch (ParameterResolutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(describe(annotation) + ": spec '" + name + "' is invalid: " + e.getMessage(), e);
        }
    }

    private static String questions(List<Question> questions) {
        if (questions.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(": the planner asks\n");
        for (Question q : questions) {
            sb.append("  ").append(q.field()).append(": ").append(q.text()).append('\n');
        }
        sb.append("(fix: answer with answers = {\"").append(questions.get(0).field()).append("=...\"}, or give a spec)");
        return sb.toString();
    }

    private static String describe(GenerateChart a) {
        StringBuilder sb = new StringBuilder("@GenerateChart(");
        if (!a.request().isBlank()) {
            sb.append("request = \"").append(a.request().strip()).append('"');
        }
        if (!a.spec().isBlank()) {
            sb.append(a.request().isBlank() ? "" : ", ").append("spec = \"").append(a.spec().strip()).append('"');
        }
        return sb.append(')').toString();
    }

    private static String key(GenerateChart a) {
        return "chart|" + a.request().strip() + "|" + a.spec().strip() + "|" + Arrays.toString(a.answers()) + "|"
                + a.kubeVersion().strip();
    }

    /** The annotation on the test class or, for {@code @Nested} tests, the nearest enclosing class. */
    private static Optional<Map.Entry<Class<?>, GenerateChart>> classAnnotation(ExtensionContext context) {
        Optional<ExtensionContext> cur = Optional.of(context);
        while (cur.isPresent()) {
            Optional<Class<?>> c = cur.get().getTestClass();
            if (c.isPresent()) {
                Optional<GenerateChart> a = AnnotationSupport.findAnnotation((AnnotatedElement) c.get(), GenerateChart.class);
                if (a.isPresent()) {
                    return Optional.of(Map.entry(c.get(), a.get()));
                }
            }
            cur = cur.get().getParent();
        }
        return Optional.empty();
    }

    /** The class-level context of {@code testClass} among the ancestors of {@code context}. */
    private static ExtensionContext classContext(ExtensionContext context, Class<?> testClass) {
        Optional<ExtensionContext> cur = Optional.of(context);
        while (cur.isPresent()) {
            ExtensionContext c = cur.get();
            if (c.getTestMethod().isEmpty() && c.getTestClass().filter(testClass::equals).isPresent()) {
                return c;
            }
            cur = c.getParent();
        }
        return context;
    }

    /** A generated chart and its temporary directory, deleted when the owning store closes. */
    @SuppressWarnings("deprecation") // CloseableResource keeps JUnit before 5.13 cleaning up; 5.13+ uses AutoCloseable
    static final class Generated implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        private final Path temp;
        private volatile GeneratedChart chart;
        private boolean closed;

        Generated(Path temp) {
            this.temp = temp;
        }

        GeneratedChart chart() {
            return chart;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            ChartWriter.deleteQuietly(temp);
            if (Files.exists(temp)) {
                LOG.warn("Could not delete the generated chart under {}", temp);
            }
        }
    }
}
