package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.SecretNames;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Security and reliability rules of docs/quality.md §3 (the union of kube-linter, kubesec and Polaris
 * checks) over every rendered object. Rule ids and severities are listed in docs/validation-rules.md.
 */
final class SecurityLayer implements Layer {

    static final String NAME = "security";
    private static final Set<String> SENSITIVE_PATHS = Set.of("/", "/etc", "/root", "/var/run", "/run", "/proc", "/sys",
            "/dev", "/boot", "/var/lib/kubelet", "/var/lib/docker", "/run/containerd", "/var/log", "/home");
    private static final Set<String> DANGEROUS_CAPS = Set.of("SYS_ADMIN", "NET_RAW", "ALL");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> skipReason(ValidationContext ctx) {
        return KubernetesLayer.renderedOrReason(ctx);
    }

    @Override
    public List<Finding> run(ValidationContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (Rendering.Scenario s : ctx.rendering().scenarios()) {
            new Check(ctx.files(), s, out).run();
        }
        return out;
    }

    /** The checks of one scenario. */
    private static final class Check {
        private final ChartFiles files;
        private final Rendering.Scenario scenario;
        private final List<Finding> out;

        Check(ChartFiles files, Rendering.Scenario scenario, List<Finding> out) {
            this.files = files;
            this.scenario = scenario;
            this.out = out;
        }

        void run() {
            for (RenderedObject o : scenario.objects()) {
                if (o.isWorkload()) {
                    workload(o);
                }
                switch (o.kind()) {
                    case "Service" -> service(o);
                    case "Role", "ClusterRole" -> role(o);
                    case "RoleBinding", "ClusterRoleBinding" -> binding(o);
                    default -> {
                    }
                }
            }
        }

        private void workload(RenderedObject o) {
            Map<String, Object> pod = o.podSpec();
            if (pod.isEmpty()) {
                return;
            }
            Map<String, Object> podSc = Maps.map(pod, "securityContext");
            for (String ns : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (Boolean.TRUE.equals(pod.get(ns))) {
                    add(Severity.ERROR, "sec-host-namespace", o, ns, ns + " is true: the pod shares the node's namespace",
                            "remove " + ns + " (set it to false)");
                }
            }
            for (Map<String, Object> v : Maps.maps(pod, "volumes")) {
                String path = Maps.string(v, "hostPath", "path");
                if (!path.isEmpty() && sensitive(path)) {
                    add(Severity.ERROR, "sec-sensitive-host-mount", o, "hostPath", "volume '" + Maps.string(v, "name")
                            + "' mounts the sensitive host path " + path, "use an emptyDir, a PVC or a projected volume instead of hostPath");
                }
            }
            List<Map<String, Object>> main = Maps.maps(pod, "containers");
            List<Map<String, Object>> all = new ArrayList<>(main);
            all.addAll(Maps.maps(pod, "initContainers"));
            for (Map<String, Object> c : all) {
                // The first container is the application; later ones are sidecars (the Bitnami layout).
                container(o, c, podSc, main.contains(c), !main.isEmpty() && main.get(0) == c);
            }
            automount(o, pod);
            selector(o);
            if (o.isLongRunning()) {
                replicas(o, pod);
                networkPolicy(o);
                if (Maps.string(pod, "priorityClassName").isEmpty()) {
                    add(Severity.INFO, "sec-priority-class", o, "priorityClassName", "no priorityClassName",
                            "set priorityClassName for workloads that must survive node pressure");
                }
                if (Maps.list(pod, "topologySpreadConstraints").isEmpty()) {
                    add(Severity.INFO, "sec-topology-spread", o, "topologySpreadConstraints", "no topologySpreadConstraints",
                            "spread replicas over zones with topologySpreadConstraints");
                }
            }
            if (o.kind().equals("Job") && Maps.get(o.body(), "spec", "ttlSecondsAfterFinished") == null) {
                add(Severity.WARNING, "sec-job-ttl", o, "kind: Job", "Job has no ttlSecondsAfterFinished: finished pods pile up",
                        "set spec.ttlSecondsAfterFinished, e.g. 3600");
            }
        }

        private void container(RenderedObject o, Map<String, Object> c, Map<String, Object> podSc, boolean mainContainer,
                               boolean appContainer) {
            String name = "container '" + Maps.string(c, "name") + "'";
            Map<String, Object> sc = Maps.map(c, "securityContext");
            if (Boolean.TRUE.equals(sc.get("privileged"))) {
                add(Severity.ERROR, "sec-privileged", o, "privileged", name + " runs privileged",
                        "remove privileged: true; grant single capabilities instead if really needed");
            }
            if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
                add(Severity.ERROR, "sec-privilege-escalation", o, "securityContext", name
                        + " does not set allowPrivilegeEscalation: false", "set containerSecurityContext.allowPrivilegeEscalation: false");
            }
            Object nonRoot = sc.containsKey("runAsNonRoot") ? sc.get("runAsNonRoot") : podSc.get("runAsNonRoot");
            Object user = sc.containsKey("runAsUser") ? sc.get("runAsUser") : podSc.get("runAsUser");
            if (!Boolean.TRUE.equals(nonRoot) || user instanceof Number n && n.longValue() == 0) {
                add(Severity.ERROR, "sec-run-as-non-root", o, "securityContext", name + " may run as root (runAsNonRoot is not true)",
                        "set runAsNonRoot: true and a runAsUser ≥ 10000 in the container or pod security context");
            } else if (user instanceof Number n && n.longValue() < 10000) {
                add(Severity.WARNING, "sec-run-as-user", o, "runAsUser", name + " runs as UID " + n + " (< 10000), which may "
                        + "collide with a host user", "use a runAsUser ≥ 10000");
            }
            List<String> drop = Maps.list(sc, "capabilities", "drop").stream().map(x -> String.valueOf(x).toUpperCase(Locale.ROOT)).toList();
            List<String> addCaps = Maps.list(sc, "capabilities", "add").stream().map(x -> String.valueOf(x).toUpperCase(Locale.ROOT))
                    .map(x -> x.startsWith("CAP_") ? x.substring(4) : x).toList();
            if (!drop.contains("ALL")) {
                add(Severity.ERROR, "sec-capabilities", o, "capabilities", name + " does not drop ALL capabilities",
                        "set capabilities.drop: [ALL] and add back only what is needed");
            }
            for (String cap : addCaps) {
                if (DANGEROUS_CAPS.contains(cap)) {
                    add(Severity.ERROR, "sec-capabilities", o, "capabilities", name + " adds the dangerous capability " + cap,
                            "remove " + cap + " from capabilities.add");
                }
            }
            if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
                add(Severity.WARNING, "sec-read-only-root-fs", o, "securityContext", name + " has a writable root filesystem",
                        "set readOnlyRootFilesystem: true and mount emptyDir volumes for writable paths (/tmp, caches)");
            }
            Object seccomp = Maps.map(sc, "seccompProfile").isEmpty() ? Maps.string(podSc, "seccompProfile", "type")
                    : Maps.string(sc, "seccompProfile", "type");
            if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                add(Severity.WARNING, "sec-seccomp", o, "seccompProfile", name + " has no seccomp profile RuntimeDefault",
                        "set podSecurityContext.seccompProfile.type: RuntimeDefault");
            }
            image(o, c, name);
            if ("Always".equals(Maps.string(c, "imagePullPolicy"))) {
                add(Severity.INFO, "sec-pull-policy-always", o, "pullPolicy", name + " uses imagePullPolicy Always",
                        "use IfNotPresent with pinned tags or digests");
            }
            List<String> missing = new ArrayList<>();
            if (Maps.string(c, "resources", "requests", "cpu").isEmpty()) {
                missing.add("requests.cpu");
            }
            if (Maps.string(c, "resources", "requests", "memory").isEmpty()) {
                missing.add("requests.memory");
            }
            if (Maps.string(c, "resources", "limits", "memory").isEmpty()) {
                missing.add("limits.memory");
            }
            if (!missing.isEmpty()) {
                add(Severity.ERROR, "sec-resources", o, "resources", name + " has no " + String.join(", ", missing),
                        "set resources (or resourcesPreset) with cpu/memory requests and a memory limit in values.yaml");
            }
            if (mainContainer && o.isLongRunning()) {
                List<String> probes = new ArrayList<>();
                for (String p : List.of("livenessProbe", "readinessProbe")) {
                    if (Maps.map(c, p).isEmpty()) {
                        probes.add(p);
                    }
                }
                if (!probes.isEmpty()) {
                    // A sidecar is an opaque helper image the chart cannot know a health check for: a warning, not a gate.
                    // So is a container without ports (a queue worker): no network probe can reach it, and only the app
                    // knows an exec command that tells it is healthy.
                    boolean portless = Maps.list(c, "ports").isEmpty();
                    add(appContainer && !portless ? Severity.ERROR : Severity.WARNING, "sec-probes", o, "Probe",
                            name + (appContainer ? "" : " (a sidecar)") + (portless ? " (no ports)" : "") + " has no "
                                    + String.join(" or ", probes),
                            portless ? "add an exec " + String.join(" and ", probes) + " that checks the worker, e.g. a command that"
                                    + " verifies its heartbeat file"
                                    : "add " + String.join(" and ", probes) + " (e.g. tcpSocket or httpGet on the named container port)");
                }
            }
            probePorts(o, c, name);
            secretEnv(o, c, name);
        }

        private void image(RenderedObject o, Map<String, Object> c, String name) {
            String image = Maps.string(c, "image");
            if (image.contains("@sha256:")) {
                return;
            }
            int slash = image.lastIndexOf('/');
            int colon = image.lastIndexOf(':');
            String tag = colon > slash ? image.substring(colon + 1) : "";
            if (image.isBlank() || tag.isEmpty() || tag.equals("latest")) {
                add(Severity.ERROR, "sec-image-tag", o, "image", name + " image '" + image + "' "
                                + (tag.equals("latest") ? "uses the rolling tag latest" : "has no tag"),
                        "pin image.tag to a released version (e.g. the chart's appVersion) or set image.digest");
            }
        }

        private void probePorts(RenderedObject o, Map<String, Object> c, String name) {
            List<Map<String, Object>> ports = Maps.maps(c, "ports");
            for (String p : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                for (String handler : List.of("httpGet", "tcpSocket", "grpc")) {
                    Object port = Maps.get(c, p, handler, "port");
                    if (port != null && !declared(ports, port)) {
                        add(Severity.ERROR, "sec-port-reference", o, p, name + " " + p + " uses port '" + port
                                        + "', which the container does not declare",
                                "point the probe at a named port from the container's ports list");
                    }
                }
            }
        }

        /**
         * True when a literal env value looks like a secret: a secret-like name, except names that point to where
         * a secret is ({@code REDIS_PASSWORD_FILE}, {@code *_PATH}, {@code *_DIR}) and switches whose value is a
         * yes/no flag ({@code ALLOW_EMPTY_PASSWORD=no}), as in Bitnami charts.
         */
        static boolean holdsSecret(String envName, String value) {
            if (!SecretNames.isSecret(envName) || value.isEmpty()) {
                return false;
            }
            return !envName.matches("(?i).*_(FILE|FILES|PATH|DIR)$") && !value.matches("(?i)yes|no|true|false|on|off");
        }

        private void secretEnv(RenderedObject o, Map<String, Object> c, String name) {
            for (Map<String, Object> env : Maps.maps(c, "env")) {
                String envName = Maps.string(env, "name");
                if (holdsSecret(envName, Maps.string(env, "value"))) {
                    add(Severity.ERROR, "sec-secret-env-literal", o, envName, name + " sets " + envName
                                    + " to a literal value (value not shown)",
                            "read it from a Secret with valueFrom.secretKeyRef (offer auth.existingSecret)");
                }
            }
        }

        private void automount(RenderedObject o, Map<String, Object> pod) {
            Object v = pod.get("automountServiceAccountToken");
            if (Boolean.FALSE.equals(v)) {
                return;
            }
            if (v == null) {
                String sa = Maps.string(pod, "serviceAccountName");
                for (RenderedObject other : scenario.objects()) {
                    if (other.kind().equals("ServiceAccount") && other.name().equals(sa.isEmpty() ? "default" : sa)
                            && Boolean.FALSE.equals(other.body().get("automountServiceAccountToken"))) {
                        return;
                    }
                }
            }
            add(Severity.WARNING, "sec-automount-token", o, "automountServiceAccountToken",
                    "the service account token is mounted into the pod", "set automountServiceAccountToken: false unless the app calls the API");
        }

        private void selector(RenderedObject o) {
            Map<String, Object> match = Maps.map(o.body(), "spec", "selector", "matchLabels");
            if (match.isEmpty() || o.kind().equals("Pod")) {
                return;
            }
            Map<String, Object> labels = o.podLabels();
            if (!subset(match, labels)) {
                add(Severity.ERROR, "sec-selector-labels", o, "matchLabels", "spec.selector.matchLabels " + match
                        + " is not a subset of the pod template labels " + labels, "use the selectorLabels helper in both places");
            }
        }

        private void replicas(RenderedObject o, Map<String, Object> pod) {
            if (!List.of("Deployment", "StatefulSet").contains(o.kind())) {
                return;
            }
            long replicas = Maps.get(o.body(), "spec", "replicas") instanceof Number n ? n.longValue() : 1;
            for (RenderedObject hpa : scenario.objects()) {
                if (hpa.kind().equals("HorizontalPodAutoscaler") && Maps.string(hpa.body(), "spec", "scaleTargetRef", "name").equals(o.name())) {
                    replicas = Math.max(replicas, Maps.get(hpa.body(), "spec", "minReplicas") instanceof Number n ? n.longValue() : 1);
                }
            }
            if (replicas < 2) {
                return;
            }
            Map<String, Object> labels = o.podLabels();
            boolean pdb = scenario.objects().stream().anyMatch(p -> p.kind().equals("PodDisruptionBudget")
                    && !Maps.map(p.body(), "spec", "selector", "matchLabels").isEmpty()
                    && subset(Maps.map(p.body(), "spec", "selector", "matchLabels"), labels));
            if (!pdb) {
                add(Severity.WARNING, "sec-pdb-missing", o, "replicas", o.kind() + " runs " + replicas
                        + " replicas without a PodDisruptionBudget", "enable pdb.create with maxUnavailable: 1");
            }
            if (Maps.map(pod, "affinity", "podAntiAffinity").isEmpty()) {
                add(Severity.WARNING, "sec-anti-affinity", o, "affinity", o.kind() + " runs " + replicas
                        + " replicas without pod anti-affinity", "set podAntiAffinityPreset: soft (or affinity.podAntiAffinity)");
            }
        }

        private void networkPolicy(RenderedObject o) {
            Map<String, Object> labels = o.podLabels();
            boolean covered = scenario.objects().stream().anyMatch(p -> p.kind().equals("NetworkPolicy")
                    && subset(Maps.map(p.body(), "spec", "podSelector", "matchLabels"), labels));
            if (!covered) {
                add(Severity.WARNING, "sec-network-policy", o, "kind: " + o.kind(), "no NetworkPolicy selects the pods of " + o.resource(),
                        "enable networkPolicy.enabled with explicit ingress rules");
            }
        }

        private void service(RenderedObject o) {
            Map<String, Object> selector = Maps.map(o.body(), "spec", "selector");
            if (selector.isEmpty()) {
                return;
            }
            List<RenderedObject> selected = scenario.objects().stream()
                    .filter(w -> w.isWorkload() && !w.podLabels().isEmpty() && subset(selector, w.podLabels())).toList();
            if (selected.isEmpty()) {
                add(Severity.ERROR, "sec-service-selector", o, "selector", "Service selector " + selector
                        + " matches no workload of the chart", "use the selectorLabels helper as the Service selector");
                return;
            }
            for (Map<String, Object> port : Maps.maps(o.body(), "spec", "ports")) {
                Object target = port.get("targetPort") != null ? port.get("targetPort") : port.get("port");
                boolean found = selected.stream().anyMatch(w -> Maps.maps(w.podSpec(), "containers").stream()
                        .anyMatch(c -> declared(Maps.maps(c, "ports"), target)));
                if (target != null && !found) {
                    add(Severity.ERROR, "sec-port-reference", o, "targetPort", "Service port '" + Maps.string(port, "name")
                                    + "' targets '" + target + "', which no selected container declares",
                            "set targetPort to the name of a container port (e.g. http)");
                }
            }
        }

        private void role(RenderedObject o) {
            for (Map<String, Object> rule : Maps.maps(o.body(), "rules")) {
                for (String field : List.of("verbs", "resources", "apiGroups")) {
                    if (Maps.list(rule, field).contains("*")) {
                        add(Severity.ERROR, "sec-rbac-wildcard", o, "\"*\"", o.kind() + " grants '*' in " + field,
                                "list the exact " + field + " the app needs");
                    }
                }
                if (Maps.list(rule, "resources").contains("pods/exec")) {
                    add(Severity.ERROR, "sec-rbac-wildcard", o, "pods/exec", o.kind() + " grants pods/exec",
                            "remove pods/exec: it allows running commands in any pod of the namespace");
                }
            }
        }

        private void binding(RenderedObject o) {
            if ("cluster-admin".equals(Maps.string(o.body(), "roleRef", "name"))) {
                add(Severity.ERROR, "sec-rbac-wildcard", o, "cluster-admin", o.kind() + " binds cluster-admin",
                        "bind a Role with only the permissions the app needs");
            }
        }

        private void add(Severity s, String rule, RenderedObject o, String needle, String msg, String hint) {
            out.add(new Finding(s, rule, NAME, o.file(), Locator.lineOf(files, o.file(), needle), o.resource(),
                    msg + scenario.label(), hint));
        }
    }

    static boolean sensitive(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return SENSITIVE_PATHS.contains(p) || p.endsWith(".sock");
    }

    static boolean declared(List<Map<String, Object>> ports, Object port) {
        if (port instanceof Number n) {
            return ports.stream().anyMatch(p -> Maps.get(p, "containerPort") instanceof Number cp && cp.longValue() == n.longValue());
        }
        String s = String.valueOf(port);
        if (s.matches("\\d+")) {
            return declared(ports, Long.parseLong(s));
        }
        return ports.stream().anyMatch(p -> s.equals(Maps.string(p, "name")));
    }

    static boolean subset(Map<String, Object> small, Map<String, Object> big) {
        for (Map.Entry<String, Object> e : small.entrySet()) {
            if (!big.containsKey(e.getKey()) || !String.valueOf(big.get(e.getKey())).equals(String.valueOf(e.getValue()))) {
                return false;
            }
        }
        return true;
    }
}
