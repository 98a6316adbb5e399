package dev.k8sautopilot.validation.junit;

import dev.k8sautopilot.validation.RenderedManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Assertions on a rendered workload (Deployment, StatefulSet, DaemonSet, Job or CronJob). Container
 * checks look at the main container, the first one of the pod spec, unless the method says otherwise.
 *
 * <pre>{@code
 * rendered.hasDeployment("web")
 *     .withReplicas(3)
 *     .withImage("nginx:1.27.3")
 *     .withContainerPort(8080)
 *     .withEnv("LOG_LEVEL", "info")
 *     .withSecretEnv("DATABASE_PASSWORD")
 *     .runsAsNonRoot();
 * }</pre>
 */
public final class WorkloadAssert extends AbstractManifestAssert<WorkloadAssert> {

    WorkloadAssert(RenderedManifest object, RenderedChart chart) {
        super(object, chart, WorkloadAssert.class);
    }

    /**
     * {@code spec.replicas} is {@code replicas}.
     *
     * @param replicas the expected count
     * @return this
     */
    public WorkloadAssert withReplicas(int replicas) {
        Object v = actual.at("spec.replicas");
        if (v == null) {
            fail("to have " + replicas + " replica(s)", "it sets no spec.replicas (is autoscaling enabled?)");
        } else if (!String.valueOf(v).equals(String.valueOf(replicas))) {
            fail("to have " + replicas + " replica(s)", "it has " + v);
        }
        return this;
    }

    /**
     * The main container runs this image. {@code nginx:1.27.3} also matches {@code docker.io/library/nginx:1.27.3}:
     * a reference matches when it is equal to the image or ends with {@code /} plus the reference.
     *
     * @param image an image reference
     * @return this
     */
    public WorkloadAssert withImage(String image) {
        Objects.requireNonNull(image, "image");
        String actualImage = string(main(), "image");
        if (!actualImage.equals(image) && !actualImage.endsWith("/" + image)) {
            fail("to run image " + image, "its main container runs " + (actualImage.isEmpty() ? "no image" : actualImage)
                    + " (all containers: " + images() + ")");
        }
        return this;
    }

    /**
     * The main container declares this container port.
     *
     * @param port the port number
     * @return this
     */
    public WorkloadAssert withContainerPort(int port) {
        List<String> ports = new ArrayList<>();
        for (Map<String, Object> p : maps(main().get("ports"))) {
            ports.add(p.get("name") + ":" + p.get("containerPort"));
            if (String.valueOf(p.get("containerPort")).equals(String.valueOf(port))) {
                return this;
            }
        }
        fail("to declare container port " + port, ports.isEmpty() ? "its main container declares no ports"
                : "its main container declares " + ports);
        return this;
    }

    /**
     * The main container sets an environment variable to this value: a plain {@code value}, a
     * {@code configMapKeyRef} or an {@code envFrom} ConfigMap, resolved against the ConfigMaps of the same render.
     *
     * @param name  variable name
     * @param value expected value
     * @return this
     */
    public WorkloadAssert withEnv(String name, String value) {
        Map<String, Object> env = env(name);
        if (env == null) {
            Optional<String> fromMap = envFromConfigMaps(name);
            if (fromMap.isEmpty()) {
                fail("to set env " + name + "=" + value, "its main container sets only " + envNames());
            } else if (!fromMap.get().equals(value)) {
                fail("to set env " + name + "=" + value, name + " is '" + fromMap.get() + "' (from envFrom)");
            }
            return this;
        }
        Optional<String> actualValue = env.containsKey("value") ? Optional.of(String.valueOf(env.get("value")))
                : configMapValue(get(env, "valueFrom", "configMapKeyRef"));
        if (actualValue.isEmpty()) {
            fail("to set env " + name + "=" + value, name + " comes from " + env.get("valueFrom"));
        } else if (!actualValue.get().equals(value)) {
            fail("to set env " + name + "=" + value, name + " is '" + actualValue.get() + "'"
                    + (env.containsKey("value") ? "" : " (from " + get(env, "valueFrom", "configMapKeyRef") + ")"));
        }
        return this;
    }

    /**
     * The main container has this environment variable (with a value or from a reference).
     *
     * @param name variable name
     * @return this
     */
    public WorkloadAssert withEnv(String name) {
        if (env(name) == null && envFromConfigMaps(name).isEmpty()) {
            fail("to set env " + name, "its main container sets only " + envNames());
        }
        return this;
    }

    /**
     * The main container reads this variable from a Secret ({@code valueFrom.secretKeyRef}) and never holds it
     * in clear text.
     *
     * @param name variable name
     * @return this
     */
    public WorkloadAssert withSecretEnv(String name) {
        Map<String, Object> env = env(name);
        if (env == null) {
            fail("to read env " + name + " from a Secret", "its main container sets only " + envNames());
        } else if (!(get(env, "valueFrom", "secretKeyRef") instanceof Map)) {
            fail("to read env " + name + " from a Secret", name + " is " + (env.containsKey("value")
                    ? "a plain value" : "set from " + env.get("valueFrom")));
        }
        return this;
    }

    /**
     * The main container mounts a volume at this path.
     *
     * @param mountPath e.g. {@code /data}
     * @return this
     */
    public WorkloadAssert withVolumeMount(String mountPath) {
        List<String> paths = maps(main().get("volumeMounts")).stream().map(m -> String.valueOf(m.get("mountPath"))).toList();
        if (!paths.contains(mountPath)) {
            fail("to mount a volume at " + mountPath, paths.isEmpty() ? "its main container mounts nothing"
                    : "its main container mounts " + paths);
        }
        return this;
    }

    /**
     * The main container has this probe.
     *
     * @param kind {@code liveness}, {@code readiness} or {@code startup}
     * @return this
     */
    public WorkloadAssert withProbe(String kind) {
        if (!(main().get(kind + "Probe") instanceof Map)) {
            fail("to have a " + kind + " probe", "its main container has " + main().keySet().stream()
                    .filter(k -> k.endsWith("Probe")).toList());
        }
        return this;
    }

    /**
     * The main container sets this resource limit.
     *
     * @param resource e.g. {@code memory}
     * @param quantity e.g. {@code 512Mi}
     * @return this
     */
    public WorkloadAssert withResourceLimit(String resource, String quantity) {
        Object v = get(main(), "resources", "limits", resource);
        if (v == null || !String.valueOf(v).equals(quantity)) {
            fail("to limit " + resource + " to " + quantity, "its limits are " + get(main(), "resources", "limits"));
        }
        return this;
    }

    /**
     * The main container requests this resource amount.
     *
     * @param resource e.g. {@code cpu}
     * @param quantity e.g. {@code 250m}
     * @return this
     */
    public WorkloadAssert withResourceRequest(String resource, String quantity) {
        Object v = get(main(), "resources", "requests", resource);
        if (v == null || !String.valueOf(v).equals(quantity)) {
            fail("to request " + quantity + " of " + resource, "its requests are " + get(main(), "resources", "requests"));
        }
        return this;
    }

    /**
     * Every container (init containers too) runs as non-root: {@code runAsNonRoot: true} on the container or
     * on the pod.
     *
     * @return this
     */
    public WorkloadAssert runsAsNonRoot() {
        boolean pod = Boolean.TRUE.equals(get(actual.podSpec(), "securityContext", "runAsNonRoot"));
        List<String> root = new ArrayList<>();
        List<Map<String, Object>> all = new ArrayList<>(actual.containers());
        all.addAll(actual.initContainers());
        for (Map<String, Object> c : all) {
            Object own = get(c, "securityContext", "runAsNonRoot");
            if (!(Boolean.TRUE.equals(own) || (own == null && pod))) {
                root.add(String.valueOf(c.get("name")));
            }
        }
        if (!root.isEmpty()) {
            fail("to run every container as non-root", "these may run as root: " + root);
        }
        return this;
    }

    /**
     * The pod runs under this service account.
     *
     * @param name {@code serviceAccountName}
     * @return this
     */
    public WorkloadAssert withServiceAccount(String name) {
        String v = string(actual.podSpec(), "serviceAccountName");
        if (!v.equals(name)) {
            fail("to run as service account " + name, v.isEmpty() ? "it sets no serviceAccountName" : "it uses " + v);
        }
        return this;
    }

    /**
     * A CronJob runs on this schedule.
     *
     * @param cron e.g. {@code 0 3 * * *}
     * @return this
     */
    public WorkloadAssert withSchedule(String cron) {
        Object v = actual.at("spec.schedule");
        if (v == null || !String.valueOf(v).equals(cron)) {
            fail("to run on schedule '" + cron + "'", v == null ? "it has no spec.schedule (is it a CronJob?)" : "it runs on '" + v + "'");
        }
        return this;
    }

    /**
     * The pod has a container (or init container) with this name.
     *
     * @param name container name
     * @return this
     */
    public WorkloadAssert withContainer(String name) {
        List<String> names = new ArrayList<>();
        actual.containers().forEach(c -> names.add(String.valueOf(c.get("name"))));
        actual.initContainers().forEach(c -> names.add(String.valueOf(c.get("name")) + " (init)"));
        if (!names.contains(name) && !names.contains(name + " (init)")) {
            fail("to have a container named " + name, "its containers are " + names);
        }
        return this;
    }

    private Map<String, Object> main() {
        List<Map<String, Object>> containers = actual.containers();
        if (containers.isEmpty()) {
            fail("to have a container", "its pod spec has none");
        }
        return containers.get(0);
    }

    private List<String> images() {
        return actual.containers().stream().map(c -> String.valueOf(c.get("image"))).toList();
    }

    private Map<String, Object> env(String name) {
        return maps(main().get("env")).stream().filter(e -> name.equals(e.get("name"))).findFirst().orElse(null);
    }

    private List<String> envNames() {
        List<String> names = new ArrayList<>(maps(main().get("env")).stream().map(e -> String.valueOf(e.get("name"))).toList());
        for (Map<String, Object> from : maps(main().get("envFrom"))) {
            configMap(get(from, "configMapRef", "name")).ifPresent(cm -> names.addAll(
                    cm.keySet().stream().map(k -> k + " (envFrom)").toList()));
        }
        return names;
    }

    /** A ConfigMap key reference resolved against the ConfigMaps of the same render. */
    private Optional<String> configMapValue(Object keyRef) {
        if (!(keyRef instanceof Map<?, ?> ref)) {
            return Optional.empty();
        }
        return configMap(ref.get("name")).map(data -> data.get(String.valueOf(ref.get("key")))).map(String::valueOf);
    }

    private Optional<String> envFromConfigMaps(String name) {
        for (Map<String, Object> from : maps(main().get("envFrom"))) {
            Optional<Object> v = configMap(get(from, "configMapRef", "name")).map(data -> data.get(name));
            if (v.isPresent()) {
                return v.map(String::valueOf);
            }
        }
        return Optional.empty();
    }

    /** {@code data} of the rendered ConfigMap with this name. */
    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> configMap(Object name) {
        return and().ofKind("ConfigMap").stream().filter(m -> m.name().equals(String.valueOf(name))).findFirst()
                .map(m -> m.at("data")).filter(Map.class::isInstance).map(d -> (Map<String, Object>) d);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        if (!(list instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
    }

    private static Object get(Object root, String... path) {
        Object cur = root;
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(p);
        }
        return cur;
    }

    private static String string(Object root, String... path) {
        Object v = get(root, path);
        return v == null ? "" : String.valueOf(v);
    }
}
