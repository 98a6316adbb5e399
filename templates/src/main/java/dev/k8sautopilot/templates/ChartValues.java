package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ConfigFile;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.ExtraContainer;
import dev.k8sautopilot.model.IngressController;
import dev.k8sautopilot.model.IngressSpec;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.Probe;
import dev.k8sautopilot.model.Protocol;
import dev.k8sautopilot.model.RbacRule;
import dev.k8sautopilot.model.SecretEnv;
import dev.k8sautopilot.model.Tier;
import dev.k8sautopilot.model.TraefikOptions;
import dev.k8sautopilot.model.Workload;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds the built-in values model of a chart from its spec: the single source of values.yaml, schema and README. */
final class ChartValues {

    static final List<String> PRESETS = List.of("none", "nano", "micro", "small", "medium", "large", "xlarge", "2xlarge");

    private final ChartSpec spec;
    private final ValuesModel.Builder v;

    private ChartValues(ChartSpec spec, ValuesModel.Builder v) {
        this.spec = spec;
        this.v = v;
    }

    static void contribute(ChartSpec spec, ValuesModel.Builder builder) {
        ChartValues cv = new ChartValues(spec, builder);
        cv.global();
        cv.common();
        cv.workload();
        if (!spec.longRunning()) {
            cv.job();
        }
        cv.auth();
        cv.exposure();
        cv.persistence();
        cv.rbac();
        if (spec.hasService()) {
            cv.metrics();
            cv.tests();
        }
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

    private void workload() {
        String kind = spec.workload().wire();
        v.section(kind + " parameters");
        image("image", spec.image().registry(), spec.image().repository(), spec.image().tag(), spec.image().digest(),
                spec.image().pullPolicy().wire(), "the " + spec.name() + " image");
        v.leaf("image.pullSecrets", List.of(), "Registry Secret names as an array");
        if (spec.longRunning()) {
            v.leaf(Leaf.of("replicaCount", spec.replicas(), "Number of " + spec.name() + " replicas (ignored when autoscaling is enabled)").range(0, 1000));
            v.leaf(Leaf.of("revisionHistoryLimit", revisionHistoryLimit(spec.tier()), "Old ReplicaSets / revisions to keep for rollbacks (from tier " + spec.tier().wire() + ")").range(0, 100));
            v.leaf("updateStrategy", updateStrategy(), "Update strategy of the " + kind);
            if (spec.workload() == Workload.STATEFULSET) {
                v.leaf(Leaf.of("podManagementPolicy", "OrderedReady", "Pod management policy of the StatefulSet").oneOf("OrderedReady", "Parallel"));
            }
        }
        Set<String> protocols = new LinkedHashSet<>();
        Map<String, Object> nonTcp = new TreeMap<>();
        for (Port p : allPorts()) {
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
        if (spec.longRunning()) {
            v.leaf("pdb.create", spec.pdb().create(), "Create a PodDisruptionBudget")
                    .leaf(Leaf.of("pdb.minAvailable", intOrString(spec.pdb().minAvailable()), "Minimum available pods (number or percentage); set only one of minAvailable and maxUnavailable").types("integer", "string"))
                    .leaf(Leaf.of("pdb.maxUnavailable", intOrString(spec.pdb().maxUnavailable()), "Maximum unavailable pods (number or percentage)").types("integer", "string"));
            var a = spec.autoscaling();
            v.leaf("autoscaling.enabled", a.enabled(), "Enable a HorizontalPodAutoscaler")
                    .leaf(Leaf.of("autoscaling.minReplicas", a.minReplicas(), "Minimum replicas").range(1, 1000))
                    .leaf(Leaf.of("autoscaling.maxReplicas", a.maxReplicas(), "Maximum replicas").range(1, 1000))
                    .leaf(Leaf.of("autoscaling.targetCPU", a.targetCpu() == 0 ? "" : (Object) a.targetCpu(), "Target average CPU utilisation in percent; empty for none").types("integer", "string"))
                    .leaf(Leaf.of("autoscaling.targetMemory", a.targetMemory() == 0 ? "" : (Object) a.targetMemory(), "Target average memory utilisation in percent; empty for none").types("integer", "string"));
        }
    }

    private void image(String prefix, String registry, String repository, String tag, String digest, String pullPolicy, String what) {
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

    private void job() {
        var j = spec.job();
        v.section(spec.workload().wire() + " schedule parameters")
                .leaf(Leaf.of("job.backoffLimit", j.backoffLimit(), "Retries before the Job is marked failed").range(0, 100))
                .leaf(Leaf.of("job.ttlSecondsAfterFinished", j.ttlSecondsAfterFinished(), "Seconds after which a finished Job is deleted").range(0, 31_536_000))
                .leaf(Leaf.of("job.restartPolicy", "OnFailure", "Restart policy of the Job's pods").oneOf("OnFailure", "Never"));
        if (spec.workload() == Workload.CRONJOB) {
            v.leaf("job.schedule", j.schedule(), "Cron schedule of the CronJob")
                    .leaf(Leaf.of("job.concurrencyPolicy", j.concurrencyPolicy(), "What to do when a run is still active").oneOf("Allow", "Forbid", "Replace"))
                    .leaf("job.suspend", false, "Suspend future runs")
                    .leaf(Leaf.of("job.successfulJobsHistoryLimit", 3, "Finished Jobs to keep").range(0, 100))
                    .leaf(Leaf.of("job.failedJobsHistoryLimit", 1, "Failed Jobs to keep").range(0, 100));
        }
    }

    private void auth() {
        v.section("Authentication parameters")
                .leaf("auth.existingSecret", spec.existingSecret(), "Name of an existing Secret holding the keys listed in auth.secretEnv; when set the chart creates no Secret");
        List<Object> entries = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        for (SecretEnv s : spec.secretEnv()) {
            String param = camel(s.key());
            if (Set.of("existingSecret", "secretEnv").contains(param) || params.containsValue(param)) {
                param = param + "Value" + (params.size() + 1);
            }
            params.put(s.name(), param);
            entries.add(ordered("name", s.name(), "key", s.key(), "param", param));
        }
        v.leaf("auth.secretEnv", entries, "Environment variables read from the Secret: variable name, Secret key, and the auth value that fills the chart's own Secret");
        params.forEach((name, param) -> v.leaf("auth." + param, "",
                "Value of " + name + " in the chart's Secret; empty by default: set it at install time or use auth.existingSecret"));
    }

    private void exposure() {
        v.section("Traffic exposure parameters");
        if (spec.hasService()) {
            v.leaf(Leaf.of("service.type", spec.service().type().wire(), "Service type").oneOf("ClusterIP", "NodePort", "LoadBalancer"));
            for (Port p : servicePorts()) {
                v.leaf(Leaf.of("service.ports." + camel(p.name()), p.servicePort(), "Service port for container port " + p.name()).range(1, 65535));
            }
            for (Port p : servicePorts()) {
                v.leaf(Leaf.of("service.nodePorts." + camel(p.name()), "", "Node port for " + p.name() + " (NodePort or LoadBalancer); empty to let Kubernetes choose").types("integer", "string"));
            }
            v.leaf("service.clusterIP", "", "Fixed cluster IP (ClusterIP only); empty to let Kubernetes choose")
                    .leaf("service.loadBalancerSourceRanges", List.of(), "Source ranges allowed to reach a LoadBalancer")
                    .leaf(Leaf.of("service.externalTrafficPolicy", "Cluster", "External traffic policy (NodePort, LoadBalancer)").oneOf("Cluster", "Local"))
                    .leaf(Leaf.of("service.sessionAffinity", "None", "Session affinity").oneOf("None", "ClientIP"))
                    .leaf("service.annotations", new TreeMap<>(spec.service().annotations()), "Extra Service annotations");
            ingress();
            ingressRoute();
        }
        var np = spec.networkPolicy();
        v.leaf("networkPolicy.enabled", np.enabled(), "Create a NetworkPolicy: ingress only to the container ports, DNS egress always allowed")
                .leaf("networkPolicy.allowExternal", np.allowExternal(), "Accept connections from any pod; when false only from pods labelled <fullname>-client=true")
                .leaf("networkPolicy.allowExternalEgress", np.allowExternalEgress(), "Allow all egress; when false only DNS and traffic inside the namespace")
                .leaf("networkPolicy.extraIngress", List.of(), "Extra ingress rules")
                .leaf("networkPolicy.extraEgress", List.of(), "Extra egress rules");
    }

    private void ingress() {
        IngressSpec in = spec.ingress();
        boolean std = in.enabled() && in.controller() != IngressController.TRAEFIK;
        String port = camel(servicePorts().get(0).name());
        List<Object> extraHosts = new ArrayList<>();
        for (String h : in.hosts().stream().skip(1).toList()) {
            extraHosts.add(ordered("name", h, "path", in.path()));
        }
        v.leaf("ingress.enabled", std, "Create an Ingress (networking.k8s.io/v1)")
                .leaf("ingress.ingressClassName", in.controller() == IngressController.NGINX && in.className().isEmpty() ? "nginx" : in.className(),
                        "IngressClass of the Ingress; empty for the cluster default")
                .leaf("ingress.hostname", in.mainHost(), "Host name of the Ingress")
                .leaf("ingress.path", in.path(), "Path of the Ingress")
                .leaf(Leaf.of("ingress.pathType", in.pathType().wire(), "Path type of the Ingress").oneOf("Prefix", "Exact", "ImplementationSpecific"))
                .leaf("ingress.servicePort", port, "Name of the Service port the Ingress routes to")
                .leaf("ingress.annotations", Map.of(), "Extra Ingress annotations")
                .leaf("ingress.tls", std && in.tls(), "Serve TLS with the certificate in ingress.secretName")
                .leaf("ingress.secretName", in.controller() != IngressController.TRAEFIK ? in.tlsSecretName() : "",
                        "Secret with the TLS certificate; empty for <hostname>-tls")
                .leaf("ingress.extraHosts", extraHosts, "More hosts (name, path) served by the Ingress");
    }

    private void ingressRoute() {
        IngressSpec in = spec.ingress();
        boolean traefik = in.enabled() && in.controller() == IngressController.TRAEFIK;
        TraefikOptions t = in.traefik();
        boolean tls = traefik && in.tls();
        List<String> entryPoints = !t.entryPoints().isEmpty() ? t.entryPoints() : List.of(tls ? "websecure" : "web");
        var rl = t.rateLimitOption();
        v.leaf("ingressRoute.enabled", traefik, "Create a Traefik IngressRoute (traefik.io/v1alpha1)")
                .leaf("ingressRoute.entryPoints", entryPoints, "Traefik entry points of the route (web, websecure)")
                .leaf("ingressRoute.hostname", in.mainHost(), "Host matched by the route")
                .leaf("ingressRoute.extraHosts", in.hosts().stream().skip(1).toList(), "More hosts matched by the route")
                .leaf("ingressRoute.path", in.path(), "Path prefix matched by the route")
                .leaf("ingressRoute.servicePort", camel(servicePorts().get(0).name()), "Name of the Service port the route forwards to")
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

    private void persistence() {
        var p = spec.persistence();
        v.section("Persistence parameters")
                .leaf("persistence.enabled", p.enabled(), "Store data on a PersistentVolumeClaim mounted at persistence.mountPath")
                .leaf("persistence.mountPath", p.mountPath(), "Where the data volume is mounted")
                // A chart planned with persistence keeps its data directory writable when persistence is switched off;
                // a stateless one mounts nothing there (no unused volume).
                .leaf("persistence.emptyDirWhenDisabled", p.enabled(),
                        "When persistence is disabled, mount an emptyDir at persistence.mountPath (its data is lost with the pod)")
                .leaf("persistence.storageClass", p.storageClass(), "StorageClass of the volume; empty for the default, - for none")
                .leaf("persistence.accessModes", List.of(p.accessMode().wire()), "Access modes of the volume")
                .leaf("persistence.size", p.size(), "Size of the volume")
                .leaf("persistence.annotations", Map.of(), "Annotations of the PersistentVolumeClaim")
                .leaf("persistence.existingClaim", p.existingClaim(), "Name of an existing PersistentVolumeClaim to use instead of creating one");
    }

    private void rbac() {
        List<Object> rules = new ArrayList<>();
        for (RbacRule r : spec.rbac()) {
            rules.add(ordered("apiGroups", r.apiGroups(), "resources", r.resources(), "verbs", r.verbs()));
        }
        v.section("RBAC and service account parameters")
                .leaf("serviceAccount.create", true, "Create a ServiceAccount for the pods")
                .leaf("serviceAccount.name", "", "Name of the ServiceAccount; empty for the fullname")
                .leaf("serviceAccount.annotations", Map.of(), "Annotations of the ServiceAccount")
                .leaf("serviceAccount.automountServiceAccountToken", false, "Mount the token on the ServiceAccount level")
                .leaf("rbac.create", !spec.rbac().isEmpty(), "Create a Role and RoleBinding for the ServiceAccount")
                .leaf("rbac.rules", rules, "Rules of the Role (apiGroups, resources, verbs)");
    }

    private void metrics() {
        var m = spec.metrics();
        String port = m.enabled() && m.port() != 0 && spec.ports().stream().noneMatch(p -> p.containerPort() == m.port())
                ? "metrics"
                : spec.ports().stream().filter(p -> m.port() != 0 && p.containerPort() == m.port()).map(p -> camel(p.name()))
                        .findFirst().orElse(camel(servicePorts().get(0).name()));
        v.section("Metrics parameters")
                .leaf("metrics.enabled", m.enabled(), "The app serves Prometheus metrics; adds prometheus.io scrape annotations to the pods")
                .leaf("metrics.port", port, "Name of the Service port serving metrics")
                .leaf("metrics.path", m.path(), "HTTP path of the metrics")
                .leaf("metrics.serviceMonitor.enabled", m.enabled() && m.serviceMonitor(), "Create a Prometheus Operator ServiceMonitor")
                .leaf("metrics.serviceMonitor.namespace", "", "Namespace of the ServiceMonitor; empty for the release namespace")
                .leaf("metrics.serviceMonitor.interval", m.interval(), "Scrape interval")
                .leaf("metrics.serviceMonitor.scrapeTimeout", "", "Scrape timeout; empty for Prometheus' default")
                .leaf("metrics.serviceMonitor.labels", Map.of(), "Extra labels so Prometheus finds the ServiceMonitor")
                .leaf("metrics.serviceMonitor.honorLabels", false, "Keep the target's labels on conflicts");
    }

    private void tests() {
        v.section("Test parameters");
        image("tests.image", "docker.io", "library/busybox", "1.37.0", "", "IfNotPresent", "the helm test image");
    }

    // ---- derived data ----

    /** The spec's ports plus a metrics port when metrics are served on a port of their own. */
    List<Port> allPorts() {
        List<Port> ports = new ArrayList<>(spec.ports());
        var m = spec.metrics();
        if (spec.hasService() && m.enabled() && m.port() != 0 && ports.stream().noneMatch(p -> p.containerPort() == m.port())
                && ports.stream().noneMatch(p -> p.name().equals("metrics"))) {
            ports.add(Port.of("metrics", m.port()));
        }
        return ports;
    }

    private List<Port> servicePorts() {
        return allPorts().stream().filter(Port::exposed).toList();
    }

    private int revisionHistoryLimit(Tier tier) {
        return switch (tier) {
            case DEV -> 3;
            case STAGING -> 5;
            case PROD -> 10;
        };
    }

    private Map<String, Object> updateStrategy() {
        if (spec.workload() == Workload.DEPLOYMENT && spec.tier() == Tier.PROD) {
            return ordered("type", "RollingUpdate", "rollingUpdate", ordered("maxSurge", "25%", "maxUnavailable", 0));
        }
        return ordered("type", "RollingUpdate");
    }

    private List<Object> topologySpread() {
        if (spec.tier() != Tier.PROD || !spec.longRunning()) {
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

    private static Object intOrString(String s) {
        if (s.isEmpty()) {
            return "";
        }
        return s.endsWith("%") ? s : (Object) Integer.parseInt(s);
    }

    /** camelCase of a port name or secret key: {@code api-token} → {@code apiToken}. */
    static String camel(String s) {
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

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
