package dev.k8sautopilot.validation.junit;

import dev.k8sautopilot.validation.RenderedManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Assertions on a rendered Ingress, or on a Traefik {@code IngressRoute} (where hosts and paths are read
 * from the {@code Host(`…`)} and {@code PathPrefix(`…`)} matchers of its routes).
 *
 * <pre>{@code
 * rendered.hasIngress("web").withHost("web.example.com").withPath("/").withTls();
 * }</pre>
 */
public final class IngressAssert extends AbstractManifestAssert<IngressAssert> {

    IngressAssert(RenderedManifest object, RenderedChart chart) {
        super(object, chart, IngressAssert.class);
    }

    /**
     * A rule (or route) serves this host.
     *
     * @param host e.g. {@code web.example.com}
     * @return this
     */
    public IngressAssert withHost(String host) {
        boolean found = isRoute() ? matches().stream().anyMatch(m -> m.contains("Host(`" + host + "`)"))
                : rules().stream().anyMatch(r -> host.equals(r.get("host")));
        if (!found) {
            fail("to serve host " + host, isRoute() ? "its routes match " + matches() : "its hosts are " + hosts());
        }
        return this;
    }

    /**
     * A rule (or route) serves this path.
     *
     * @param path e.g. {@code /api}
     * @return this
     */
    public IngressAssert withPath(String path) {
        boolean found = isRoute() ? matches().stream().anyMatch(m -> m.contains("PathPrefix(`" + path + "`)")
                || m.contains("Path(`" + path + "`)")) : paths().contains(path);
        if (!found) {
            fail("to serve path " + path, isRoute() ? "its routes match " + matches() : "its paths are " + paths());
        }
        return this;
    }

    /**
     * TLS is configured ({@code spec.tls}).
     *
     * @return this
     */
    public IngressAssert withTls() {
        Object tls = actual.at("spec.tls");
        if (tls == null || (tls instanceof List<?> l && l.isEmpty()) || (tls instanceof Map<?, ?> m && m.isEmpty())) {
            fail("to have TLS", "it has no spec.tls");
        }
        return this;
    }

    /**
     * An Ingress uses this {@code ingressClassName}.
     *
     * @param className e.g. {@code nginx}
     * @return this
     */
    public IngressAssert withIngressClassName(String className) {
        Object v = actual.at("spec.ingressClassName");
        if (v == null || !String.valueOf(v).equals(className)) {
            fail("to use ingress class " + className, v == null ? "it sets no ingressClassName" : "it uses " + v);
        }
        return this;
    }

    private boolean isRoute() {
        return actual.kind().equals("IngressRoute");
    }

    private List<String> matches() {
        return list("spec.routes").stream().map(r -> String.valueOf(r.get("match"))).toList();
    }

    private List<Map<String, Object>> rules() {
        return list("spec.rules");
    }

    private List<String> hosts() {
        return rules().stream().map(r -> String.valueOf(r.get("host"))).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> paths() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> rule : rules()) {
            Object http = rule.get("http");
            if (http instanceof Map<?, ?> h && h.get("paths") instanceof List<?> ps) {
                for (Object p : ps) {
                    if (p instanceof Map<?, ?> pm) {
                        out.add(String.valueOf(((Map<String, Object>) pm).get("path")));
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String path) {
        Object v = actual.at(path);
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
    }
}
