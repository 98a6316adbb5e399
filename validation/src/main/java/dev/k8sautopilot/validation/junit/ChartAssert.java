package dev.k8sautopilot.validation.junit;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.validation.ChartRenderException;
import dev.k8sautopilot.validation.ChartRenderer;
import dev.k8sautopilot.validation.DefaultValidator;
import dev.k8sautopilot.validation.RenderedManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a whole chart: validation, files, and what it renders. Obtain one from
 * {@link ChartAssertions#assertThatChart(ChartFiles)}.
 *
 * <pre>{@code
 * assertThatChart(files)
 *     .passesValidation()
 *     .hasNoFinding("sec-run-as-non-root")
 *     .rendersKind("Service")
 *     .rendered(Map.of("ingress.enabled", true, "ingress.hostname", "web.example.com"))
 *         .hasIngress("web").withHost("web.example.com");
 * }</pre>
 *
 * <p>The validation report and the render with default values are computed on first use and reused.
 * Not thread-safe: use one instance per test thread.
 */
public final class ChartAssert extends AbstractAssert<ChartAssert, ChartFiles> {

    private final Optional<Path> directory;
    private final Optional<GeneratedChart> generated;
    private ValidationOptions options = ValidationOptions.defaults();
    private ValidationReport report;
    private List<RenderedManifest> defaultRender;

    ChartAssert(ChartFiles chart, Path directory, GeneratedChart generated) {
        super(chart, ChartAssert.class);
        this.directory = Optional.ofNullable(directory);
        this.generated = Optional.ofNullable(generated);
        if (generated != null) {
            this.options = ValidationOptions.defaults().withKubeVersion(generated.kubeVersion());
        }
    }

    /**
     * Validates and renders for another Kubernetes version from here on.
     *
     * @param kubeVersion e.g. {@code 1.29} or {@code 1.31.0}
     * @return this
     */
    public ChartAssert forKubeVersion(String kubeVersion) {
        ValidationOptions next = options.withKubeVersion(kubeVersion);
        if (!next.equals(options)) {
            options = next;
            report = null;
            defaultRender = null;
        }
        return this;
    }

    /**
     * The chart has no error finding (warnings and info are allowed).
     *
     * @return this
     */
    public ChartAssert passesValidation() {
        isNotNull();
        ValidationReport r = report();
        List<Finding> errors = r.atLeast(Severity.ERROR);
        if (!errors.isEmpty()) {
            failWithMessage("%s", "Expecting " + chartLabel() + " to pass validation, but it has " + errors.size()
                    + " error finding(s):\n" + Messages.findings(errors, actual));
        }
        return this;
    }

    /**
     * No finding is more severe than {@code severity}: {@code hasNoFindingsAbove(Severity.WARNING)} allows
     * warnings and info but no errors; {@code hasNoFindingsAbove(Severity.INFO)} allows only info.
     *
     * @param severity the most severe level allowed
     * @return this
     */
    public ChartAssert hasNoFindingsAbove(Severity severity) {
        isNotNull();
        Objects.requireNonNull(severity, "severity");
        List<Finding> above = report().findings().stream().filter(f -> f.severity().ordinal() < severity.ordinal()).toList();
        if (!above.isEmpty()) {
            failWithMessage("%s", "Expecting " + chartLabel() + " to have no findings above " + severity + ", but it has "
                    + above.size() + ":\n" + Messages.findings(above, actual));
        }
        return this;
    }

    /**
     * No finding has this rule id (see {@code docs/validation-rules.md}).
     *
     * @param ruleId e.g. {@code sec-run-as-non-root}
     * @return this
     */
    public ChartAssert hasNoFinding(String ruleId) {
        isNotNull();
        List<Finding> found = report().byRule(ruleId);
        if (!found.isEmpty()) {
            failWithMessage("%s", "Expecting " + chartLabel() + " to have no '" + ruleId + "' finding, but it has "
                    + found.size() + ":\n" + Messages.findings(found, actual));
        }
        return this;
    }

    /**
     * At least one finding has this rule id (for tests of charts that are meant to be wrong).
     *
     * @param ruleId e.g. {@code image-tag-latest}
     * @return this
     */
    public ChartAssert hasFinding(String ruleId) {
        isNotNull();
        if (report().byRule(ruleId).isEmpty()) {
            List<Finding> all = report().findings();
            failWithMessage("%s", "Expecting " + chartLabel() + " to have a '" + ruleId + "' finding, but "
                    + (all.isEmpty() ? "it has no findings at all\n" : "it has only:\n" + Messages.findings(all, actual)));
        }
        return this;
    }

    /**
     * The security and best-practice score is at least {@code minimum} (0–100).
     *
     * @param minimum the lowest acceptable score
     * @return this
     */
    public ChartAssert hasScoreAtLeast(int minimum) {
        isNotNull();
        ValidationReport r = report();
        if (r.score().isEmpty()) {
            failWithMessage("%s", "Expecting " + chartLabel() + " to have a score of at least " + minimum
                    + ", but the security layer did not run (the chart did not render)");
        } else if (r.score().getAsInt() < minimum) {
            List<Finding> costs = r.findings().stream().filter(f -> f.layer().equals("security")).toList();
            failWithMessage("%s", "Expecting " + chartLabel() + " to have a score of at least " + minimum + ", but it is "
                    + r.score().getAsInt() + "; security findings:\n" + Messages.findings(costs, actual));
        }
        return this;
    }

    /**
     * The chart contains a file.
     *
     * @param path chart-relative path, e.g. {@code templates/ingress.yaml}
     * @return this
     */
    public ChartAssert hasFile(String path) {
        isNotNull();
        if (actual.get(path).isEmpty()) {
            failWithMessage("%s", "Expecting " + chartLabel() + " to contain " + path + ", but its files are:\n  "
                    + String.join("\n  ", actual.paths()));
        }
        return this;
    }

    /**
     * With its default values the chart renders at least one object of this kind.
     *
     * @param kind e.g. {@code Ingress}, {@code StatefulSet}
     * @return this
     */
    public ChartAssert rendersKind(String kind) {
        rendered().rendersKind(kind);
        return this;
    }

    /**
     * With its default values the chart renders no object of this kind.
     *
     * @param kind e.g. {@code HorizontalPodAutoscaler}
     * @return this
     */
    public ChartAssert doesNotRenderKind(String kind) {
        rendered().doesNotRenderKind(kind);
        return this;
    }

    /**
     * Renders the chart with its default values (release named after the chart, namespace {@code default}).
     *
     * @return assertions on the rendered objects
     */
    public RenderedChart rendered() {
        isNotNull();
        if (defaultRender == null) {
            defaultRender = render(Map.of(), "its default values");
        }
        return new RenderedChart(defaultRender, actual.name(), "its default values");
    }

    /**
     * Renders the chart with value overrides; dotted keys are paths ({@code "ingress.enabled"}).
     *
     * @param values value overrides
     * @return assertions on the rendered objects
     */
    public RenderedChart rendered(Map<String, ?> values) {
        isNotNull();
        String label = "values " + values;
        return new RenderedChart(render(values, label), actual.name(), label);
    }

    /**
     * Renders the chart with one of its own values files, e.g. {@code ci/ha-values.yaml}.
     *
     * @param valuesFile chart-relative path
     * @return assertions on the rendered objects
     */
    public RenderedChart renderedWithValuesFile(String valuesFile) {
        isNotNull();
        if (actual.get(valuesFile).isEmpty()) {
            failWithMessage("%s", "Expecting " + chartLabel() + " to contain the values file " + valuesFile
                    + ", but it does not");
        }
        try {
            return new RenderedChart(ChartRenderer.renderWithValuesFile(actual, valuesFile, options.kubeVersion()),
                    actual.name(), valuesFile);
        } catch (ChartRenderException e) {
            throw new AssertionError("Expecting " + chartLabel() + " to render with " + valuesFile + ", but " + e.getMessage());
        }
    }

    /**
     * The validation report (computed on first use).
     *
     * @return the report
     */
    public ValidationReport report() {
        isNotNull();
        if (report == null) {
            report = generated.filter(g -> g.kubeVersion().equals(options.kubeVersion()))
                    .map(GeneratedChart::report)
                    .orElseGet(() -> new DefaultValidator().validate(actual, options));
        }
        return report;
    }

    private List<RenderedManifest> render(Map<String, ?> values, String label) {
        try {
            return ChartRenderer.render(actual, values, options.kubeVersion());
        } catch (ChartRenderException | IllegalArgumentException e) {
            throw new AssertionError("Expecting " + chartLabel() + " to render with " + label + ", but " + e.getMessage());
        }
    }

    private String chartLabel() {
        return "chart '" + actual.name() + "'" + directory.map(d -> " (" + d + ")").orElse("");
    }
}
