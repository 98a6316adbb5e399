package dev.k8sautopilot.model;

import java.util.List;
import java.util.Locale;

/**
 * A Gateway API {@code HTTPRoute} ({@code gateway.networking.k8s.io/v1}) that attaches the chart's Service
 * to an existing {@code Gateway}. TLS is terminated by the Gateway: {@code tls: true} attaches the route to
 * the Gateway's HTTPS listener (the {@code sectionName}, default {@code https}); the route itself carries no
 * certificate.
 *
 * <pre>{@code
 * httpRoute:
 *   gateway: public-gw          # required: the Gateway's name
 *   gatewayNamespace: infra     # optional: its namespace (default: the release namespace)
 *   sectionName: https          # optional: the listener to attach to
 *   hostnames: [shop.example.com]
 *   path: /
 *   matchType: PathPrefix       # or Exact
 *   tls: true
 * }</pre>
 *
 * @param enabled          whether the chart renders the route by default (true when a gateway is given)
 * @param gateway          name of the parent Gateway (a DNS subdomain); required when enabled
 * @param gatewayNamespace namespace of the Gateway; empty for the route's own namespace
 * @param sectionName      listener of the Gateway to attach to; empty for every listener ({@code https} when tls)
 * @param hostnames        host names the route matches; empty for the Gateway's listeners' hosts
 * @param path             path matched, starting with {@code /}; default {@code /}
 * @param matchType        {@code PathPrefix} (default) or {@code Exact}
 * @param tls              the route is served over HTTPS by the Gateway's TLS listener
 */
public record HttpRouteSpec(Boolean enabled, String gateway, String gatewayNamespace, String sectionName,
                            List<String> hostnames, String path, String matchType, boolean tls) {

    public HttpRouteSpec {
        gateway = gateway == null ? "" : gateway.strip();
        enabled = enabled == null ? !gateway.isEmpty() : enabled;
        if (enabled && gateway.isEmpty()) {
            throw new SpecException("httpRoute.gateway", "is required when the HTTPRoute is enabled",
                    "name the Gateway the route attaches to, e.g. gateway: public-gw");
        }
        if (!gateway.isEmpty()) {
            Checks.dnsSubdomain("httpRoute.gateway", gateway);
        }
        gatewayNamespace = gatewayNamespace == null ? "" : gatewayNamespace.strip();
        if (!gatewayNamespace.isEmpty()) {
            Checks.dnsLabel("httpRoute.gatewayNamespace", gatewayNamespace, 63);
        }
        sectionName = sectionName == null ? "" : sectionName.strip();
        if (sectionName.isEmpty() && tls) {
            sectionName = "https";
        }
        if (!sectionName.isEmpty()) {
            Checks.dnsLabel("httpRoute.sectionName", sectionName, 63);
        }
        hostnames = Checks.list(hostnames).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        for (int i = 0; i < hostnames.size(); i++) {
            String h = hostnames.get(i);
            String plain = h.startsWith("*.") ? h.substring(2) : h;
            if (plain.isEmpty() || plain.length() > 253 || !Checks.DNS_SUBDOMAIN.matcher(plain).matches()) {
                throw new SpecException("httpRoute.hostnames[" + i + "]", "'" + Checks.printable(h) + "' is not a host name",
                        "write a DNS name such as shop.example.com or *.example.com (no scheme, port or path)");
            }
        }
        path = Checks.orDefault(path == null ? null : path.strip(), "/");
        if (!path.startsWith("/") || path.length() > 1024 || !path.matches("^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")) {
            throw new SpecException("httpRoute.path", "'" + Checks.printable(path) + "' is not an absolute URL path",
                    "start it with / and use URL path characters, e.g. /api");
        }
        String mt = matchType == null || matchType.isBlank() ? "PathPrefix" : matchType.strip();
        if (mt.equalsIgnoreCase("prefix") || mt.equalsIgnoreCase("pathprefix")) {
            mt = "PathPrefix";
        } else if (mt.equalsIgnoreCase("exact")) {
            mt = "Exact";
        } else {
            throw new SpecException("httpRoute.matchType", "'" + Checks.printable(mt) + "' is not a path match type",
                    "use PathPrefix or Exact");
        }
        matchType = mt;
    }

    /** No route (the default). */
    public static HttpRouteSpec disabled() {
        return new HttpRouteSpec(false, null, null, null, null, null, null, false);
    }

    /** A route to a Gateway with the default path {@code /}. */
    public static HttpRouteSpec to(String gateway, List<String> hostnames) {
        return new HttpRouteSpec(true, gateway, null, null, hostnames, null, null, false);
    }

    /** Whether the route is rendered by default (never null after construction). */
    public boolean on() {
        return enabled;
    }
}
