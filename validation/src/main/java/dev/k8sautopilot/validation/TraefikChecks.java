package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Structural checks of Traefik {@code IngressRoute}/{@code Middleware} objects (v3 and the legacy v2 group). */
final class TraefikChecks implements CustomResourceCheck {

    private static final Set<String> ROUTE_SPEC = Set.of("entryPoints", "routes", "tls", "parentRefs");
    private static final Set<String> ROUTE_KEYS = Set.of("match", "kind", "priority", "services", "middlewares", "syntax", "observability");
    private static final Set<String> MIDDLEWARES = Set.of("addPrefix", "basicAuth", "buffering", "chain", "circuitBreaker",
            "compress", "contentType", "digestAuth", "errors", "forwardAuth", "grpcWeb", "headers", "ipAllowList", "ipWhiteList",
            "inFlightReq", "passTLSClientCert", "plugin", "rateLimit", "redirectRegex", "redirectScheme", "replacePath",
            "replacePathRegex", "retry", "stripPrefix", "stripPrefixRegex");

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.equals("traefik.io") || group.equals("traefik.containo.us");
    }

    @Override
    public List<Finding> check(RenderedObject o, String label) {
        return switch (o.kind()) {
            case "IngressRoute" -> ingressRoute(o, label);
            case "Middleware" -> middleware(o, label);
            default -> List.of(KubernetesLayer.find(Severity.INFO, "k8s-unknown-kind", o,
                    "Traefik " + o.kind() + " is not checked structurally" + label, ""));
        };
    }

    private static List<Finding> ingressRoute(RenderedObject o, String label) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> spec = Maps.map(o.body(), "spec");
        for (String key : spec.keySet()) {
            if (!ROUTE_SPEC.contains(key)) {
                problems.add("unknown field 'spec." + key + "'");
            }
        }
        for (Object ep : Maps.list(spec, "entryPoints")) {
            if (!(ep instanceof String s) || s.isBlank()) {
                problems.add("spec.entryPoints must be a list of entry point names such as web or websecure");
            }
        }
        List<?> routes = Maps.list(spec, "routes");
        if (routes.isEmpty()) {
            problems.add("spec.routes is missing or empty");
        }
        for (int i = 0; i < routes.size(); i++) {
            String at = "spec.routes[" + i + "]";
            if (!(routes.get(i) instanceof Map<?, ?> route)) {
                problems.add(at + " is not an object");
                continue;
            }
            for (Object key : route.keySet()) {
                if (!ROUTE_KEYS.contains(String.valueOf(key))) {
                    problems.add("unknown field '" + at + "." + key + "'");
                }
            }
            String match = Maps.string(route, "match");
            if (match.isBlank()) {
                problems.add(at + ".match is missing (e.g. Host(`example.com`) && PathPrefix(`/`))");
            } else if (!match.matches(".*\\b(Host|HostRegexp|Path|PathPrefix|PathRegexp|Header|HeaderRegexp|Query|QueryRegexp|Method|ClientIP)\\(`.*")) {
                problems.add(at + ".match '" + match + "' uses no known matcher with backquoted arguments");
            }
            if (!"Rule".equals(Maps.string(route, "kind"))) {
                problems.add(at + ".kind must be Rule");
            }
            List<Map<String, Object>> services = Maps.maps(route, "services");
            if (services.isEmpty()) {
                problems.add(at + ".services is missing or empty");
            }
            for (Map<String, Object> svc : services) {
                if (Maps.string(svc, "name").isBlank()) {
                    problems.add(at + ".services[].name is missing");
                }
                boolean traefikService = "TraefikService".equals(Maps.string(svc, "kind"));
                if (!traefikService && Maps.string(svc, "port").isBlank()) {
                    problems.add(at + ".services[].port is missing");
                }
            }
            for (Object mw : Maps.list(route, "middlewares")) {
                if (Maps.string(mw, "name").isBlank()) {
                    problems.add(at + ".middlewares[] needs a name");
                }
            }
        }
        Object tls = spec.get("tls");
        if (tls != null && !(tls instanceof Map)) {
            problems.add("spec.tls must be an object with secretName or certResolver");
        }
        return findings(o, "traefik-ingressroute", problems, label,
                "see https://doc.traefik.io/traefik/routing/providers/kubernetes-crd/#kind-ingressroute");
    }

    private static List<Finding> middleware(RenderedObject o, String label) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> spec = Maps.map(o.body(), "spec");
        if (spec.isEmpty()) {
            problems.add("spec is missing or empty");
        }
        if (spec.size() > 1) {
            problems.add("spec declares " + spec.size() + " middleware types " + spec.keySet() + ", exactly one is allowed");
        }
        for (String key : spec.keySet()) {
            if (!MIDDLEWARES.contains(key)) {
                problems.add("spec." + key + " is not a Traefik middleware type");
            }
        }
        if (spec.containsKey("redirectScheme") && Maps.string(spec, "redirectScheme", "scheme").isBlank()) {
            problems.add("spec.redirectScheme.scheme is missing");
        }
        if (spec.containsKey("stripPrefix") && Maps.list(spec, "stripPrefix", "prefixes").isEmpty()) {
            problems.add("spec.stripPrefix.prefixes must be a non-empty list");
        }
        if (spec.containsKey("rateLimit")) {
            Object avg = Maps.get(spec, "rateLimit", "average");
            if (avg != null && !(avg instanceof Number)) {
                problems.add("spec.rateLimit.average must be a number");
            }
        }
        return findings(o, "traefik-middleware", problems, label,
                "see https://doc.traefik.io/traefik/middlewares/http/overview/");
    }

    static List<Finding> findings(RenderedObject o, String rule, List<String> problems, String label, String hint) {
        List<Finding> out = new ArrayList<>();
        for (String p : problems) {
            out.add(KubernetesLayer.find(Severity.ERROR, rule, o, p + label, hint));
        }
        return out;
    }
}
