package dev.k8sautopilot.model;

import java.util.List;

/**
 * How the app is exposed over HTTP from outside the cluster.
 *
 * @param enabled        whether the chart enables it by default
 * @param controller     nginx / generic (an Ingress with a class) or Traefik (IngressRoute objects)
 * @param className      ingressClassName for a standard Ingress; empty = cluster default
 * @param hosts          host names, first one is the main host; may be empty (then {@code chart.local})
 * @param path           path, default {@code /}
 * @param pathType       Ingress pathType, default Prefix
 * @param tls            serve TLS
 * @param tlsSecretName  Secret holding the certificate; default {@code <host>-tls}
 * @param certResolver   Traefik ACME certResolver name (instead of a Secret); empty for none
 * @param traefik        Traefik middlewares and entry points
 */
public record IngressSpec(boolean enabled, IngressController controller, String className, List<String> hosts,
                          String path, PathType pathType, boolean tls, String tlsSecretName, String certResolver,
                          TraefikOptions traefik) {

    public IngressSpec {
        controller = controller == null ? IngressController.NGINX : controller;
        className = className == null ? "" : className.strip();
        hosts = Checks.list(hosts);
        for (int i = 0; i < hosts.size(); i++) {
            Checks.dnsSubdomain("hosts[" + i + "]", hosts.get(i));
        }
        path = Checks.orDefault(path, "/");
        // The same characters the chart's values check and Traefik's rule syntax refuse: backquotes, whitespace, braces.
        if (!path.startsWith("/") || !path.matches("^/[^`\\s{}]*$")) {
            throw new SpecException("path", "'" + Checks.printable(path) + "' is not a valid HTTP path", "use a path such as /api");
        }
        pathType = pathType == null ? PathType.PREFIX : pathType;
        tlsSecretName = tlsSecretName == null ? "" : tlsSecretName.strip();
        if (!tlsSecretName.isEmpty()) {
            Checks.dnsSubdomain("tlsSecretName", tlsSecretName);
        }
        certResolver = certResolver == null ? "" : certResolver.strip();
        if (!certResolver.isEmpty() && !certResolver.matches("^[A-Za-z0-9_-]+$")) {
            throw new SpecException("certResolver", "'" + Checks.printable(certResolver) + "' is not a resolver name", "use a name such as letsencrypt");
        }
        if (!className.isEmpty()) {
            Checks.dnsSubdomain("className", className);
        }
        traefik = traefik == null ? TraefikOptions.defaults() : traefik;
        if (controller == IngressController.TRAEFIK && traefik.redirectHttps()) {
            // A redirect to https lands on nothing unless the route serves TLS (the planner's rule too; the chart refuses it).
            tls = true;
        }
    }

    /** Ingress switched off. */
    public static IngressSpec disabled() {
        return new IngressSpec(false, null, null, null, null, null, false, null, null, null);
    }

    /** The main host name, or {@code chart.local} when none was given. */
    public String mainHost() {
        return hosts.isEmpty() ? "chart.local" : hosts.get(0);
    }
}
