package dev.k8sautopilot.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes object of a rendered chart, with the template file it came from.
 *
 * <pre>{@code
 * for (RenderedManifest m : ChartRenderer.render(files, Map.of("replicaCount", 3))) {
 *     System.out.println(m.resource() + " from " + m.file());   // Deployment/web from templates/deployment.yaml
 * }
 * }</pre>
 *
 * @param file chart-relative template file (from helm's {@code # Source:} comment), empty when unknown
 * @param body the parsed object (unmodifiable; nested maps and lists are as parsed)
 */
public record RenderedManifest(String file, Map<String, Object> body) {

    /** Copies the top level of the body; both arguments may be null (read as empty). */
    public RenderedManifest {
        file = file == null ? "" : file;
        body = body == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    /**
     * {@code kind}, empty when absent.
     *
     * @return {@code kind}, empty when absent
     */
    public String kind() {
        return Maps.string(body, "kind");
    }

    /**
     * {@code apiVersion}, empty when absent.
     *
     * @return {@code apiVersion}, empty when absent
     */
    public String apiVersion() {
        return Maps.string(body, "apiVersion");
    }

    /**
     * {@code metadata.name}, empty when absent.
     *
     * @return {@code metadata.name}, empty when absent
     */
    public String name() {
        return Maps.string(body, "metadata", "name");
    }

    /**
     * {@code Kind/name}, the form findings use.
     *
     * @return {@code Kind/name}, the form findings use
     */
    public String resource() {
        return kind() + "/" + name();
    }

    /**
     * The value at a dotted path, e.g. {@code spec.replicas} or {@code spec.template.spec.containers.0.image}
     * (a number selects a list element).
     *
     * @param path dot-separated keys and list indexes
     * @return the value, or null when any step is missing
     */
    public Object at(String path) {
        Objects.requireNonNull(path, "path");
        Object cur = body;
        for (String step : path.split("\\.")) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(step);
            } else if (cur instanceof List<?> l && step.matches("[0-9]{1,6}")) {
                int i = Integer.parseInt(step);
                cur = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return cur;
    }

    /**
     * The pod spec of a workload ({@code Deployment}, {@code StatefulSet}, {@code DaemonSet}, {@code Job},
     * {@code CronJob}, {@code Pod}, ...), empty for other kinds.
     */
    public Map<String, Object> podSpec() {
        return new RenderedObject("", file, body).podSpec();
    }

    /**
     * The containers of the pod spec (not init containers), empty for other kinds.
     *
     * @return the containers of the pod spec (not init containers), empty for other kinds
     */
    public List<Map<String, Object>> containers() {
        return Maps.maps(podSpec(), "containers");
    }

    /**
     * The init containers of the pod spec, empty when none.
     *
     * @return the init containers of the pod spec, empty when none
     */
    public List<Map<String, Object>> initContainers() {
        return Maps.maps(podSpec(), "initContainers");
    }

    /**
     * {@code metadata.labels}, empty when none.
     *
     * @return {@code metadata.labels}, empty when none
     */
    public Map<String, Object> labels() {
        return Maps.map(body, "metadata", "labels");
    }

    /**
     * {@code metadata.annotations}, empty when none.
     *
     * @return {@code metadata.annotations}, empty when none
     */
    public Map<String, Object> annotations() {
        return Maps.map(body, "metadata", "annotations");
    }

    /**
     * The object as YAML, for messages.
     *
     * @return the object as YAML, for messages
     */
    public String toYaml() {
        return dev.k8sautopilot.internal.Yaml.dump(body);
    }
}
