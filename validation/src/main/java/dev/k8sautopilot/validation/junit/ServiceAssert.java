package dev.k8sautopilot.validation.junit;

import dev.k8sautopilot.validation.RenderedManifest;
import java.util.List;
import java.util.Map;

/**
 * Assertions on a rendered Service.
 *
 * <pre>{@code
 * rendered.hasService("web").withType("ClusterIP").withPort(80).withPortNamed("http");
 * }</pre>
 */
public final class ServiceAssert extends AbstractManifestAssert<ServiceAssert> {

    ServiceAssert(RenderedManifest object, RenderedChart chart) {
        super(object, chart, ServiceAssert.class);
    }

    /**
     * {@code spec.type} is this type ({@code ClusterIP} when unset, as in Kubernetes).
     *
     * @param type {@code ClusterIP}, {@code NodePort}, {@code LoadBalancer} or {@code ExternalName}
     * @return this
     */
    public ServiceAssert withType(String type) {
        Object v = actual.at("spec.type");
        String t = v == null ? "ClusterIP" : String.valueOf(v);
        if (!t.equals(type)) {
            fail("to be of type " + type, "it is " + t);
        }
        return this;
    }

    /**
     * The Service exposes this port.
     *
     * @param port the Service port number
     * @return this
     */
    public ServiceAssert withPort(int port) {
        if (ports().stream().noneMatch(p -> String.valueOf(p.get("port")).equals(String.valueOf(port)))) {
            fail("to expose port " + port, "its ports are " + describe());
        }
        return this;
    }

    /**
     * The Service has a port with this name.
     *
     * @param name the port name, e.g. {@code http}
     * @return this
     */
    public ServiceAssert withPortNamed(String name) {
        if (ports().stream().noneMatch(p -> name.equals(p.get("name")))) {
            fail("to have a port named " + name, "its ports are " + describe());
        }
        return this;
    }

    /**
     * The Service is headless ({@code clusterIP: None}).
     *
     * @return this
     */
    public ServiceAssert isHeadless() {
        if (!"None".equals(String.valueOf(actual.at("spec.clusterIP")))) {
            fail("to be headless (clusterIP: None)", "its clusterIP is " + actual.at("spec.clusterIP"));
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> ports() {
        Object v = actual.at("spec.ports");
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
    }

    private String describe() {
        List<String> out = ports().stream().map(p -> p.get("name") + ":" + p.get("port") + "->" + p.get("targetPort")).toList();
        return out.isEmpty() ? "none" : out.toString();
    }
}
