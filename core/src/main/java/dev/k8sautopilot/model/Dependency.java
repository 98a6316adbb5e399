package dev.k8sautopilot.model;

import java.util.Locale;

/**
 * A service the app uses but the chart does not package as its main workload: a database, cache, queue
 * or search engine named as something the app connects to ("with Postgres credentials DB_USER and
 * DB_PASSWORD", "connects to Redis for caching"). The resolver wires what the request says (env and
 * Secret keys) and never lets the dependency's catalog defaults (image, probes, volume) take over the
 * app. A companion subchart can be generated from it later; today it is recorded and reported.
 *
 * @param kind   catalog id of the dependency, e.g. {@code postgres}, {@code redis}, {@code mysql}, {@code rabbitmq}
 * @param source where the mention came from
 */
public record Dependency(String kind, ValueSource source) {

    public Dependency {
        kind = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
        Checks.dnsLabel("dependencies.kind", kind, 53);
        if (source == null) {
            throw new SpecException("dependencies.source", "is required", "say where the mention came from, e.g. ValueSource.REQUEST");
        }
    }
}
