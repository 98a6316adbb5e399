package dev.k8sautopilot.validation.junit;

import dev.k8sautopilot.validation.RenderedManifest;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions shared by every rendered object: labels, annotations, API version and any field by path.
 * Failure messages name the object and the template file it came from.
 *
 * @param <SELF> the concrete assertion type, for chaining
 */
public abstract class AbstractManifestAssert<SELF extends AbstractManifestAssert<SELF>>
        extends AbstractAssert<SELF, RenderedManifest> {

    private final RenderedChart chart;

    /**
     * Creates the assertion.
     *
     * @param object   the rendered object
     * @param chart    the render it belongs to, for {@link #and()}
     * @param selfType the concrete class
     */
    protected AbstractManifestAssert(RenderedManifest object, RenderedChart chart, Class<?> selfType) {
        super(object, selfType);
        this.chart = Objects.requireNonNull(chart, "chart");
    }

    /**
     * Back to the whole render, to check another object.
     *
     * @return the render this object belongs to
     */
    public RenderedChart and() {
        return chart;
    }

    /**
     * {@code metadata.labels} holds this label.
     *
     * @param key   label key
     * @param value label value
     * @return this
     */
    public SELF withLabel(String key, String value) {
        Object v = actual.labels().get(key);
        if (v == null || !String.valueOf(v).equals(value)) {
            fail("to have label " + key + "=" + value, "its labels are " + actual.labels());
        }
        return myself;
    }

    /**
     * {@code metadata.annotations} holds this annotation.
     *
     * @param key   annotation key
     * @param value annotation value
     * @return this
     */
    public SELF withAnnotation(String key, String value) {
        Object v = actual.annotations().get(key);
        if (v == null || !String.valueOf(v).equals(value)) {
            fail("to have annotation " + key + "=" + value, "its annotations are " + actual.annotations());
        }
        return myself;
    }

    /**
     * The object has this {@code apiVersion}.
     *
     * @param apiVersion e.g. {@code apps/v1}
     * @return this
     */
    public SELF withApiVersion(String apiVersion) {
        if (!actual.apiVersion().equals(apiVersion)) {
            fail("to have apiVersion " + apiVersion, "it is " + actual.apiVersion());
        }
        return myself;
    }

    /**
     * The field at a dotted path has this value (compared as text, so {@code 3} matches {@code "3"}).
     *
     * @param path     e.g. {@code spec.template.spec.automountServiceAccountToken}
     * @param expected the expected value
     * @return this
     */
    public SELF hasValue(String path, Object expected) {
        Object v = actual.at(path);
        if (v == null || !String.valueOf(v).equals(String.valueOf(expected))) {
            fail("to have " + path + " = " + expected, v == null ? "it has no " + path : "it is " + v);
        }
        return myself;
    }

    /**
     * The object itself.
     *
     * @return the rendered object
     */
    public RenderedManifest manifest() {
        return actual;
    }

    /**
     * Fails with {@code Expecting <Kind/name> (from <file>, <render>) <expectation>, but <reality>}.
     *
     * @param expectation what was expected, e.g. {@code to have 3 replicas}
     * @param reality     what was found
     */
    protected void fail(String expectation, String reality) {
        failWithMessage("%s", "Expecting " + actual.resource() + " (from " + (actual.file().isEmpty() ? "an unknown file"
                : actual.file()) + ", " + chart.label() + ") " + expectation + ", but " + reality);
    }
}
