package dev.k8sautopilot.templates.feature.traefik;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.IngressController;
import dev.k8sautopilot.model.IngressSpec;
import dev.k8sautopilot.model.TraefikOptions;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import dev.k8sautopilot.templates.feature.service.ServiceFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Traefik v3 {@code IngressRoute} and its {@code Middleware}s ({@code traefik.io/v1alpha1}): redirect to
 * https, strip prefix, headers, rate limit, basic auth. Offered on every chart with a Service, on by default
 * when the spec's ingress controller is Traefik.
 */
public final class TraefikFeature implements Feature {

    @Override
    public String id() {
        return "ingressroute";
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return spec.hasService();
    }

    private static boolean traefik(ChartSpec spec) {
        return spec.ingress().enabled() && spec.ingress().controller() == IngressController.TRAEFIK;
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        IngressSpec in = spec.ingress();
        boolean traefik = traefik(spec);
        TraefikOptions t = in.traefik();
        boolean tls = traefik && in.tls();
        List<String> entryPoints = !t.entryPoints().isEmpty() ? t.entryPoints() : List.of(tls ? "websecure" : "web");
        var rl = t.rateLimitOption();
        v.section(ServiceFeature.SECTION)
                .leaf("ingressRoute.enabled", traefik, "Create a Traefik IngressRoute (traefik.io/v1alpha1)")
                .leaf("ingressRoute.entryPoints", entryPoints, "Traefik entry points of the route (web, websecure)")
                .leaf("ingressRoute.hostname", in.mainHost(), "Host matched by the route")
                .leaf("ingressRoute.extraHosts", in.hosts().stream().skip(1).toList(), "More hosts matched by the route")
                .leaf("ingressRoute.path", in.path(), "Path prefix matched by the route")
                .leaf("ingressRoute.servicePort", ChartValues.camel(ChartValues.servicePorts(spec).get(0).name()), "Name of the Service port the route forwards to")
                .leaf("ingressRoute.annotations", Map.of(), "Extra IngressRoute annotations")
                .leaf("ingressRoute.tls.enabled", tls, "Serve TLS on the route")
                .leaf("ingressRoute.tls.secretName", traefik ? in.tlsSecretName() : "", "Secret with the TLS certificate; empty for <hostname>-tls (unused with a certResolver)")
                .leaf("ingressRoute.tls.certResolver", traefik ? in.certResolver() : "", "Traefik ACME certResolver that issues the certificate instead of a Secret")
                .leaf("ingressRoute.middlewares.redirectScheme.enabled", traefik && t.redirectHttps(), "Add an http route on the web entry point that redirects to https")
                .leaf(Leaf.of("ingressRoute.middlewares.redirectScheme.scheme", "https", "Scheme to redirect to").oneOf("https", "http"))
                .leaf("ingressRoute.middlewares.redirectScheme.permanent", true, "Use a permanent (301/308) redirect")
                .leaf("ingressRoute.middlewares.stripPrefix.enabled", traefik && t.stripPrefix(), "Strip the route's path prefix before forwarding")
                .leaf("ingressRoute.middlewares.headers.enabled", traefik && !t.headers().isEmpty(), "Add custom response headers")
                .leaf("ingressRoute.middlewares.headers.customResponseHeaders",
                        t.headers().isEmpty() ? Map.of("X-Content-Type-Options", "nosniff") : new TreeMap<>(t.headers()),
                        "Response headers (name: value) the headers middleware sets")
                .leaf("ingressRoute.middlewares.rateLimit.enabled", traefik && rl.isPresent(), "Limit the request rate")
                .leaf(Leaf.of("ingressRoute.middlewares.rateLimit.average", rl.map(r -> r.average()).orElse(100), "Average requests per second allowed").range(1, 1_000_000))
                .leaf(Leaf.of("ingressRoute.middlewares.rateLimit.burst", rl.map(r -> r.burst()).orElse(200), "Burst of requests allowed").range(1, 10_000_000))
                .leaf("ingressRoute.middlewares.basicAuth.enabled", traefik && !t.basicAuthSecret().isEmpty(), "Require HTTP basic authentication")
                .leaf("ingressRoute.middlewares.basicAuth.secret", t.basicAuthSecret(), "Existing Secret with htpasswd users (key users) for basic authentication");
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("ingressroute.yaml", "templates/ingressroute.yaml");
        out.put("middlewares.yaml", "templates/middlewares.yaml");
        return out;
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        List<String> kinds = new ArrayList<>();
        if (traefik(spec)) {
            kinds.add("IngressRoute");
            if (spec.ingress().traefik().hasMiddlewares()) {
                kinds.add("Middleware");
            }
        }
        return kinds;
    }

    @Override
    public List<String> requiredCrds(ChartSpec spec) {
        return List.of("Traefik v3 (or v2.10+) CRDs for `ingressRoute.enabled` (`traefik.io/v1alpha1`)");
    }
}
