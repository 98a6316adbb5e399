package dev.k8sautopilot.validation.junit;

import dev.k8sautopilot.validation.RenderedManifest;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the objects a chart renders with one set of values, and the way into each object.
 * Obtain one from {@link ChartAssert#rendered()} or {@link ChartAssert#rendered(java.util.Map)}.
 *
 * <pre>{@code
 * RenderedChart web = assertThatChart(files).rendered(Map.of("replicaCount", 3));
 * web.hasDeployment("web").withReplicas(3).withImage("nginx:1.27.3").withContainerPort(8080);
 * web.hasService("web").withType("ClusterIP").withPort(80);
 * web.doesNotRenderKind("HorizontalPodAutoscaler");
 * }</pre>
 *
 * <p>Charts are rendered with the release named after the chart, so objects of the generated charts
 * are named like the chart ({@code web}, {@code web-headless}). Immutable.
 */
public final class RenderedChart extends AbstractAssert<RenderedChart, List<RenderedManifest>> {

    private final String chartName;
    private final String valuesLabel;

    RenderedChart(List<RenderedManifest> objects, String chartName, String valuesLabel) {
        super(List.copyOf(objects), RenderedChart.class);
        this.chartName = chartName;
        this.valuesLabel = valuesLabel;
    }

    /**
     * At least one object of this kind is rendered.
     *
     * @param kind e.g. {@code Ingress}
     * @return this
     */
    public RenderedChart rendersKind(String kind) {
        if (ofKind(kind).isEmpty()) {
            failWithMessage("%s", "Expecting " + label() + " to render a " + kind + ", but it renders:\n"
                    + Messages.inventory(actual));
        }
        return this;
    }

    /**
     * No object of this kind is rendered.
     *
     * @param kind e.g. {@code PersistentVolumeClaim}
     * @return this
     */
    public RenderedChart doesNotRenderKind(String kind) {
        List<RenderedManifest> found = ofKind(kind);
        if (!found.isEmpty()) {
            failWithMessage("%s", "Expecting " + label() + " to render no " + kind + ", but it renders:\n"
                    + Messages.inventory(found));
        }
        return this;
    }

    /**
     * Exactly {@code count} objects of this kind are rendered.
     *
     * @param kind  e.g. {@code Service}
     * @param count the expected number
     * @return this
     */
    public RenderedChart rendersKind(String kind, int count) {
        List<RenderedManifest> found = ofKind(kind);
        if (found.size() != count) {
            failWithMessage("%s", "Expecting " + label() + " to render " + count + " " + kind + "(s), but it renders "
                    + found.size() + ":\n" + Messages.inventory(found.isEmpty() ? actual : found));
        }
        return this;
    }

    /**
     * The Deployment with this name.
     *
     * @param name {@code metadata.name}
     * @return assertions on it
     */
    public WorkloadAssert hasDeployment(String name) {
        return new WorkloadAssert(find("Deployment", name), this);
    }

    /**
     * The StatefulSet with this name.
     *
     * @param name {@code metadata.name}
     * @return assertions on it
     */
    public WorkloadAssert hasStatefulSet(String name) {
        return new WorkloadAssert(find("StatefulSet", name), this);
    }

    /**
     * The DaemonSet with this name.
     *
     * @param name {@code metadata.name}
     * @return assertions on it
     */
    public WorkloadAssert hasDaemonSet(String name) {
        return new WorkloadAssert(find("DaemonSet", name), this);
    }

    /**
     * The Job with this name (Helm test hooks included).
     *
     * @param name {@code metadata.name}
     * @return assertions on it
     */
    public WorkloadAssert hasJob(String name) {
        return new WorkloadAssert(find("Job", name), this);
    }

    /**
     * The CronJob with this name.
     *
     * @param name {@code metadata.name}
     * @return assertions on it
     */
    public WorkloadAssert hasCronJob(String name) {
        return new WorkloadAssert(find("CronJob", name), this);
    }

    /**
     * The Service with this name.
     *
     * @param name {@code metadata.name}
     * @return assertions on it
     */
    public ServiceAssert hasService(String name) {
        return new ServiceAssert(find("Service", name), this);
    }

    /**
     * The Ingress with this name, or else the Traefik {@code IngressRoute} with this name (charts built for
     * Traefik render one instead of an Ingress).
     *
     * @param name {@code metadata.name}
     * @return assertions on it
     */
    public IngressAssert hasIngress(String name) {
        Objects.requireNonNull(name, "name");
        boolean ingress = actual.stream().anyMatch(m -> m.kind().equals("Ingress") && m.name().equals(name));
        return new IngressAssert(find(ingress || actual.stream().noneMatch(m -> m.kind().equals("IngressRoute")
                && m.name().equals(name)) ? "Ingress" : "IngressRoute", name), this);
    }

    /**
     * Any object by kind and name.
     *
     * @param kind e.g. {@code PodDisruptionBudget}
     * @param name {@code metadata.name}
     * @return assertions on it
     */
    public ManifestAssert hasObject(String kind, String name) {
        return new ManifestAssert(find(kind, name), this);
    }

    /**
     * The rendered objects, in output order.
     *
     * @return the objects
     */
    public List<RenderedManifest> objects() {
        return actual;
    }

    /**
     * The rendered objects of one kind.
     *
     * @param kind e.g. {@code ConfigMap}
     * @return the objects, possibly none
     */
    public List<RenderedManifest> ofKind(String kind) {
        Objects.requireNonNull(kind, "kind");
        return actual.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    String label() {
        return "chart '" + chartName + "' rendered with " + valuesLabel;
    }

    private RenderedManifest find(String kind, String name) {
        Objects.requireNonNull(name, "name");
        List<RenderedManifest> sameKind = ofKind(kind);
        for (RenderedManifest m : sameKind) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        failWithMessage("%s", "Expecting " + label() + " to render " + kind + "/" + name + ", but "
                + (sameKind.isEmpty() ? "it renders no " + kind + "; it renders:\n" + Messages.inventory(actual)
                : "its " + kind + " objects are:\n" + Messages.inventory(sameKind)));
        throw new IllegalStateException("unreachable: failWithMessage throws");
    }
}
