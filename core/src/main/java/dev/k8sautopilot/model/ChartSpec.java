package dev.k8sautopilot.model;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The structured description of a chart: what the planner produces and what the template generators
 * render. It can be written by hand in YAML or JSON (see {@code docs/chart-spec.md} and
 * {@link ChartSpecs#read(java.nio.file.Path)}); every field except {@code name} and {@code image} has a
 * documented default, applied here so that a minimal document is a complete spec.
 *
 * <pre>{@code
 * ChartSpec spec = ChartSpec.builder()
 *     .name("web")
 *     .image(Image.parse("nginx:1.27.3"))
 *     .ports(List.of(Port.of("http", 8080)))
 *     .replicas(3)
 *     .build();
 * }</pre>
 *
 * Instances are immutable and thread-safe; collections are copied.
 *
 * @param name chart name: a DNS label of at most 53 characters; also the directory name
 * @param description one-line description for Chart.yaml and README
 * @param chartVersion chart version, strict SemVer, default 0.1.0
 * @param appVersion application version, default the image tag
 * @param app catalog id of a well-known app (e.g. redis) this chart packages; empty for a custom app
 * @param metadata home, sources, icon, keywords, maintainers, licence
 * @param workload Deployment (default), StatefulSet, Job or CronJob
 * @param image the main container image (required)
 * @param command command override of the main container
 * @param args arguments of the main container
 * @param ports container ports; the first one is the main port
 * @param replicas replica count when autoscaling is off; 0 means the default 1
 * @param autoscaling HorizontalPodAutoscaler settings
 * @param service Service type and annotations
 * @param ingress Ingress or Traefik IngressRoute
 * @param persistence persistent storage
 * @param env plain environment variables
 * @param secretEnv environment variables taken from a Secret
 * @param existingSecret name of an existing Secret holding the secret env keys; empty = the chart creates one
 * @param configFiles configuration files mounted from a ConfigMap
 * @param resources CPU and memory
 * @param probes liveness, readiness and startup probes
 * @param security pod and container security settings
 * @param tier environment tier
 * @param podAntiAffinityPreset soft (default), hard or none
 * @param pdb PodDisruptionBudget
 * @param networkPolicy NetworkPolicy
 * @param namespace namespace override (namespaceOverride); empty = the release namespace
 * @param metrics Prometheus metrics and ServiceMonitor
 * @param initContainers init containers
 * @param sidecars sidecar containers
 * @param rbac rules of a namespaced Role for API access; empty = no Role
 * @param job Job / CronJob settings (used only for those workloads)
 * @param commonLabels labels added to every object
 * @param commonAnnotations annotations added to every object
 * @param daemonSet DaemonSet settings (used only for that workload)
 * @param httpRoute Gateway API HTTPRoute to an existing Gateway
 * @param companions companion services deployed as subcharts (an umbrella chart)
 */
public record ChartSpec(String name,
                        String description,
                        String chartVersion,
                        String appVersion,
                        String app,
                        ChartMetadata metadata,
                        Workload workload,
                        Image image,
                        List<String> command,
                        List<String> args,
                        List<Port> ports,
                        int replicas,
                        Autoscaling autoscaling,
                        ServiceSpec service,
                        IngressSpec ingress,
                        Persistence persistence,
                        List<EnvVar> env,
                        List<SecretEnv> secretEnv,
                        String existingSecret,
                        List<ConfigFile> configFiles,
                        Resources resources,
                        Probes probes,
                        SecuritySpec security,
                        Tier tier,
                        String podAntiAffinityPreset,
                        PdbSpec pdb,
                        NetworkPolicySpec networkPolicy,
                        String namespace,
                        Metrics metrics,
                        List<ExtraContainer> initContainers,
                        List<ExtraContainer> sidecars,
                        List<RbacRule> rbac,
                        JobSpec job,
                        Map<String, String> commonLabels,
                        Map<String, String> commonAnnotations,
                        DaemonSetSpec daemonSet,
                        HttpRouteSpec httpRoute,
                        List<Companion> companions) {

    public ChartSpec {
        Checks.dnsLabel("name", name, 53);
        description = Checks.orDefault(description, "A Helm chart for " + name + " on Kubernetes");
        Checks.noControlChars("description", description);
        description = description.replace('\n', ' ').replace('\r', ' ');
        chartVersion = Checks.orDefault(chartVersion, "0.1.0");
        if (!Checks.SEMVER.matcher(chartVersion).matches()) {
            throw new SpecException("chartVersion", "'" + Checks.printable(chartVersion) + "' is not a strict SemVer version",
                    "write it like 0.1.0");
        }
        if (image == null) {
            throw new SpecException("image", "is required", "give the image, e.g. image: {repository: nginx, tag: 1.27.3}");
        }
        appVersion = Checks.orDefault(appVersion, image.tag().isEmpty() ? chartVersion : image.tag());
        if (appVersion.length() > 64 || !appVersion.matches("^[A-Za-z0-9][A-Za-z0-9._+-]*$")) {
            throw new SpecException("appVersion", "'" + Checks.printable(appVersion) + "' is not a version string",
                    "use letters, digits, '.', '-', '+' and '_', e.g. 1.27.3");
        }
        app = app == null ? "" : app.strip().toLowerCase(Locale.ROOT);
        metadata = metadata == null ? ChartMetadata.defaults() : metadata;
        workload = workload == null ? Workload.DEPLOYMENT : workload;
        command = Checks.list(command);
        args = Checks.list(args);
        ports = Checks.list(ports);
        if (replicas == 0) {
            replicas = 1;
        }
        Checks.range("replicas", replicas, 1, 1000);
        autoscaling = autoscaling == null ? Autoscaling.disabled() : autoscaling;
        service = service == null ? ServiceSpec.defaults() : service;
        ingress = ingress == null ? IngressSpec.disabled() : ingress;
        persistence = persistence == null ? Persistence.disabled() : persistence;
        env = Checks.list(env);
        secretEnv = Checks.list(secretEnv);
        existingSecret = existingSecret == null ? "" : existingSecret.strip();
        if (!existingSecret.isEmpty()) {
            Checks.dnsSubdomain("existingSecret", existingSecret);
        }
        configFiles = Checks.list(configFiles);
        resources = resources == null ? Resources.preset(ResourcesPreset.SMALL) : resources;
        // Without ports a network probe has nothing to check: a spec that leaves probes out gets none.
        probes = probes == null ? (ports.isEmpty() ? new Probes(Probe.disabled(), Probe.disabled(), null) : Probes.defaults()) : probes;
        security = security == null ? SecuritySpec.defaults() : security;
        tier = tier == null ? Tier.DEV : tier;
        podAntiAffinityPreset = Checks.orDefault(podAntiAffinityPreset, "soft").toLowerCase(Locale.ROOT);
        if (!podAntiAffinityPreset.matches("^(soft|hard|none)$")) {
            throw new SpecException("podAntiAffinityPreset", "'" + Checks.printable(podAntiAffinityPreset) + "' is not a preset",
                    "use soft, hard or none");
        }
        pdb = pdb == null ? PdbSpec.disabled() : pdb;
        networkPolicy = networkPolicy == null ? NetworkPolicySpec.disabled() : networkPolicy;
        namespace = namespace == null ? "" : namespace.strip();
        if (!namespace.isEmpty()) {
            Checks.dnsLabel("namespace", namespace, 63);
        }
        metrics = metrics == null ? Metrics.disabled() : metrics;
        initContainers = Checks.list(initContainers);
        sidecars = Checks.list(sidecars);
        rbac = Checks.list(rbac);
        job = job == null ? JobSpec.defaults() : job;
        commonLabels = Checks.map(commonLabels);
        commonAnnotations = Checks.map(commonAnnotations);
        daemonSet = daemonSet == null ? DaemonSetSpec.defaults() : daemonSet;
        httpRoute = httpRoute == null ? HttpRouteSpec.disabled() : httpRoute;
        companions = Checks.list(companions);
        SliceChecks.check(name, workload, ports, env, secretEnv, autoscaling, daemonSet, httpRoute, companions);
        crossCheck(workload, ports, env, secretEnv, configFiles, probes, ingress, initContainers, sidecars, commonLabels);
        if (persistence.enabled() && !persistence.existingClaim().isEmpty() && persistence.accessMode() == AccessMode.READ_WRITE_ONCE
                && replicas > 1) {
            // The chart's values check refuses this too: the pods of other nodes could never mount the claim.
            throw new SpecException("persistence.existingClaim", "one ReadWriteOnce claim cannot be shared by " + replicas + " replicas",
                    "use replicas: 1, or accessMode ReadWriteMany, or let the chart create the claim");
        }
    }

    private static void crossCheck(Workload workload, List<Port> ports, List<EnvVar> env, List<SecretEnv> secretEnv,
                                   List<ConfigFile> configFiles, Probes probes, IngressSpec ingress,
                                   List<ExtraContainer> initContainers, List<ExtraContainer> sidecars,
                                   Map<String, String> commonLabels) {
        Set<String> portNames = new HashSet<>();
        Set<Integer> portNumbers = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            Port p = ports.get(i);
            if (!portNames.add(p.name())) {
                throw new SpecException("ports[" + i + "].name", "'" + p.name() + "' is used twice", "give each port its own name");
            }
            if (!portNumbers.add(p.containerPort())) {
                throw new SpecException("ports[" + i + "].containerPort", p.containerPort() + " is used twice", "give each port its own number");
            }
        }
        Set<String> envNames = new HashSet<>();
        for (int i = 0; i < env.size(); i++) {
            if (!envNames.add(env.get(i).name())) {
                throw new SpecException("env[" + i + "].name", "'" + env.get(i).name() + "' is set twice", "keep one entry per variable");
            }
        }
        for (int i = 0; i < secretEnv.size(); i++) {
            if (!envNames.add(secretEnv.get(i).name())) {
                throw new SpecException("secretEnv[" + i + "].name", "'" + secretEnv.get(i).name() + "' is also a plain env var or set twice",
                        "keep one entry per variable");
            }
        }
        Set<String> files = new HashSet<>();
        for (int i = 0; i < configFiles.size(); i++) {
            if (!files.add(configFiles.get(i).fileName())) {
                throw new SpecException("configFiles[" + i + "].fileName", "'" + configFiles.get(i).fileName() + "' is used twice",
                        "give each file its own name");
            }
        }
        boolean longRunning = workload == Workload.DEPLOYMENT || workload == Workload.STATEFULSET || workload == Workload.DAEMONSET;
        String[] probeNames = {"liveness", "readiness", "startup"};
        Probe[] all = {probes.liveness(), probes.readiness(), probes.startup()};
        for (int i = 0; i < all.length; i++) {
            Probe pr = all[i];
            if (!longRunning || !pr.enabled() || pr.type() == ProbeType.EXEC) {
                continue;
            }
            if (ports.isEmpty()) {
                throw new SpecException("probes." + probeNames[i], "a " + pr.type() + " probe needs a container port, and there is none",
                        "add a port, or use an exec probe");
            }
            if (!pr.port().isEmpty() && !portNames.contains(pr.port())) {
                throw new SpecException("probes." + probeNames[i] + ".port", "'" + pr.port() + "' names no container port",
                        "use one of " + portNames);
            }
        }
        if (ingress.enabled() && ports.stream().noneMatch(Port::exposed)) {
            throw new SpecException("ingress", "is enabled but no port is exposed by the Service", "add a port for the ingress to route to");
        }
        Set<String> containerNames = new HashSet<>();
        for (int i = 0; i < initContainers.size(); i++) {
            if (!containerNames.add(initContainers.get(i).name())) {
                throw new SpecException("initContainers[" + i + "].name", "'" + initContainers.get(i).name() + "' is used twice",
                        "give each container its own name");
            }
        }
        for (int i = 0; i < sidecars.size(); i++) {
            if (!containerNames.add(sidecars.get(i).name())) {
                throw new SpecException("sidecars[" + i + "].name", "'" + sidecars.get(i).name() + "' is used twice",
                        "give each container its own name");
            }
        }
        commonLabels.forEach((k, v) -> {
            if (!k.matches("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")) {
                throw new SpecException("commonLabels", "'" + Checks.printable(k) + "' is not a valid label key",
                        "use keys such as team or app.kubernetes.io/part-of");
            }
            if (v.length() > 63 || !v.matches("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")) {
                throw new SpecException("commonLabels." + k, "'" + Checks.printable(v) + "' is not a valid label value",
                        "use at most 63 letters, digits, '-', '_' and '.'");
            }
        });
    }

    /** A new builder; only {@code name} and {@code image} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to derive a modified copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.description = description;
        b.chartVersion = chartVersion;
        b.appVersion = appVersion;
        b.app = app;
        b.metadata = metadata;
        b.workload = workload;
        b.image = image;
        b.command = command;
        b.args = args;
        b.ports = ports;
        b.replicas = replicas;
        b.autoscaling = autoscaling;
        b.service = service;
        b.ingress = ingress;
        b.persistence = persistence;
        b.env = env;
        b.secretEnv = secretEnv;
        b.existingSecret = existingSecret;
        b.configFiles = configFiles;
        b.resources = resources;
        b.probes = probes;
        b.security = security;
        b.tier = tier;
        b.podAntiAffinityPreset = podAntiAffinityPreset;
        b.pdb = pdb;
        b.networkPolicy = networkPolicy;
        b.namespace = namespace;
        b.metrics = metrics;
        b.initContainers = initContainers;
        b.sidecars = sidecars;
        b.rbac = rbac;
        b.job = job;
        b.commonLabels = commonLabels;
        b.commonAnnotations = commonAnnotations;
        b.daemonSet = daemonSet;
        b.httpRoute = httpRoute;
        b.companions = companions;
        return b;
    }

    /** The main (first) port, if any. */
    public Optional<Port> mainPort() {
        return ports.isEmpty() ? Optional.empty() : Optional.of(ports.get(0));
    }

    /** True for Deployment, StatefulSet and DaemonSet, which run until stopped and need probes. */
    public boolean longRunning() {
        return workload == Workload.DEPLOYMENT || workload == Workload.STATEFULSET || workload == Workload.DAEMONSET;
    }

    /** True for Deployment and StatefulSet, whose replica count is set (and scaled) by the chart. */
    public boolean replicated() {
        return workload == Workload.DEPLOYMENT || workload == Workload.STATEFULSET;
    }

    /** Whether the chart has a Service (long-running with at least one exposed port). */
    public boolean hasService() {
        return longRunning() && ports.stream().anyMatch(Port::exposed);
    }

    /** Builder for {@link ChartSpec}; not thread-safe, validated on {@link #build()}. */
    public static final class Builder {
        private String name;
        private String description;
        private String chartVersion;
        private String appVersion;
        private String app;
        private ChartMetadata metadata;
        private Workload workload;
        private Image image;
        private List<String> command;
        private List<String> args;
        private List<Port> ports;
        private int replicas;
        private Autoscaling autoscaling;
        private ServiceSpec service;
        private IngressSpec ingress;
        private Persistence persistence;
        private List<EnvVar> env;
        private List<SecretEnv> secretEnv;
        private String existingSecret;
        private List<ConfigFile> configFiles;
        private Resources resources;
        private Probes probes;
        private SecuritySpec security;
        private Tier tier;
        private String podAntiAffinityPreset;
        private PdbSpec pdb;
        private NetworkPolicySpec networkPolicy;
        private String namespace;
        private Metrics metrics;
        private List<ExtraContainer> initContainers;
        private List<ExtraContainer> sidecars;
        private List<RbacRule> rbac;
        private JobSpec job;
        private Map<String, String> commonLabels;
        private Map<String, String> commonAnnotations;
        private DaemonSetSpec daemonSet;
        private HttpRouteSpec httpRoute;
        private List<Companion> companions;

        private Builder() {
        }

        /** Sets {@code name}: chart name: a DNS label of at most 53 characters; also the directory name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code description}: one-line description for Chart.yaml and README. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Sets {@code chartVersion}: chart version, strict SemVer, default 0.1.0. */
        public Builder chartVersion(String chartVersion) {
            this.chartVersion = chartVersion;
            return this;
        }

        /** Sets {@code appVersion}: application version, default the image tag. */
        public Builder appVersion(String appVersion) {
            this.appVersion = appVersion;
            return this;
        }

        /** Sets {@code app}: catalog id of a well-known app (e.g. redis) this chart packages; empty for a custom app. */
        public Builder app(String app) {
            this.app = app;
            return this;
        }

        /** Sets {@code metadata}: home, sources, icon, keywords, maintainers, licence. */
        public Builder metadata(ChartMetadata metadata) {
            this.metadata = metadata;
            return this;
        }

        /** Sets {@code workload}: Deployment (default), StatefulSet, Job or CronJob. */
        public Builder workload(Workload workload) {
            this.workload = workload;
            return this;
        }

        /** Sets {@code image}: the main container image (required). */
        public Builder image(Image image) {
            this.image = image;
            return this;
        }

        /** Sets {@code command}: command override of the main container. */
        public Builder command(List<String> command) {
            this.command = command;
            return this;
        }

        /** Sets {@code args}: arguments of the main container. */
        public Builder args(List<String> args) {
            this.args = args;
            return this;
        }

        /** Sets {@code ports}: container ports; the first one is the main port. */
        public Builder ports(List<Port> ports) {
            this.ports = ports;
            return this;
        }

        /** Sets {@code replicas}: replica count when autoscaling is off; 0 means the default 1. */
        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        /** Sets {@code autoscaling}: HorizontalPodAutoscaler settings. */
        public Builder autoscaling(Autoscaling autoscaling) {
            this.autoscaling = autoscaling;
            return this;
        }

        /** Sets {@code service}: Service type and annotations. */
        public Builder service(ServiceSpec service) {
            this.service = service;
            return this;
        }

        /** Sets {@code ingress}: Ingress or Traefik IngressRoute. */
        public Builder ingress(IngressSpec ingress) {
            this.ingress = ingress;
            return this;
        }

        /** Sets {@code persistence}: persistent storage. */
        public Builder persistence(Persistence persistence) {
            this.persistence = persistence;
            return this;
        }

        /** Sets {@code env}: plain environment variables. */
        public Builder env(List<EnvVar> env) {
            this.env = env;
            return this;
        }

        /** Sets {@code secretEnv}: environment variables taken from a Secret. */
        public Builder secretEnv(List<SecretEnv> secretEnv) {
            this.secretEnv = secretEnv;
            return this;
        }

        /** Sets {@code existingSecret}: name of an existing Secret holding the secret env keys; empty = the chart creates one. */
        public Builder existingSecret(String existingSecret) {
            this.existingSecret = existingSecret;
            return this;
        }

        /** Sets {@code configFiles}: configuration files mounted from a ConfigMap. */
        public Builder configFiles(List<ConfigFile> configFiles) {
            this.configFiles = configFiles;
            return this;
        }

        /** Sets {@code resources}: CPU and memory. */
        public Builder resources(Resources resources) {
            this.resources = resources;
            return this;
        }

        /** Sets {@code probes}: liveness, readiness and startup probes. */
        public Builder probes(Probes probes) {
            this.probes = probes;
            return this;
        }

        /** Sets {@code security}: pod and container security settings. */
        public Builder security(SecuritySpec security) {
            this.security = security;
            return this;
        }

        /** Sets {@code tier}: environment tier. */
        public Builder tier(Tier tier) {
            this.tier = tier;
            return this;
        }

        /** Sets {@code podAntiAffinityPreset}: soft (default), hard or none. */
        public Builder podAntiAffinityPreset(String podAntiAffinityPreset) {
            this.podAntiAffinityPreset = podAntiAffinityPreset;
            return this;
        }

        /** Sets {@code pdb}: PodDisruptionBudget. */
        public Builder pdb(PdbSpec pdb) {
            this.pdb = pdb;
            return this;
        }

        /** Sets {@code networkPolicy}: NetworkPolicy. */
        public Builder networkPolicy(NetworkPolicySpec networkPolicy) {
            this.networkPolicy = networkPolicy;
            return this;
        }

        /** Sets {@code namespace}: namespace override (namespaceOverride); empty = the release namespace. */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Sets {@code metrics}: Prometheus metrics and ServiceMonitor. */
        public Builder metrics(Metrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Sets {@code initContainers}: init containers. */
        public Builder initContainers(List<ExtraContainer> initContainers) {
            this.initContainers = initContainers;
            return this;
        }

        /** Sets {@code sidecars}: sidecar containers. */
        public Builder sidecars(List<ExtraContainer> sidecars) {
            this.sidecars = sidecars;
            return this;
        }

        /** Sets {@code rbac}: rules of a namespaced Role for API access; empty = no Role. */
        public Builder rbac(List<RbacRule> rbac) {
            this.rbac = rbac;
            return this;
        }

        /** Sets {@code job}: Job / CronJob settings (used only for those workloads). */
        public Builder job(JobSpec job) {
            this.job = job;
            return this;
        }

        /** Sets {@code commonLabels}: labels added to every object. */
        public Builder commonLabels(Map<String, String> commonLabels) {
            this.commonLabels = commonLabels;
            return this;
        }

        /** Sets {@code commonAnnotations}: annotations added to every object. */
        public Builder commonAnnotations(Map<String, String> commonAnnotations) {
            this.commonAnnotations = commonAnnotations;
            return this;
        }

        /** Sets {@code daemonSet}: DaemonSet settings (used only for that workload). */
        public Builder daemonSet(DaemonSetSpec daemonSet) {
            this.daemonSet = daemonSet;
            return this;
        }

        /** Sets {@code httpRoute}: Gateway API HTTPRoute to an existing Gateway. */
        public Builder httpRoute(HttpRouteSpec httpRoute) {
            this.httpRoute = httpRoute;
            return this;
        }

        /** Sets {@code companions}: companion services deployed as subcharts (an umbrella chart). */
        public Builder companions(List<Companion> companions) {
            this.companions = companions;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @throws SpecException naming the first invalid field
         */
        public ChartSpec build() {
            return new ChartSpec(name, description, chartVersion, appVersion, app, metadata, workload, image, command, args, ports, replicas, autoscaling, service, ingress, persistence, env, secretEnv, existingSecret, configFiles, resources, probes, security, tier, podAntiAffinityPreset, pdb, networkPolicy, namespace, metrics, initContainers, sidecars, rbac, job, commonLabels, commonAnnotations, daemonSet, httpRoute, companions);
        }
    }
}
