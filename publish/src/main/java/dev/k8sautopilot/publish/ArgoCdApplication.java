package dev.k8sautopilot.publish;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Tier;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Argo CD {@code Application} (and optionally its own {@code AppProject}) that delivers a chart from a Git
 * repository or from the OCI registry it was pushed to. The sync policy follows the chart's tier: {@code prod}
 * syncs only when someone presses sync (manual), {@code staging} syncs automatically and self-heals but never
 * prunes, {@code dev} syncs automatically with prune and self-heal.
 *
 * <pre>{@code
 * ArgoCdApplication app = ArgoCdApplication.builder("web", "0.1.0")
 *     .oci(OciReference.parse("oci://registry.example.com/charts"))
 *     .tier(Tier.PROD)
 *     .destinationNamespace("shop")
 *     .ownProject(true)
 *     .build();
 * Files.writeString(dir.resolve("web-application.yaml"), app.applicationYaml());
 * }</pre>
 *
 * Instances are immutable and thread-safe.
 */
public final class ArgoCdApplication {

    /** The API version of Argo CD's {@code Application} and {@code AppProject}. */
    public static final String API_VERSION = "argoproj.io/v1alpha1";
    /** The in-cluster API server, Argo CD's default destination. */
    public static final String IN_CLUSTER = "https://kubernetes.default.svc";
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private final String chartName;
    private final String chartVersion;
    private final Optional<OciReference> oci;
    private final Optional<String> gitRepo;
    private final String gitPath;
    private final String gitRevision;
    private final Tier tier;
    private final String argoNamespace;
    private final String destinationServer;
    private final String destinationNamespace;
    private final boolean ownProject;
    private final String project;

    private ArgoCdApplication(Builder b) {
        this.chartName = b.chartName;
        this.chartVersion = b.chartVersion;
        this.oci = Optional.ofNullable(b.oci);
        this.gitRepo = Optional.ofNullable(b.gitRepo);
        this.gitPath = b.gitPath == null ? "charts/" + b.chartName : b.gitPath;
        this.gitRevision = b.gitRevision;
        this.tier = b.tier;
        this.argoNamespace = b.argoNamespace;
        this.destinationServer = b.destinationServer;
        this.destinationNamespace = b.destinationNamespace == null ? b.chartName : b.destinationNamespace;
        this.ownProject = b.ownProject;
        this.project = b.ownProject ? b.chartName : b.project;
    }

    /**
     * A builder for a chart name and version.
     *
     * @param chartName    the chart name (also the Application and release name)
     * @param chartVersion the chart version (the OCI tag, or informational for Git)
     * @return a new builder
     */
    public static Builder builder(String chartName, String chartVersion) {
        return new Builder(chartName, chartVersion);
    }

    /**
     * A builder prefilled from a chart spec: name, version, tier and namespace override.
     *
     * @param spec the spec the chart was generated from
     * @return a new builder
     */
    public static Builder builder(ChartSpec spec) {
        Builder b = new Builder(spec.name(), spec.chartVersion()).tier(spec.tier());
        if (!spec.namespace().isEmpty()) {
            b.destinationNamespace(spec.namespace());
        }
        return b;
    }

    /**
     * The project the Application belongs to.
     *
     * @return {@code default}, or the chart name when the chart gets its own AppProject
     */
    public String project() {
        return project;
    }

    /**
     * The file name the CLI writes the Application to.
     *
     * @return {@code NAME-application.yaml}
     */
    public String applicationFileName() {
        return chartName + "-application.yaml";
    }

    /**
     * The file name the CLI writes the AppProject to, when there is one.
     *
     * @return {@code NAME-appproject.yaml}, or empty when the Application uses an existing project
     */
    public Optional<String> projectFileName() {
        return ownProject ? Optional.of(chartName + "-appproject.yaml") : Optional.empty();
    }

    /**
     * The Application manifest.
     *
     * @return one YAML document
     */
    public String applicationYaml() {
        return header() + Yaml.dump(application());
    }

    /**
     * The AppProject manifest, when the chart gets its own project.
     *
     * @return one YAML document, or empty
     */
    public Optional<String> projectYaml() {
        return ownProject ? Optional.of(header() + Yaml.dump(appProject())) : Optional.empty();
    }

    /**
     * Both manifests as files.
     *
     * @return file name → YAML, the Application first
     */
    public Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(applicationFileName(), applicationYaml());
        projectYaml().ifPresent(y -> out.put(projectFileName().orElseThrow(), y));
        return out;
    }

    private String header() {
        return "# Argo CD " + (oci.isPresent() ? "delivery of chart " + chartName + " " + chartVersion + " from " + oci.get().uri()
                : "delivery of chart " + chartName + " from " + gitRepo.orElse("") + " (" + gitPath + " at " + gitRevision + ")")
                + "\n# Sync policy for the " + tier.wire() + " tier: " + switch (tier) {
                    case PROD -> "manual sync (press Sync, or argocd app sync " + chartName + ")";
                    case STAGING -> "automated with self-heal, never prunes";
                    case DEV -> "automated with prune and self-heal";
                } + "\n";
    }

    private Map<String, Object> application() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", chartName);
        metadata.put("namespace", argoNamespace);
        metadata.put("labels", Map.of("app.kubernetes.io/name", chartName, "app.kubernetes.io/managed-by", "k8s-autopilot"));
        if (tier == Tier.DEV) {
            // dev: deleting the Application removes what it deployed; prod and staging keep the resources.
            metadata.put("finalizers", List.of("resources-finalizer.argocd.argoproj.io"));
        }
        Map<String, Object> source = new LinkedHashMap<>();
        if (oci.isPresent()) {
            source.put("repoURL", oci.get().host() + (oci.get().repository().isEmpty() ? "" : "/" + oci.get().repository()));
            source.put("chart", chartName);
            source.put("targetRevision", chartVersion);
        } else {
            source.put("repoURL", gitRepo.orElseThrow());
            source.put("path", gitPath);
            source.put("targetRevision", gitRevision);
        }
        source.put("helm", Map.of("releaseName", chartName));
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("server", destinationServer);
        destination.put("namespace", destinationNamespace);
        Map<String, Object> sync = new LinkedHashMap<>();
        if (tier != Tier.PROD) {
            Map<String, Object> automated = new LinkedHashMap<>();
            automated.put("prune", tier == Tier.DEV);
            automated.put("selfHeal", true);
            sync.put("automated", automated);
            sync.put("retry", Map.of("limit", 5, "backoff", Map.of("duration", "10s", "factor", 2, "maxDuration", "3m")));
        }
        sync.put("syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", project);
        spec.put("source", source);
        spec.put("destination", destination);
        spec.put("syncPolicy", sync);
        spec.put("revisionHistoryLimit", 10);
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("apiVersion", API_VERSION);
        app.put("kind", "Application");
        app.put("metadata", metadata);
        app.put("spec", spec);
        return app;
    }

    private Map<String, Object> appProject() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", project);
        metadata.put("namespace", argoNamespace);
        metadata.put("labels", Map.of("app.kubernetes.io/name", chartName, "app.kubernetes.io/managed-by", "k8s-autopilot"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("description", "Delivery of the " + chartName + " chart (generated by k8s-autopilot)");
        spec.put("sourceRepos", List.of(oci.map(o -> o.host() + (o.repository().isEmpty() ? "" : "/" + o.repository())).orElseGet(gitRepo::orElseThrow)));
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("server", destinationServer);
        destination.put("namespace", destinationNamespace);
        spec.put("destinations", List.of(destination));
        // The generated charts render only namespaced objects; cluster-scoped ones stay forbidden, except the
        // Namespace that CreateNamespace=true creates.
        spec.put("clusterResourceWhitelist", List.of(Map.of("group", "", "kind", "Namespace")));
        spec.put("namespaceResourceBlacklist", List.of(
                Map.of("group", "", "kind", "ResourceQuota"),
                Map.of("group", "", "kind", "LimitRange")));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("apiVersion", API_VERSION);
        p.put("kind", "AppProject");
        p.put("metadata", metadata);
        p.put("spec", spec);
        return p;
    }

    /** Builds an {@link ArgoCdApplication}. Give exactly one source: {@link #oci} or {@link #git}. */
    public static final class Builder {
        private final String chartName;
        private final String chartVersion;
        private OciReference oci;
        private String gitRepo;
        private String gitPath;
        private String gitRevision = "HEAD";
        private Tier tier = Tier.DEV;
        private String argoNamespace = "argocd";
        private String destinationServer = IN_CLUSTER;
        private String destinationNamespace;
        private boolean ownProject;
        private String project = "default";

        private Builder(String chartName, String chartVersion) {
            this.chartName = Objects.requireNonNull(chartName, "chartName");
            this.chartVersion = Objects.requireNonNull(chartVersion, "chartVersion");
        }

        /**
         * Delivers the chart from the OCI registry it is pushed to.
         *
         * @param remote the remote given to push, e.g. {@code oci://registry.example.com/charts}
         * @return this builder
         */
        public Builder oci(OciReference remote) {
            this.oci = remote;
            return this;
        }

        /**
         * Delivers the chart from a Git repository.
         *
         * @param repoUrl  the repository URL (https://, ssh:// or git@host:path)
         * @param path     the chart directory inside the repository; null for {@code charts/NAME}
         * @param revision branch, tag or commit; null for {@code HEAD}
         * @return this builder
         */
        public Builder git(String repoUrl, String path, String revision) {
            this.gitRepo = repoUrl;
            this.gitPath = path;
            this.gitRevision = revision == null || revision.isBlank() ? "HEAD" : revision.strip();
            return this;
        }

        /**
         * The tier, which chooses the sync policy (default dev).
         *
         * @param tier the tier
         * @return this builder
         */
        public Builder tier(Tier tier) {
            this.tier = Objects.requireNonNull(tier, "tier");
            return this;
        }

        /**
         * The namespace Argo CD runs in (default {@code argocd}).
         *
         * @param namespace a namespace name
         * @return this builder
         */
        public Builder argoNamespace(String namespace) {
            this.argoNamespace = namespace;
            return this;
        }

        /**
         * The cluster to deploy to (default the in-cluster API server).
         *
         * @param server an https:// API server URL
         * @return this builder
         */
        public Builder destinationServer(String server) {
            this.destinationServer = server;
            return this;
        }

        /**
         * The namespace to deploy into (default the chart name).
         *
         * @param namespace a namespace name
         * @return this builder
         */
        public Builder destinationNamespace(String namespace) {
            this.destinationNamespace = namespace;
            return this;
        }

        /**
         * Gives the chart an AppProject of its own, limited to its source and destination namespace.
         *
         * @param ownProject whether to write an AppProject named like the chart
         * @return this builder
         */
        public Builder ownProject(boolean ownProject) {
            this.ownProject = ownProject;
            return this;
        }

        /**
         * An existing project to use (default {@code default}); ignored with {@link #ownProject(boolean)}.
         *
         * @param project the project name
         * @return this builder
         */
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /**
         * The manifests.
         *
         * @return an immutable application
         * @throws PublishException naming the field when a value is invalid
         */
        public ArgoCdApplication build() {
            label("chart name", chartName);
            label("argocd namespace", argoNamespace);
            label("destination namespace", destinationNamespace == null ? chartName : destinationNamespace);
            if (!ownProject) {
                subdomain("project", project);
            }
            if ((oci == null) == (gitRepo == null)) {
                throw new PublishException("an Argo CD Application needs exactly one source, " + (oci == null ? "none" : "both") + " given",
                        "give either the Git repository (--argocd-repo) or the OCI registry (--argocd-oci)");
            }
            if (gitRepo != null) {
                String r = gitRepo.strip();
                if (!(r.startsWith("https://") || r.startsWith("ssh://") || r.startsWith("http://") || r.matches("^[\\w.-]+@[\\w.-]+:.+$"))) {
                    throw new PublishException("Git repository '" + r.replaceAll("\\p{Cntrl}", "?") + "' is not a repository URL",
                            "write it like https://github.com/acme/deploy.git or git@github.com:acme/deploy.git");
                }
                gitRepo = r;
                if (gitPath != null && (gitPath.startsWith("/") || List.of(gitPath.split("/")).contains(".."))) {
                    throw new PublishException("Git path '" + gitPath + "' must be relative inside the repository", "write it like charts/" + chartName);
                }
            }
            try {
                URI server = URI.create(destinationServer);
                if (!"https".equals(server.getScheme()) || server.getHost() == null) {
                    throw new IllegalArgumentException("not https");
                }
            } catch (IllegalArgumentException e) {
                throw new PublishException("destination server '" + destinationServer + "' is not an https:// API server URL",
                        "leave it out for the in-cluster server " + IN_CLUSTER);
            }
            if (chartVersion.isBlank()) {
                throw new PublishException("chart version is empty", "give the chart's version from Chart.yaml");
            }
            return new ArgoCdApplication(this);
        }

        private static void label(String field, String value) {
            if (value == null || value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
                throw new PublishException(field + " '" + String.valueOf(value).toLowerCase(Locale.ROOT).replaceAll("\\p{Cntrl}", "?")
                        + "' is not a DNS label", "use lowercase letters, digits and '-', at most 63 characters");
            }
        }

        private static void subdomain(String field, String value) {
            if (value == null || value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
                throw new PublishException(field + " '" + value + "' is not a valid name", "use lowercase letters, digits, '-' and '.'");
            }
        }
    }
}
