package dev.k8sautopilot.validation.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generates a chart for a test, offline, and injects it into test and lifecycle method parameters (and
 * constructor parameters) of type {@link dev.k8sautopilot.model.ChartFiles}, {@link java.nio.file.Path} (the
 * chart directory), {@link GeneratedChart}, {@link dev.k8sautopilot.model.ChartPlan} or
 * {@link dev.k8sautopilot.model.ValidationReport}. Registers {@link ChartGeneratorExtension} by itself.
 *
 * <pre>{@code
 * @GenerateChart(spec = "/specs/web.yaml")              // for every parameter of the class
 * class WebChartTest {
 *     @Test
 *     void passes(ChartFiles chart) {
 *         assertThatChart(chart).passesValidation();
 *     }
 *
 *     @Test
 *     void redis(@GenerateChart(request = "Create a Helm chart for redis with persistence") GeneratedChart redis) {
 *         assertThatChart(redis).rendersKind("StatefulSet");
 *     }
 * }
 * }</pre>
 *
 * <p>An annotation on a parameter wins over one on the class (or an enclosing class, for {@code @Nested}
 * tests). A bare {@code Path} parameter is resolved only when it carries no other annotation, so
 * {@code @TempDir Path} keeps working. Each distinct annotation generates once per test class (the cache
 * lives in the class's extension store); the temporary directory is deleted after the class.
 *
 * <p>Give {@link #request()}, {@link #spec()}, or both (the spec wins where both say something). When the
 * planner asks a question without a default the parameter cannot be resolved and the message lists the
 * questions: answer them with {@link #answers()}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@ExtendWith(ChartGeneratorExtension.class)
public @interface GenerateChart {

    /**
     * The request in natural language, e.g. {@code "Create a Helm chart for nginx with 3 replicas"}.
     *
     * @return the request, empty for none
     */
    String request() default "";

    /**
     * A ChartSpec resource (YAML or JSON) on the test class path: relative to the test class's package, or
     * absolute with a leading {@code /}.
     *
     * @return the resource name, empty for none
     */
    String spec() default "";

    /**
     * Answers to clarification questions as {@code field=value}, e.g. {@code "image=ghcr.io/acme/api:1.2.0"}.
     *
     * @return the answers
     */
    String[] answers() default {};

    /**
     * Target Kubernetes version for validation, e.g. {@code 1.29}; empty for the default.
     *
     * @return the version
     */
    String kubeVersion() default "";
}
