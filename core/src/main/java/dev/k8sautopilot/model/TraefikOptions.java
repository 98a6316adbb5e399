package dev.k8sautopilot.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Traefik-specific routing options, used when {@link IngressSpec#controller()} is Traefik.
 *
 * @param entryPoints     entry points, default {@code websecure} with TLS, {@code web} otherwise
 * @param redirectHttps   add a redirectScheme middleware (http → https) on the {@code web} entry point
 * @param stripPrefix     strip the path prefix before forwarding
 * @param rateLimit       rate limit middleware, or null for none
 * @param headers         custom response headers middleware (name → value); empty for none
 * @param basicAuthSecret name of a Secret with htpasswd users for a basicAuth middleware; empty for none
 */
public record TraefikOptions(List<String> entryPoints, boolean redirectHttps, boolean stripPrefix, RateLimit rateLimit,
                             Map<String, String> headers, String basicAuthSecret) {

    public TraefikOptions {
        entryPoints = Checks.list(entryPoints);
        for (int i = 0; i < entryPoints.size(); i++) {
            if (!entryPoints.get(i).matches("^[A-Za-z0-9_-]+$")) {
                throw new SpecException("entryPoints[" + i + "]", "'" + Checks.printable(entryPoints.get(i)) + "' is not an entry point name",
                        "use names such as web or websecure");
            }
        }
        headers = Checks.map(headers);
        headers.forEach((k, v) -> {
            if (!k.matches("^[A-Za-z0-9-]+$")) {
                throw new SpecException("headers", "'" + Checks.printable(k) + "' is not an HTTP header name", "use names like X-Frame-Options");
            }
        });
        basicAuthSecret = basicAuthSecret == null ? "" : basicAuthSecret.strip();
        if (!basicAuthSecret.isEmpty()) {
            Checks.dnsSubdomain("basicAuthSecret", basicAuthSecret);
        }
    }

    /** No middleware, default entry points. */
    public static TraefikOptions defaults() {
        return new TraefikOptions(null, false, false, null, null, null);
    }

    /** The rate limit, if any. */
    public Optional<RateLimit> rateLimitOption() {
        return Optional.ofNullable(rateLimit);
    }

    /** True when at least one middleware is configured. */
    public boolean hasMiddlewares() {
        return redirectHttps || stripPrefix || rateLimit != null || !headers.isEmpty() || !basicAuthSecret.isEmpty();
    }
}
