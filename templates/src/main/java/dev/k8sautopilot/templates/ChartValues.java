package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ConfigFile;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.ExtraContainer;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.Probe;
import dev.k8sautopilot.model.Protocol;
import dev.k8sautopilot.model.Tier;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The values leaves every chart shares (global, common, and the pod and container of the workload), plus the
 * small helpers feature slices use to build theirs. Each {@link Feature} adds its own leaves; together they are
 * the single source of values.yaml, values.schema.json and the README tables.
 *
 * <p>For feature slices (built-in and extensions); stateless.
 */
public final class ChartValues {

    /** The resources presets, in size order. */
    public static final List<String> PRESETS = List.of("none", "nano", "micro", "small", "medium", "large", "xlarge", "2xlarge");

    private final ChartSpec spec;
    private final ValuesModel.Builder v;

    private ChartValues(ChartSpec spec, ValuesModel.Builder v) {
        this.spec = spec;
        this.v = v;
    }

    /** The global and common leaves at the top of values.yaml. */
    public static void header(ChartSpec spec, ValuesModel.Builder builder) {
        ChartValues cv = new ChartValues(spec, builder);
        cv.global();
        cv.common();
    }

    /**
     * The workload section ({@code <Kind> parameters}): image, the kind's own leaves (given by the workload's
     * feature, right after the image), ports, command, configuration, probes (long-running workloads),
     * resources, security contexts and pod scheduling.
     *
     * @param kindLeaves adds the leaves of the workload kind, e.g. replicaCount and updateStrategy
     */
    public static void pod(ChartSpec spec, ValuesModel.Builder builder, Consumer<ValuesModel.Builder> kindLeaves) {
        new ChartValues(spec, builder).workload(kindLeaves);
    }

    private void global() {
        v.section("Global parameters")
                .leaf("global.imageRegistry", "", "Global Docker image registry; overrides every image.registry")
                .leaf("global.imagePullSecrets", List.of(), "Global registry Secret names as an array")
                .leaf("global.defaultStorageClass", "", "Global default StorageClass for persistent volumes");
    }

    private void common() {
        v.section("Common parameters")
                .leaf("nameOverride", "", "String to partially override the chart's fullname (the release name is kept)")
                .leaf("fullnameOverride", "", "String to fully override the chart's fullname")
                .leaf("namespaceOverride", spec.namespace(), "String to override the release namespace of every object")
                .leaf("commonLabels", new TreeMap<>(spec.commonLabels()), "Labels added to every object")
                .leaf("commonAnnotations", new TreeMap<>(spec.commonAnnotations()), "Annotations added to every object");
    }

    private void workload(Consumer<ValuesModel.Builder> kindLeaves) {
        v.section(spec.workload().wire() + " parameters");
        image("image", spec.image().registry(), spec.image().repository(), spec.image().tag(), spec.image().digest(),
                spec.image().pullPolicy().wire(), "the " + spec.name() + " image");
        v.leaf("image.pullSecrets", List.of(), "Registry Secret names as an array");
        kindLeaves.accept(v);
        Set<String> protocols = new LinkedHashSet<>();
        Map<String, Object> nonTcp = new TreeMap<>();
        for (Port p : allPorts(spec)) {
            v.leaf(Leaf.of("containerPorts." + camel(p.name()), p.containerPort(), "Container port named " + p.name()).range(1, 65535));
            protocols.add(p.protocol().wire());
            if (p.protocol() != Protocol.TCP) {
                nonTcp.put(camel(p.name()), p.protocol().wire());
            }
        }
        if (!nonTcp.isEmpty()) {
            v.leaf("containerPortProtocols", nonTcp, "Protocol of container ports that are not TCP, by port name");
        }
        v.leaf("command", spec.command(), "Override the container command")
                .leaf("args", spec.args(), "Override the container arguments");
        List<Object> env = new ArrayList<>();
        for (EnvVar e : spec.env()) {
            env.add(ordered("name", e.name(), "value", e.value()));
        }
        List<Object> files = new ArrayList<>();
        for (ConfigFile f : spec.configFiles()) {
            files.add(ordered("fileName", f.fileName(), "mountPath", f.mountPath(), "content", f.content()));
        }
        v.leaf("configuration.env", env, "Environment variables (name, value) stored in the chart's ConfigMap and read by the container")
                .leaf("configuration.files", files, "Configuration files (fileName, mountPath, content) stored in the chart's ConfigMap and mounted read-only")
                .leaf("extraEnvVars", List.of(), "Extra environment variables (EnvVar objects) for the container")
                .leaf("extraEnvVarsCM", "", "Name of an existing ConfigMap with extra environment variables")
                .leaf("extraEnvVarsSecret", "", "Name of an existing Secret with extra environment variables");
        if (spec.longRunning()) {
            probe("livenessProbe", "liveness", spec.probes().liveness());
            probe("readinessProbe", "readiness", spec.probes().readiness());
            probe("startupProbe", "startup", spec.probes().startup());
        }
        resources();
        securityContexts();
        v.leaf("podLabels", Map.of(), "Extra labels for the pods")
                .leaf("podAnnotations", Map.of(), "Extra annotations for the pods")
                .leaf(Leaf.of("podAntiAffinityPreset", spec.podAntiAffinityPreset().equals("none") ? "" : spec.podAntiAffinityPreset(),
                        "Pod anti-affinity preset (soft, hard, or empty for none); ignored when affinity is set").oneOf("", "soft", "hard"))
                .leaf("affinity", Map.of(), "Affinity for pod assignment; overrides podAntiAffinityPreset")
                .leaf("nodeSelector", Map.of(), "Node labels for pod assignment")
                .leaf("tolerations", List.of(), "Tolerations for pod assignment")
                .leaf("topologySpreadConstraints", topologySpread(), "Topology spread constraints; the pods' selector labels are added when labelSelector is missing")
                .leaf("priorityClassName", "", "Priority class of the pods")
                .leaf(Leaf.of("terminationGracePeriodSeconds", 30, "Seconds the pods get to stop gracefully").range(0, 3600))
                .leaf("extraVolumes", List.of(), "Extra volumes for the pods")
                .leaf("extraVolumeMounts", List.of(), "Extra volume mounts for the container")
                .leaf("initContainers", containers(spec.initContainers(), false), "Init containers; each gets containerSecurityContext and the resources of the main container unless it sets its own")
                .leaf("sidecars", containers(spec.sidecars(), true), "Sidecar containers; each gets containerSecurityContext and the resources of the main container unless it sets its own");
    }

    private void image(String prefix, String registry, String repository, String tag, String digest, String pullPolicy, String what) {
        image(v, prefix, registry, repository, tag, digest, pullPolicy, what);
    }

    /** The five leaves of an image (registry, repository, tag, digest, pullPolicy) under {@code prefix}. */
    public static void image(ValuesModel.Builder v, String prefix, String registry, String repository, String tag, String digest,
                             String pullPolicy, String what) {
        v.leaf(prefix + ".registry", registry, "Registry of " + what)
                .leaf(prefix + ".repository", repository, "Repository of " + what)
                .leaf(prefix + ".tag", tag, "Tag of " + what + " (pinned, never latest)")
                .leaf(prefix + ".digest", digest, "Digest of " + what + " (sha256:...); used together with the tag when set")
                .leaf(Leaf.of(prefix + ".pullPolicy", pullPolicy, "Pull policy of " + what).oneOf("IfNotPresent", "Always", "Never"));
    }

    private void probe(String key, String what, Probe p) {
        String port = camel(p.port().isEmpty() ? spec.mainPort().map(Port::name).orElse("") : p.port());
        v.leaf(key + ".enabled", p.enabled(), "Enable the " + what + " probe")
                .leaf(Leaf.of(key + ".type", p.type().wire(), "Probe type of the " + what + " probe").oneOf("http", "tcp", "grpc", "exec"))
                .leaf(key + ".path", p.path(), "HTTP path of the " + what + " probe (type http)")
                .leaf(key + ".port", port, "Name of the container port the " + what + " probe checks (types http, tcp, grpc)")
                .leaf(key + ".command", p.command(), "Command of the " + what + " probe (type exec)")
                .leaf(Leaf.of(key + ".initialDelaySeconds", p.initialDelaySeconds(), "Initial delay of the " + what + " probe").range(0, 3600))
                .leaf(Leaf.of(key + ".periodSeconds", p.periodSeconds(), "Period of the " + what + " probe").range(1, 3600))
                .leaf(Leaf.of(key + ".timeoutSeconds", p.timeoutSeconds(), "Timeout of the " + what + " probe").range(1, 3600))
                .leaf(Leaf.of(key + ".failureThreshold", p.failureThreshold(), "Failure threshold of the " + what + " probe").range(1, 1000))
                .leaf(Leaf.of(key + ".successThreshold", p.successThreshold(), "Success threshold of the " + what + " probe").range(1, 1000))
                .leaf("custom" + Character.toUpperCase(key.charAt(0)) + key.substring(1), Map.of(),
                        "Custom " + what + " probe that replaces the one above");
    }

    private void resources() {
        var r = spec.resources();
        Map<String, Object> explicit = new LinkedHashMap<>();
        if (r.explicit()) {
            // Missing requests / memory limit come from the preset, so the container is never left without them.
            Map<String, String> preset = ResourcePresets.of(r.preset());
            // A missing value comes from its explicit counterpart first (so requests never exceed limits), then the preset.
            Map<String, Object> requests = new LinkedHashMap<>();
            requests.put("cpu", first(r.requestsCpu(), r.limitsCpu(), preset.get("requests.cpu")));
            requests.put("memory", first(r.requestsMemory(), r.limitsMemory(), preset.get("requests.memory")));
            Map<String, Object> limits = new LinkedHashMap<>();
            if (!r.limitsCpu().isEmpty()) {
                limits.put("cpu", r.limitsCpu());
            }
            limits.put("memory", first(r.limitsMemory(), r.requestsMemory(), preset.get("limits.memory")));
            requests.values().removeIf(x -> x == null);
            limits.values().removeIf(x -> x == null);
            explicit.put("limits", limits);
            explicit.put("requests", requests);
        }
        v.leaf(Leaf.of("resourcesPreset", r.explicit() ? "none" : r.preset().wire(),
                        "Resources preset (none, nano, micro, small, medium, large, xlarge, 2xlarge); ignored when resources is set").oneOf(PRESETS.toArray()))
                .leaf("resources", explicit, "Container requests and limits; when set, resourcesPreset is ignored");
    }

    private void securityContexts() {
        var s = spec.security();
        v.leaf("podSecurityContext.enabled", true, "Enable the pods' security context")
                .leaf(Leaf.of("podSecurityContext.fsGroupChangePolicy", "Always", "Policy for changing the ownership of volumes").oneOf("Always", "OnRootMismatch"))
                .leaf("podSecurityContext.sysctls", List.of(), "Kernel settings (sysctls) of the pods")
                .leaf("podSecurityContext.supplementalGroups", List.of(), "Supplemental group IDs of the pods")
                .leaf(Leaf.of("podSecurityContext.fsGroup", s.fsGroup(), "Group ID that owns mounted volumes").range(0, 2147483647L))
                .leaf("containerSecurityContext.enabled", true, "Enable the containers' security context")
                .leaf("containerSecurityContext.seLinuxOptions", Map.of(), "SELinux options of the containers")
                .leaf(Leaf.of("containerSecurityContext.runAsUser", s.runAsUser(), "User ID the containers run as").range(1, 2147483647L))
                .leaf(Leaf.of("containerSecurityContext.runAsGroup", s.runAsGroup(), "Group ID the containers run as").range(0, 2147483647L))
                .leaf("containerSecurityContext.runAsNonRoot", true, "Refuse to start containers that run as root")
                .leaf("containerSecurityContext.privileged", false, "Run the containers privileged (never needed)")
                .leaf("containerSecurityContext.readOnlyRootFilesystem", s.readOnlyRoot(), "Mount the root filesystem read-only; writablePaths get emptyDir volumes")
                .leaf("containerSecurityContext.allowPrivilegeEscalation", false, "Allow privilege escalation")
                .leaf("containerSecurityContext.capabilities.drop", List.of("ALL"), "Capabilities to drop")
                .leaf("containerSecurityContext.capabilities.add", s.capabilities(), "Capabilities to add back after dropping")
                .leaf(Leaf.of("containerSecurityContext.seccompProfile.type", "RuntimeDefault", "Seccomp profile type").oneOf("RuntimeDefault", "Localhost", "Unconfined"));
        List<String> writable = new ArrayList<>();
        writable.add("/tmp");
        s.writablePaths().stream().filter(p -> !p.equals("/tmp")).forEach(writable::add);
        v.leaf("writablePaths", writable, "Directories mounted from an emptyDir volume so the container can write there with a read-only root filesystem")
                .leaf("automountServiceAccountToken", !spec.rbac().isEmpty(),
                        "Mount the service account token in the pods (on only when the app calls the Kubernetes API)");
    }

    // ---- derived data ----

    /** The spec's ports plus a metrics port when metrics are served on a port of their own. */
    public static List<Port> allPorts(ChartSpec spec) {
        List<Port> ports = new ArrayList<>(spec.ports());
        var m = spec.metrics();
        if (spec.hasService() && m.enabled() && m.port() != 0 && ports.stream().noneMatch(p -> p.containerPort() == m.port())
                && ports.stream().noneMatch(p -> p.name().equals("metrics"))) {
            ports.add(Port.of("metrics", m.port()));
        }
        return ports;
    }

    /** The ports the Service exposes (including a separate metrics port). */
    public static List<Port> servicePorts(ChartSpec spec) {
        return allPorts(spec).stream().filter(Port::exposed).toList();
    }

    /** Old revisions kept for rollbacks, by tier: 3 (dev), 5 (staging), 10 (prod). */
    public static int revisionHistoryLimit(Tier tier) {
        return switch (tier) {
            case DEV -> 3;
            case STAGING -> 5;
            case PROD -> 10;
        };
    }

    private List<Object> topologySpread() {
        if (spec.tier() != Tier.PROD || !spec.replicated()) {
            return List.of();
        }
        return List.of(ordered("maxSkew", 1, "topologyKey", "topology.kubernetes.io/zone", "whenUnsatisfiable", "ScheduleAnyway"));
    }

    private List<Object> containers(List<ExtraContainer> list, boolean withPorts) {
        List<Object> out = new ArrayList<>();
        for (ExtraContainer c : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("image", c.image().reference());
            m.put("imagePullPolicy", c.image().pullPolicy().wire());
            if (!c.command().isEmpty()) {
                m.put("command", c.command());
            }
            if (!c.args().isEmpty()) {
                m.put("args", c.args());
            }
            if (!c.env().isEmpty()) {
                List<Object> env = new ArrayList<>();
                c.env().forEach(e -> env.add(ordered("name", e.name(), "value", e.value())));
                m.put("env", env);
            }
            if (withPorts && !c.ports().isEmpty()) {
                List<Object> ports = new ArrayList<>();
                c.ports().forEach(p -> ports.add(ordered("name", p.name(), "containerPort", p.containerPort(), "protocol", p.protocol().wire())));
                m.put("ports", ports);
            }
            out.add(m);
        }
        return out;
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isEmpty()) {
                return c;
            }
        }
        return null;
    }

    /** A count as an integer, a percentage as a string, empty as empty. */
    public static Object intOrString(String s) {
        if (s.isEmpty()) {
            return "";
        }
        return s.endsWith("%") ? s : (Object) Integer.parseInt(s);
    }

    /** camelCase of a port name or secret key: {@code api-token} → {@code apiToken}. */
    public static String camel(String s) {
        if (s.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : s.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                sb.append(upper && sb.length() > 0 ? Character.toUpperCase(c) : (sb.length() == 0 ? Character.toLowerCase(c) : c));
                upper = false;
            } else {
                upper = true;
            }
        }
        String out = sb.toString();
        if (out.isEmpty() || !Character.isLetter(out.charAt(0))) {
            out = "v" + out;
        }
        return out.substring(0, 1).toLowerCase(Locale.ROOT) + out.substring(1);
    }

    /** An insertion-ordered map from alternating keys and values. */
    public static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
