package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.AccessMode;
import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Dependency;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.IntentField;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.ProbeType;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.ResourcesPreset;
import dev.k8sautopilot.model.ServiceType;
import dev.k8sautopilot.model.Sourced;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Tier;
import dev.k8sautopilot.model.ValueSource;
import dev.k8sautopilot.model.Workload;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One resolution of a {@link ChartIntent} (see {@link Resolver}): completes it with the catalog and the
 * tier/HA/sizing rules into a {@link ChartPlan}, recording every decision with its reason and source, or
 * returns the questions that must be answered first. Reads the intent through typed {@link IntentField}s
 * and assembles the resolved spec document that {@link ChartSpecs#fromMap} validates. One instance per
 * planning call; not thread-safe.
 */
final class Resolution {

    private static final Map<ResourcesPreset, String[]> PRESETS = Map.of(
            ResourcesPreset.NANO, new String[] {"100m", "128Mi", "192Mi"},
            ResourcesPreset.MICRO, new String[] {"250m", "256Mi", "384Mi"},
            ResourcesPreset.SMALL, new String[] {"500m", "512Mi", "768Mi"},
            ResourcesPreset.MEDIUM, new String[] {"500m", "1024Mi", "1536Mi"},
            ResourcesPreset.LARGE, new String[] {"1", "2048Mi", "3072Mi"},
            ResourcesPreset.XLARGE, new String[] {"1", "3072Mi", "6144Mi"},
            ResourcesPreset.XXLARGE, new String[] {"1", "3072Mi", "12288Mi"});

    private final AppCatalog catalog;
    private final ChartIntent intent;
    private final List<PlanDecision> decisions = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Question> questions = new ArrayList<>();

    Resolution(AppCatalog catalog, ChartIntent intent) {
        this.catalog = catalog;
        this.intent = intent;
    }

    PlanOutcome run(String plannerId) {
        warnings.addAll(intent.warnings());
        questions.addAll(intent.questions());
        Map<String, Object> out = intent.toDocument();
        out.remove("service");

        AppEntry app = resolveApp();
        AppEntry runtime = intent.value(IntentField.RUNTIME).flatMap(catalog::find).orElse(null);
        if (app != null && app.runtime()) {
            runtime = app;
            app = null;
        }
        AppEntry defaults = app != null ? app : runtime;
        Image image = resolveImage(app, runtime);
        if (image == null || questions.stream().anyMatch(q -> q.priority() == Priority.CRITICAL) || !questions.isEmpty()) {
            return new PlanOutcome.NeedsInput(sortQuestions(), partialSummary(app, runtime, image));
        }
        boolean catalogImage = app != null && (image.repository().equals(app.image().repository())
                || (!app.officialImage().isEmpty() && Image.parse(app.officialImage() + ":1").repository().equals(image.repository())));
        out.put("image", imageMap(image, out.get("image")));
        if (app != null) {
            out.put("app", app.id());
        }
        String name = name(app, image);
        out.put("name", name);

        Workload explicitWorkload = intent.value(IntentField.WORKLOAD).orElse(null);
        boolean longRunning = explicitWorkload == null || explicitWorkload == Workload.DEPLOYMENT || explicitWorkload == Workload.STATEFULSET
                || explicitWorkload == Workload.DAEMONSET;
        List<Map<String, Object>> ports = ports(defaults, longRunning);
        out.put("ports", ports);

        Tier tier = tier();
        out.put("tier", tier.wire());
        boolean ha = intent.value(IntentField.HIGH_AVAILABILITY).orElse(false)
                || "hard".equals(intent.value(IntentField.POD_ANTI_AFFINITY_PRESET).orElse(""));

        // persistence and workload kind
        boolean persistence = persistence(app, out);
        int explicitReplicas = intent.value(IntentField.REPLICAS).orElse(0);
        if (intent.has(IntentField.REPLICAS) && (explicitReplicas < 1 || explicitReplicas > 1000)) {
            throw new SpecException("spec.replicas", explicitReplicas + " is out of range", "use a value between 1 and 1000");
        }
        Workload workload = workload(explicitWorkload, app, persistence, explicitReplicas);
        out.put("workload", workload.wire());
        boolean scalable = app == null || app.scalable();

        // replicas and scaling
        int replicas = replicas(explicitReplicas, tier, ha, scalable, app, workload);
        out.put("replicas", replicas);
        Map<String, Object> autoscaling = autoscaling(replicas, explicitReplicas, tier, ha, scalable, app, workload);
        out.put("autoscaling", autoscaling);
        boolean hpa = Boolean.TRUE.equals(autoscaling.get("enabled"));
        if (persistence && workload == Workload.DEPLOYMENT && (replicas > 1 || hpa)
                && intent.value(IntentField.PERSISTENCE_ACCESS_MODE).orElse(null) != AccessMode.READ_WRITE_MANY) {
            warnings.add("a Deployment with " + (hpa ? "autoscaling" : replicas + " replicas") + " shares one ReadWriteOnce volume; "
                    + "pods on other nodes cannot mount it — use ReadWriteMany storage or a StatefulSet");
        }

        resources(out, tier, app, runtime);
        probes(out, defaults, ports, longRunning);
        security(out, app, runtime, catalogImage, image);
        env(out, app);
        if (app != null && catalogImage) {
            if (!intent.has(IntentField.COMMAND) && !app.command().isEmpty()) {
                out.put("command", app.command());
            }
            if (!intent.has(IntentField.ARGS) && !app.args().isEmpty()) {
                out.put("args", app.args());
            }
        } else if (app != null) {
            warnings.add("the catalog defaults for " + app.name() + " (ports, user, paths) assume " + app.image().repository()
                    + "; check them for " + image.repository());
        }
        ingress(out, ports);
        service(out);
        reliability(out, tier, ha, replicas, autoscaling, workload, scalable, longRunning);
        metrics(out, app, ports);
        metadata(out, app, runtime, image);
        for (String other : intent.value(IntentField.OTHER_APPS).orElse(List.of())) {
            warnings.add(other + " is mentioned too; this chart packages " + (app != null ? app.name() : name)
                    + " only — deploy " + other + " as its own chart and point the app at its Service");
        }
        dependencies(app != null ? app.name() : name);
        if (app != null && !app.notes().isEmpty()) {
            warnings.add(app.name() + ": " + app.notes());
        }
        if (!questions.isEmpty()) {
            return new PlanOutcome.NeedsInput(sortQuestions(), partialSummary(app, runtime, image));
        }
        SliceRequests.resolveHostPorts(out);
        ChartSpec spec = ChartSpecs.fromMap(out);
        return new PlanOutcome.Planned(new ChartPlan(spec, decisions, dedupe(warnings), plannerId));
    }

    // ============================================================================== app, image, name

    private AppEntry resolveApp() {
        Optional<String> explicit = intent.value(IntentField.APP).filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            return catalog.find(explicit.get()).orElse(null);
        }
        Image img = explicitImage();
        return img == null ? null : catalog.findByImage(img).filter(e -> !e.runtime()).orElse(null);
    }

    private Image explicitImage() {
        return intent.value(IntentField.IMAGE).orElse(null);
    }

    /**
     * The dependencies the app uses: recorded as decisions with the source of their mention. They never take
     * over the chart (the app's image, probes and storage stay the app's); the request's env and Secret keys
     * are the wiring.
     */
    private void dependencies(String appName) {
        for (Dependency d : intent.dependencies()) {
            String dep = catalog.find(d.kind()).map(AppEntry::name).orElse(d.kind());
            decisions.add(PlanDecision.applied("dependency", dep + " (used by the app, not deployed by this chart)", d.source(),
                    "named as something " + appName + " uses " + where(d.source()) + "; its catalog defaults (image, probes, storage) do not"
                            + " apply to the app"));
            warnings.add(appName + " uses " + dep + ": deploy it separately and set its address and credentials at install time"
                    + " (extraEnvVars, the chart's Secret or an existing Secret)");
        }
    }

    private Image resolveImage(AppEntry app, AppEntry runtime) {
        Image img = explicitImage();
        if (img != null) {
            if (img.pinned()) {
                if (!img.tag().isEmpty() && img.tag().matches("v?\\d+") && app == null) {
                    warnings.add("image tag " + img.tag() + " moves with every release; pin a full version for reproducible installs");
                }
                decisions.add(new PlanDecision("image", img.reference(), given(src(IntentField.IMAGE)), src(IntentField.IMAGE)));
                return img;
            }
            if (app != null && img.tag().isEmpty() && img.digest().isEmpty() && src(IntentField.IMAGE).explicit()) {
                // An untagged image asks (request text and spec alike); the catalog's pinned tag is the default, so a
                // non-interactive run (--yes) still completes, and the reviewer sees the choice.
                String tag = versionedTag(app, intent.value(IntentField.REQUESTED_VERSION).orElse(null));
                questions.add(new Question("image.tag", "Which version (tag) of " + img.repository() + " should the chart pin?",
                        Priority.HIGH, Optional.of(tag), "the image has no tag; the catalog pins " + app.name() + " " + tag));
                return img;
            }
            if (app != null) {
                String tag = versionedTag(app, intent.value(IntentField.REQUESTED_VERSION).orElse(null));
                warnings.add("image " + img.repository() + (img.tag().isEmpty() ? " has no tag" : " uses 'latest'")
                        + "; pinned to the catalog's " + tag);
                Image pinned = img.withTag(tag);
                decisions.add(new PlanDecision("image", pinned.reference(), "rolling tags are not reproducible; the catalog pins " + app.name(), ValueSource.CATALOG));
                return pinned;
            }
            questions.add(new Question("image.tag", "Which version (tag) of " + img.repository() + " should the chart pin?",
                    Priority.CRITICAL, Optional.empty(), (img.tag().isEmpty() ? "the image has no tag" : "'latest' is not reproducible")
                    + " and the app is not in the catalog, so no safe version is known"));
            return img;
        }
        if (app != null) {
            String tag = versionedTag(app, intent.value(IntentField.REQUESTED_VERSION).orElse(null));
            Image chosen = app.image().withTag(tag);
            String reason = "official image for " + app.name() + (app.imageNote().isEmpty() ? "" : "; " + app.imageNote());
            decisions.add(new PlanDecision("image", chosen.reference(), reason, ValueSource.CATALOG));
            return chosen;
        }
        if (questions.stream().anyMatch(q -> q.field().equals("app"))) {
            return null; // the answer names a catalog app, and its image follows
        }
        String why;
        String text;
        if (runtime != null) {
            text = "Which image runs your " + runtime.name() + " application (registry/repository:tag)?";
            why = runtime.name() + " is a language runtime, not an app: the chart needs your own image (built FROM "
                    + runtime.image().repository() + ":" + runtime.image().tag() + " or similar)";
        } else {
            text = "Which container image should the chart run (registry/repository:tag)?";
            why = "the request names no app from the catalog and no image";
        }
        questions.add(new Question("image", text, Priority.CRITICAL, Optional.empty(), why));
        return null;
    }

    private String versionedTag(AppEntry app, String version) {
        String tag = app.image().tag();
        if (version == null || tag.startsWith(version + ".") || tag.equals(version) || tag.startsWith(version + "-")
                || tag.startsWith("v" + version + ".") || !tag.matches("v?\\d.*")) {
            return tag;
        }
        String suffix = tag.replaceFirst("^v?[0-9.]+", "");
        String chosen = (tag.startsWith("v") ? "v" : "") + version + suffix;
        warnings.add(app.name() + " " + version + " asked for: tag " + chosen + " follows the latest " + version
                + ".x release; pin the exact patch version for reproducible installs");
        return chosen;
    }

    private String name(AppEntry app, Image image) {
        Optional<String> explicit = intent.value(IntentField.NAME).filter(s -> !s.isBlank());
        String name;
        String reason;
        ValueSource source;
        if (explicit.isPresent()) {
            source = src(IntentField.NAME);
            // A name written in a spec is taken as written (and refused when invalid); one read from text is reduced to a label.
            name = source == ValueSource.SPEC ? explicit.get() : ChartNames.label(explicit.get());
            reason = given(source);
        } else if (app != null) {
            name = app.id();
            reason = "the catalog id of " + app.name();
            source = ValueSource.CATALOG;
        } else {
            name = ChartNames.label(image.shortName());
            reason = "the image repository's short name";
            source = ValueSource.RULE;
        }
        decisions.add(new PlanDecision("name", name, reason, source));
        return name;
    }

    // ============================================================================== ports, kind, scaling

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> ports(AppEntry defaults, boolean longRunning) {
        List<Map<String, Object>> ports = new ArrayList<>();
        List<Port> explicit = intent.value(IntentField.PORTS).orElse(List.of());
        if (intent.has(IntentField.PORTS) && explicit.isEmpty()) {
            // A worker or consumer: no ports, hence no Service and no network probes.
            decisions.add(new PlanDecision("ports", "none (no Service)", "no ports " + given(src(IntentField.PORTS)), src(IntentField.PORTS)));
        } else if (!explicit.isEmpty()) {
            for (Port p : explicit) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("containerPort", p.containerPort());
                if (p.servicePort() != p.containerPort()) {
                    pm.put("servicePort", p.servicePort());
                }
                pm.put("protocol", p.protocol().wire());
                pm.put("expose", p.exposed());
                ports.add(pm);
            }
            if (defaults != null && !defaults.ports().isEmpty() && ports.size() == 1 && defaults.ports().get(0).containerPort() == intOf("ports[0].containerPort", ports.get(0).get("containerPort"))) {
                ports.get(0).put("name", defaults.ports().get(0).name());
            }
            // The request names the app's main port; the app's other ports (management, health) still exist and
            // its probes may use them, so they are kept unless the request reuses their number or name.
            if (defaults != null && !defaults.runtime()) {
                for (Port extra : defaults.ports().subList(Math.min(1, defaults.ports().size()), defaults.ports().size())) {
                    boolean taken = ports.stream().anyMatch(q -> String.valueOf(extra.containerPort()).equals(String.valueOf(q.get("containerPort")))
                            || extra.name().equals(q.get("name")));
                    if (!taken) {
                        Map<String, Object> pm = new LinkedHashMap<>();
                        pm.put("name", extra.name());
                        pm.put("containerPort", extra.containerPort());
                        pm.put("protocol", extra.protocol().wire());
                        pm.put("expose", extra.exposed());
                        ports.add(pm);
                    }
                }
            }
            decisions.add(new PlanDecision("ports", describePorts(ports), given(src(IntentField.PORTS))
                    + (defaults != null && !defaults.runtime() && defaults.ports().size() > 1 ? ", plus the other ports of " + defaults.name() : ""),
                    src(IntentField.PORTS)));
        } else if (defaults != null && (!defaults.ports().isEmpty() || !longRunning)) {
            for (Port p : defaults.ports()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("containerPort", p.containerPort());
                pm.put("protocol", p.protocol().wire());
                pm.put("expose", p.exposed());
                ports.add(pm);
            }
            if (!ports.isEmpty()) {
                decisions.add(new PlanDecision("ports", describePorts(ports), (defaults.runtime() ? "usual port of " : "catalog ports of ") + defaults.name(), ValueSource.CATALOG));
            }
        } else if (longRunning) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", "http");
            pm.put("containerPort", 8080);
            ports.add(pm);
            warnings.add("no port given; assuming the app listens on 8080 (http)");
            decisions.add(new PlanDecision("ports", "http 8080", "default when no port is given", ValueSource.DEFAULT));
        }
        Optional<Integer> servicePort = intent.value(IntentField.SERVICE_PORT);
        if (servicePort.isPresent() && !ports.isEmpty()) {
            ports.get(0).put("servicePort", servicePort.get());
        }
        return ports;
    }

    private static String describePorts(List<Map<String, Object>> ports) {
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> p : ports) {
            parts.add(p.getOrDefault("name", "http") + " " + p.get("containerPort"));
        }
        return String.join(", ", parts);
    }

    private Tier tier() {
        Optional<Sourced<Tier>> explicit = intent.get(IntentField.TIER);
        if (explicit.isPresent()) {
            ValueSource source = explicit.get().source();
            decisions.add(new PlanDecision("tier", explicit.get().value().wire(),
                    source == ValueSource.REQUEST ? "named in the request" : given(source), source));
            return explicit.get().value();
        }
        decisions.add(new PlanDecision("tier", "dev", "no environment named; dev sizing (say \"production\" for HA defaults)", ValueSource.DEFAULT));
        return Tier.DEV;
    }

    private boolean persistence(AppEntry app, Map<String, Object> out) {
        Optional<Sourced<Boolean>> explicitEnabled = intent.get(IntentField.PERSISTENCE_ENABLED);
        boolean on;
        String reason;
        ValueSource source;
        if (explicitEnabled.isPresent()) {
            on = explicitEnabled.get().value();
            source = explicitEnabled.get().source();
            reason = on ? given(source) : "no persistence " + given(source);
        } else if (app != null && app.persistence().isPresent() && app.persistence().get().enabled()) {
            on = true;
            reason = app.name() + " keeps data";
            source = ValueSource.CATALOG;
        } else {
            on = false;
            reason = "nothing to keep across restarts was asked for";
            source = ValueSource.DEFAULT;
        }
        Map<String, Object> p = section(out, "persistence");
        p.put("enabled", on);
        Optional<AppEntry.StorageDefaults> storage = app == null ? Optional.empty() : app.persistence();
        if (!p.containsKey("size") && storage.isPresent()) {
            p.put("size", storage.get().size());
        }
        if (!p.containsKey("mountPath")) {
            if (storage.isPresent()) {
                p.put("mountPath", storage.get().mountPath());
            } else if (on) {
                p.put("mountPath", "/data");
                warnings.add("no mount path given for the volume; mounting it at /data");
            }
        }
        if (on) {
            decisions.add(new PlanDecision("persistence", p.getOrDefault("size", "8Gi") + " at " + p.get("mountPath")
                    + (p.containsKey("storageClass") ? " (storage class " + p.get("storageClass") + ")" : " (default storage class)"),
                    reason + (intent.has(IntentField.PERSISTENCE_SIZE) ? "" : "; size is the " + (storage.isPresent() ? "catalog" : "chart") + " default"),
                    source));
        }
        return on;
    }

    private Workload workload(Workload explicit, AppEntry app, boolean persistence, int replicas) {
        Workload w;
        String reason;
        ValueSource source = ValueSource.RULE;
        if (explicit != null) {
            w = explicit;
            source = src(IntentField.WORKLOAD);
            reason = given(source);
        } else if (app != null && app.workload() == Workload.STATEFULSET) {
            w = Workload.STATEFULSET;
            reason = app.name() + " is a " + app.category() + ": stable identity, ordered rollout and a volume per pod";
            source = ValueSource.CATALOG;
        } else if (persistence && app != null && app.dataStore()) {
            w = Workload.STATEFULSET;
            reason = app.name() + " with persistence needs a stable volume per pod";
        } else if (persistence && replicas > 1 && intent.value(IntentField.PERSISTENCE_ACCESS_MODE).orElse(null) != AccessMode.READ_WRITE_MANY) {
            w = Workload.STATEFULSET;
            reason = replicas + " replicas each need their own ReadWriteOnce volume";
        } else {
            w = Workload.DEPLOYMENT;
            reason = persistence ? "one pod with a PersistentVolumeClaim" : "stateless: pods are interchangeable";
        }
        decisions.add(new PlanDecision("workload", w.wire(), reason, source));
        return w;
    }

    private int replicas(int explicit, Tier tier, boolean ha, boolean scalable, AppEntry app, Workload workload) {
        if (workload == Workload.JOB || workload == Workload.CRONJOB) {
            return 1;
        }
        if (workload == Workload.DAEMONSET) {
            decisions.add(new PlanDecision("replicas", "one pod per node", "a DaemonSet: the node count decides", ValueSource.RULE));
            return 1;
        }
        if (explicit > 0) {
            if (!scalable && explicit > 1) {
                warnings.add(app.name() + " does not replicate data by itself: " + explicit + " replicas are independent instances");
            }
            if ((ha || tier == Tier.PROD) && explicit < 2) {
                warnings.add("1 replica in " + (ha ? "a highly available" : "a production") + " setup: no redundancy during restarts");
            }
            decisions.add(new PlanDecision("replicas", String.valueOf(explicit), given(src(IntentField.REPLICAS)), src(IntentField.REPLICAS)));
            return explicit;
        }
        int wanted = ha ? 3 : tier == Tier.PROD ? 2 : tier == Tier.STAGING ? 2 : 1;
        if (!scalable && wanted > 1) {
            warnings.add(app.name() + " needs an operator for replication; the chart runs 1 instance"
                    + (ha ? " — high availability is limited to fast rescheduling and a disruption budget" : ""));
            decisions.add(new PlanDecision("replicas", "1", app.name() + " is a single-primary " + app.category(), ValueSource.CATALOG));
            return 1;
        }
        decisions.add(new PlanDecision("replicas", String.valueOf(wanted), ha ? "high availability: 3 replicas survive a node loss and a rollout"
                : tier == Tier.DEV ? "dev tier: one replica" : tier.wire() + " tier: 2 replicas for zero-downtime rollouts", ValueSource.RULE));
        return wanted;
    }

    private Map<String, Object> autoscaling(int replicas, int explicitReplicas, Tier tier, boolean ha, boolean scalable,
                                            AppEntry app, Workload workload) {
        Map<String, Object> a = new LinkedHashMap<>();
        intent.value(IntentField.AUTOSCALING_MIN_REPLICAS).ifPresent(v -> a.put("minReplicas", v));
        intent.value(IntentField.AUTOSCALING_MAX_REPLICAS).ifPresent(v -> a.put("maxReplicas", v));
        intent.value(IntentField.AUTOSCALING_TARGET_CPU).ifPresent(v -> a.put("targetCpu", v));
        intent.value(IntentField.AUTOSCALING_TARGET_MEMORY).ifPresent(v -> a.put("targetMemory", v));
        boolean enabled = intent.value(IntentField.AUTOSCALING_ENABLED).orElse(false);
        if (workload == Workload.JOB || workload == Workload.CRONJOB) {
            enabled = false;
        }
        if (workload == Workload.DAEMONSET && enabled) {
            warnings.add("a DaemonSet runs one pod per node and cannot be autoscaled: autoscaling is off");
            enabled = false;
        }
        a.put("enabled", enabled);
        int floor = ha ? 3 : tier == Tier.PROD ? 2 : 1;
        int min = a.containsKey("minReplicas") ? intOf("autoscaling.minReplicas", a.get("minReplicas")) : Math.max(replicas, floor);
        int max = a.containsKey("maxReplicas") ? intOf("autoscaling.maxReplicas", a.get("maxReplicas")) : Math.max(min * 3, Math.max(min, 5));
        if (min > max) {
            if (a.containsKey("minReplicas") && a.containsKey("maxReplicas")) {
                int t = min;
                min = max;
                max = t;
            } else if (a.containsKey("maxReplicas")) {
                min = max;
            } else {
                max = min;
            }
        }
        a.put("minReplicas", min);
        a.put("maxReplicas", max);
        int cpu = a.containsKey("targetCpu") ? intOf("autoscaling.targetCpu", a.get("targetCpu")) : 0;
        int mem = a.containsKey("targetMemory") ? intOf("autoscaling.targetMemory", a.get("targetMemory")) : 0;
        if (cpu == 0 && mem == 0) {
            cpu = 80;
        }
        a.put("targetCpu", cpu);
        a.put("targetMemory", mem);
        if (enabled) {
            if (explicitReplicas > 0 && (explicitReplicas < min || explicitReplicas > max)) {
                warnings.add("fixed replica count " + explicitReplicas + " is outside the autoscaling range " + min + "–" + max
                        + "; the HorizontalPodAutoscaler governs the count");
            }
            if (!scalable) {
                warnings.add(app.name() + " does not scale horizontally by itself; autoscaling adds independent instances");
            }
            if ((ha || tier == Tier.PROD) && min < 2) {
                warnings.add("autoscaling minimum " + min + " leaves no redundancy in " + (ha ? "a highly available" : "a production") + " setup");
            }
            decisions.add(new PlanDecision("scaling", "HorizontalPodAutoscaler " + min + "–" + max
                    + (cpu > 0 ? " at " + cpu + "% CPU" : "") + (mem > 0 ? " at " + mem + "% memory" : ""),
                    intent.has(IntentField.AUTOSCALING_TARGET_CPU) || intent.has(IntentField.AUTOSCALING_TARGET_MEMORY)
                            ? "targets " + given(src(IntentField.AUTOSCALING_TARGET_CPU, IntentField.AUTOSCALING_TARGET_MEMORY))
                            : "autoscaling " + given(src(IntentField.AUTOSCALING_ENABLED)) + "; 80% CPU is the default target",
                    src(IntentField.AUTOSCALING_ENABLED)));
        } else if (workload == Workload.DEPLOYMENT || workload == Workload.STATEFULSET) {
            decisions.add(new PlanDecision("scaling", "fixed " + replicas + " replica" + (replicas == 1 ? "" : "s"),
                    "no autoscaling asked for; the values offer an HPA switch", ValueSource.RULE));
        }
        return a;
    }

    // ============================================================================== resources, probes, security, env

    private void resources(Map<String, Object> out, Tier tier, AppEntry app, AppEntry runtime) {
        Map<String, Object> r = section(out, "resources");
        ResourcesPreset preset;
        ValueSource presetSource = ValueSource.RULE;
        if (r.get("preset") != null) {
            preset = ResourcesPreset.parse(String.valueOf(r.get("preset")));
            presetSource = src(IntentField.RESOURCES_PRESET);
        } else {
            preset = tier == Tier.PROD ? ResourcesPreset.MEDIUM : ResourcesPreset.SMALL;
            boolean heavy = (app != null && (app.heavy() || app.dataStore())) || (app == null && runtime != null && runtime.heavy());
            if (heavy) {
                preset = ResourcesPreset.values()[Math.min(preset.ordinal() + 1, ResourcesPreset.XXLARGE.ordinal())];
                presetSource = ValueSource.CATALOG;
            }
            r.put("preset", preset.wire());
        }
        boolean explicit = has(r, "requestsCpu") || has(r, "requestsMemory") || has(r, "limitsCpu") || has(r, "limitsMemory");
        if (!explicit) {
            String[] p = PRESETS.getOrDefault(preset, PRESETS.get(ResourcesPreset.SMALL));
            decisions.add(new PlanDecision("sizing", "preset " + preset.wire() + " (requests " + p[0] + " CPU / " + p[1]
                    + ", memory limit " + p[2] + ")", presetSource.explicit() ? "preset " + given(presetSource)
                    : tier.wire() + " tier" + (presetSource == ValueSource.CATALOG
                    ? "; " + (app != null ? app.name() : "the runtime") + " needs more than the tier default" : ""), presetSource));
            return;
        }
        String[] p = PRESETS.getOrDefault(preset, PRESETS.get(ResourcesPreset.SMALL));
        ValueSource resourcesSource = src(IntentField.RESOURCES_REQUESTS_CPU, IntentField.RESOURCES_REQUESTS_MEMORY,
                IntentField.RESOURCES_LIMITS_CPU, IntentField.RESOURCES_LIMITS_MEMORY);
        List<String> added = new ArrayList<>();
        if (!has(r, "requestsCpu")) {
            r.put("requestsCpu", has(r, "limitsCpu") ? r.get("limitsCpu") : p[0]);
            added.add("CPU request " + r.get("requestsCpu"));
        }
        if (!has(r, "requestsMemory")) {
            r.put("requestsMemory", has(r, "limitsMemory") ? r.get("limitsMemory") : p[1]);
            added.add("memory request " + r.get("requestsMemory"));
        }
        if (!has(r, "limitsMemory")) {
            long mi = mebibytes(String.valueOf(r.get("requestsMemory")));
            r.put("limitsMemory", (mi * 3 / 2) + "Mi");
            added.add("memory limit " + r.get("limitsMemory") + " (1.5 × the request)");
        }
        if (mebibytes(String.valueOf(r.get("limitsMemory"))) < mebibytes(String.valueOf(r.get("requestsMemory")))) {
            questions.add(new Question("resources.limitsMemory", "The memory limit " + r.get("limitsMemory") + " is below the request "
                    + r.get("requestsMemory") + ". Which memory limit?", Priority.HIGH, Optional.of(String.valueOf(r.get("requestsMemory"))),
                    "Kubernetes rejects a limit below the request"));
        }
        if (has(r, "limitsCpu") && millicores(String.valueOf(r.get("limitsCpu"))) < millicores(String.valueOf(r.get("requestsCpu")))) {
            questions.add(new Question("resources.limitsCpu", "The CPU limit " + r.get("limitsCpu") + " is below the request "
                    + r.get("requestsCpu") + ". Which CPU limit?", Priority.HIGH, Optional.of(String.valueOf(r.get("requestsCpu"))),
                    "Kubernetes rejects a limit below the request"));
        }
        decisions.add(new PlanDecision("sizing", "requests " + r.get("requestsCpu") + " CPU / " + r.get("requestsMemory") + ", limits "
                + (has(r, "limitsCpu") ? r.get("limitsCpu") + " CPU / " : "") + r.get("limitsMemory"),
                given(resourcesSource) + (added.isEmpty() ? "" : "; added " + String.join(", ", added)
                        + " so every container has requests and a memory limit")
                        + (has(r, "limitsCpu") ? "" : "; no CPU limit, to avoid throttling"), resourcesSource));
    }

    private static boolean has(Map<String, Object> m, String key) {
        return m.get(key) != null && !String.valueOf(m.get(key)).isBlank();
    }

    static long mebibytes(String q) {
        try {
            String n = q.replaceAll("[A-Za-z]+$", "");
            String unit = q.substring(n.length());
            BigDecimal v = new BigDecimal(n);
            BigDecimal factor = switch (unit) {
                case "Ki" -> BigDecimal.ONE.divide(BigDecimal.valueOf(1024), 6, java.math.RoundingMode.HALF_UP);
                case "Gi" -> BigDecimal.valueOf(1024);
                case "Ti" -> BigDecimal.valueOf(1024L * 1024);
                case "k" -> BigDecimal.valueOf(1000).divide(BigDecimal.valueOf(1048576), 9, java.math.RoundingMode.HALF_UP);
                case "M" -> BigDecimal.valueOf(1_000_000).divide(BigDecimal.valueOf(1048576), 9, java.math.RoundingMode.HALF_UP);
                case "G" -> BigDecimal.valueOf(1_000_000_000).divide(BigDecimal.valueOf(1048576), 9, java.math.RoundingMode.HALF_UP);
                case "" -> BigDecimal.ONE.divide(BigDecimal.valueOf(1048576), 9, java.math.RoundingMode.HALF_UP);
                default -> BigDecimal.ONE;
            };
            return Math.max(1, v.multiply(factor).setScale(0, java.math.RoundingMode.CEILING).longValue());
        } catch (NumberFormatException e) {
            throw new SpecException("resources", "'" + q + "' is not a memory quantity", "write it like 512Mi or 1Gi");
        }
    }

    static long millicores(String q) {
        try {
            return q.endsWith("m") ? Long.parseLong(q.substring(0, q.length() - 1))
                    : new BigDecimal(q).multiply(BigDecimal.valueOf(1000)).longValue();
        } catch (NumberFormatException e) {
            throw new SpecException("resources", "'" + q + "' is not a CPU quantity", "write it like 250m or 1");
        }
    }

    @SuppressWarnings("unchecked")
    private void probes(Map<String, Object> out, AppEntry defaults, List<Map<String, Object>> ports, boolean longRunning) {
        Map<String, Object> probes = section(out, "probes");
        if (!longRunning || ports.isEmpty()) {
            if (longRunning) {
                AppEntry.ProbeDefaults d = defaults == null ? null : defaults.probes();
                if (d != null && d.type() == ProbeType.EXEC) {
                    probes.put("readiness", execProbe(d.command(), 5));
                    probes.put("liveness", execProbe(d.command(), 30));
                } else {
                    // No port to probe: a probe that was not written is off (a TCP probe would restart the pod forever).
                    List<String> off = new ArrayList<>();
                    for (IntentField.ProbeFields pf : List.of(IntentField.READINESS, IntentField.LIVENESS)) {
                        if (pf.all().stream().noneMatch(intent::has)) {
                            String key = pf == IntentField.READINESS ? "readiness" : "liveness";
                            Map<String, Object> pm = sub(probes, key);
                            pm.put("enabled", false);
                            off.add(key);
                        }
                    }
                    if (!off.isEmpty()) {
                        decisions.add(new PlanDecision("probes", "no " + String.join(" or ", off) + " probe",
                                "the app listens on no port; give an exec probe (probes.liveness: {type: exec, command: [...]}) to have one",
                                ValueSource.RULE));
                    }
                }
            }
            return;
        }
        Set<String> portNames = new LinkedHashSet<>();
        ports.forEach(p -> portNames.add(String.valueOf(p.getOrDefault("name", "http"))));
        Map<String, Object> readiness = sub(probes, "readiness");
        Map<String, Object> liveness = sub(probes, "liveness");
        String rPath = (String) readiness.get("path");
        String lPath = (String) liveness.get("path");
        AppEntry.ProbeDefaults d = defaults == null ? null : defaults.probes();
        String port = d != null && portNames.contains(d.port()) ? d.port() : "";
        if (rPath != null || lPath != null) {
            readiness.putIfAbsent("type", "http");
            liveness.putIfAbsent("type", "http");
            readiness.putIfAbsent("path", rPath != null ? rPath : lPath);
            liveness.putIfAbsent("path", lPath != null ? lPath : rPath);
            ValueSource pathSource = src(IntentField.READINESS.path(), IntentField.LIVENESS.path());
            decisions.add(new PlanDecision("probes", "HTTP readiness " + readiness.get("path") + ", liveness " + liveness.get("path"),
                    "health path " + given(pathSource) + (lPath == null || rPath == null ? "; the other probe uses the same path" : ""),
                    pathSource));
        } else if (d != null) {
            if (d.type() == ProbeType.EXEC) {
                readiness.putIfAbsent("type", "exec");
                readiness.putIfAbsent("command", d.command());
                liveness.putIfAbsent("type", "exec");
                liveness.putIfAbsent("command", d.command());
            } else {
                readiness.putIfAbsent("type", d.type().wire());
                liveness.putIfAbsent("type", d.type().wire());
                if (d.type() == ProbeType.HTTP) {
                    readiness.putIfAbsent("path", d.readinessPath().isEmpty() ? d.path() : d.readinessPath());
                    liveness.putIfAbsent("path", d.livenessPath().isEmpty() ? d.path() : d.livenessPath());
                }
            }
            decisions.add(new PlanDecision("probes", d.type().wire() + (d.type() == ProbeType.HTTP ? " " + readiness.get("path") : "")
                    + (d.type() == ProbeType.EXEC ? " " + String.join(" ", d.command()) : "") + (port.isEmpty() ? "" : " on port " + port),
                    (defaults.runtime() ? "usual health check of " : "catalog health check of ") + defaults.name(), ValueSource.CATALOG));
        } else {
            readiness.putIfAbsent("type", "tcp");
            liveness.putIfAbsent("type", "tcp");
            decisions.add(new PlanDecision("probes", "TCP on the main port", "no health path known; say \"health check at /healthz\" for HTTP probes",
                    ValueSource.DEFAULT));
        }
        readiness.putIfAbsent("enabled", true);
        liveness.putIfAbsent("enabled", true);
        readiness.putIfAbsent("initialDelaySeconds", 5);
        liveness.putIfAbsent("initialDelaySeconds", 30);
        if (!port.isEmpty()) {
            readiness.putIfAbsent("port", port);
            liveness.putIfAbsent("port", port);
        }
        Optional<Sourced<Boolean>> startupAsked = intent.get(IntentField.STARTUP.enabled());
        boolean startupLeaves = IntentField.STARTUP.all().stream().anyMatch(intent::has);
        boolean startup = startupAsked.map(Sourced::value).orElse(startupLeaves || (d != null && d.startup()));
        if (startup) {
            Map<String, Object> s = sub(probes, "startup");
            s.putIfAbsent("enabled", true);
            s.putIfAbsent("type", liveness.get("type"));
            if (liveness.get("path") != null) {
                s.putIfAbsent("path", liveness.get("path"));
            }
            if (liveness.get("command") != null) {
                s.putIfAbsent("command", liveness.get("command"));
            }
            if (liveness.get("port") != null) {
                s.putIfAbsent("port", liveness.get("port"));
            }
            s.putIfAbsent("failureThreshold", 30);
            s.putIfAbsent("periodSeconds", 10);
            ValueSource startupSource = startupLeaves ? src(IntentField.STARTUP.all().toArray(IntentField<?>[]::new))
                    : d != null && d.startup() ? ValueSource.CATALOG : ValueSource.RULE;
            decisions.add(new PlanDecision("probes", "startup probe, up to 300 s", "slow starter: liveness waits until the app is up"
                    + (startupSource.explicit() ? " (" + given(startupSource) + ")" : ""), startupSource));
        }
        if (!(probes.get("readiness") instanceof Map<?, ?>)) {
            probes.put("readiness", readiness);
        }
        for (String key : List.of("readiness", "liveness", "startup")) {
            if (probes.get(key) instanceof Map<?, ?> pm && pm.get("port") != null && !portNames.contains(String.valueOf(pm.get("port")))) {
                ((Map<String, Object>) pm).remove("port");
            }
        }
    }

    private static Map<String, Object> execProbe(List<String> command, int delay) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", true);
        m.put("type", "exec");
        m.put("command", command);
        m.put("initialDelaySeconds", delay);
        return m;
    }

    private void security(Map<String, Object> out, AppEntry app, AppEntry runtime, boolean catalogImage, Image image) {
        Map<String, Object> s = section(out, "security");
        AppEntry source = app != null ? app : runtime;
        boolean fromCatalog = app != null ? catalogImage : runtime != null && runtime.image().repository().equals(image.repository());
        if (!s.containsKey("runAsUser")) {
            s.put("runAsUser", source != null && (fromCatalog || app == null) ? source.runAsUser() : 10001);
        }
        if (!s.containsKey("readOnlyRootFilesystem")) {
            s.put("readOnlyRootFilesystem", source == null || source.readOnlyRootFilesystem());
        }
        List<String> writable = new ArrayList<>();
        if (s.get("writablePaths") instanceof List<?> l) {
            l.forEach(o -> writable.add(String.valueOf(o)));
        }
        if (source != null) {
            for (String p : source.writablePaths()) {
                if (!writable.contains(p) && !p.equals(String.valueOf(section(out, "persistence").get("mountPath")))) {
                    writable.add(p);
                }
            }
        }
        s.put("writablePaths", writable);
        boolean ro = Boolean.TRUE.equals(s.get("readOnlyRootFilesystem"));
        decisions.add(new PlanDecision("security", "non-root UID " + s.get("runAsUser") + ", "
                + (ro ? "read-only root filesystem" + (writable.isEmpty() ? " (/tmp writable)" : ", writable " + String.join(", ", writable) + " and /tmp")
                : "writable root filesystem") + ", no privilege escalation, all capabilities dropped",
                intent.has(IntentField.SECURITY_RUN_AS_USER) ? "user " + given(src(IntentField.SECURITY_RUN_AS_USER))
                        : source == null ? "hardened defaults; the image must run as an arbitrary non-root user"
                        : source.name() + (source.runtime() ? " images usually run as this user" : " runs as this user")
                        + (ro ? "" : "; its entrypoint writes outside dedicated directories"),
                intent.has(IntentField.SECURITY_RUN_AS_USER) ? src(IntentField.SECURITY_RUN_AS_USER)
                        : source == null ? ValueSource.DEFAULT : ValueSource.CATALOG));
        if (!ro) {
            warnings.add("readOnlyRootFilesystem is off for " + (source == null ? "this app" : source.name()) + " (validators will warn)");
        }
    }

    @SuppressWarnings("unchecked")
    private void env(Map<String, Object> out, AppEntry app) {
        List<Map<String, Object>> env = new ArrayList<>();
        List<Map<String, Object>> secrets = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> secretNames = new LinkedHashSet<>();
        if (out.get("secretEnv") instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> m = o instanceof Map<?, ?> mm ? new LinkedHashMap<>((Map<String, Object>) mm) : new LinkedHashMap<>(Map.of("name", String.valueOf(o)));
                if (secretNames.add(String.valueOf(m.get("name")))) {
                    secrets.add(m);
                }
            }
        }
        if (out.get("env") instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) o);
                String name = String.valueOf(m.get("name"));
                if (secretNames.contains(name)) {
                    continue;
                }
                if (RequestParser.secretLooking(name) && m.get("value") != null && !String.valueOf(m.get("value")).isEmpty()) {
                    secretNames.add(name);
                    secrets.add(new LinkedHashMap<>(Map.of("name", name)));
                    warnings.add(name + " looks like a secret: it comes from the chart's Secret; its literal value was not written into the chart — set it at install time");
                    continue;
                }
                if (names.add(name)) {
                    env.add(m);
                }
            }
        } else if (out.get("env") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (names.add(String.valueOf(k))) {
                    env.add(new LinkedHashMap<>(Map.of("name", String.valueOf(k), "value", v == null ? "" : String.valueOf(v))));
                }
            });
        }
        if (app != null) {
            List<String> added = new ArrayList<>();
            // A companion subchart wires its own connection variables (host, user, password) into the app.
            Set<String> wired = SliceRequests.companionEnv(out);
            app.env().forEach((k, v) -> {
                if (!names.contains(k) && !secretNames.contains(k) && !wired.contains(k)) {
                    names.add(k);
                    env.add(new LinkedHashMap<>(Map.of("name", k, "value", v)));
                    added.add(k);
                }
            });
            for (String s : app.secretEnv()) {
                if (!wired.contains(s) && secretNames.add(s)) {
                    names.remove(s);
                    env.removeIf(e -> s.equals(e.get("name")));
                    secrets.add(new LinkedHashMap<>(Map.of("name", s)));
                    added.add(s + " (secret)");
                }
            }
            if (!added.isEmpty()) {
                decisions.add(new PlanDecision("environment", String.join(", ", added), app.name() + " requires these; secret values are never defaulted", ValueSource.CATALOG));
            }
        }
        out.put("env", env);
        out.put("secretEnv", secrets);
        if (!secrets.isEmpty()) {
            Object existing = out.get("existingSecret");
            decisions.add(new PlanDecision("secrets", secrets.size() + " variable" + (secrets.size() == 1 ? "" : "s") + " from "
                    + (existing == null || String.valueOf(existing).isBlank() ? "a chart-managed Secret with empty values (or auth.existingSecret)"
                    : "the existing Secret " + existing), "secret values never appear in values.yaml", ValueSource.RULE));
        }
    }

    // ============================================================================== exposure, reliability, metrics

    @SuppressWarnings("unchecked")
    private void ingress(Map<String, Object> out, List<Map<String, Object>> ports) {
        Map<String, Object> in = section(out, "ingress");
        boolean enabled = intent.value(IntentField.INGRESS_ENABLED).orElse(intent.has(IntentField.INGRESS_HOSTS));
        in.put("enabled", enabled);
        if (!enabled) {
            return;
        }
        boolean exposed = ports.stream().anyMatch(p -> !Boolean.FALSE.equals(p.get("expose")));
        if (!exposed) {
            in.put("enabled", false);
            warnings.add("an ingress was asked for, but the app exposes no port; ingress left off");
            return;
        }
        Map<String, Object> traefik = in.get("traefik") instanceof Map<?, ?> t ? (Map<String, Object>) t : new LinkedHashMap<>();
        boolean traefikExtras = !traefik.isEmpty() || in.containsKey("certResolver");
        String controller = in.get("controller") == null ? null : String.valueOf(in.get("controller")).toLowerCase(Locale.ROOT);
        String reason;
        ValueSource controllerSource = ValueSource.RULE;
        if (controller == null) {
            if (traefikExtras) {
                controller = "traefik";
                reason = "middlewares (redirect, strip prefix, rate limit, headers) and cert resolvers need Traefik";
            } else {
                controller = "generic";
                reason = "no controller named: a standard Ingress for the cluster's default IngressClass";
            }
        } else {
            controllerSource = src(IntentField.INGRESS_CONTROLLER);
            reason = controllerSource == ValueSource.REQUEST ? "named in the request" : given(controllerSource);
        }
        in.put("controller", controller);
        if (controller.equals("nginx") && !has(in, "className")) {
            in.put("className", "nginx");
        }
        if (!controller.equals("traefik") && traefikExtras) {
            warnings.add("Traefik middlewares and cert resolvers were asked for with a " + controller + " ingress; they are Traefik-only and left out");
            in.remove("traefik");
            in.remove("certResolver");
        }
        if (controller.equals("traefik") && traefik.get("rateLimit") instanceof Map<?, ?> rl && rl.get("average") == null) {
            Object burst = rl.get("burst");
            ((Map<String, Object>) rl).put("average", Math.max(1, burst == null ? 100 : intOf("rateLimit.burst", burst) / 2));
            warnings.add("rate limit without an average: using " + ((Map<?, ?>) rl).get("average") + " requests per second");
        }
        List<Object> hosts = in.get("hosts") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        if (hosts.isEmpty()) {
            warnings.add("no host name given for the ingress; the values use chart.local — set ingress.hostname at install time");
        }
        boolean tls = Boolean.TRUE.equals(in.get("tls"));
        if (!tls && controller.equals("traefik") && Boolean.TRUE.equals(traefik.get("redirectHttps"))) {
            // A redirect to https lands on nothing unless the route serves TLS.
            in.put("tls", true);
            tls = true;
            warnings.add("http→https redirect asked for without TLS: TLS switched on for the route");
        }
        if (tls && !has(in, "certResolver") && !has(in, "tlsSecretName")) {
            String host = hosts.isEmpty() ? "chart.local" : String.valueOf(hosts.get(0));
            in.put("tlsSecretName", host + "-tls");
        }
        String main = String.valueOf(ports.stream().filter(p -> !Boolean.FALSE.equals(p.get("expose"))).findFirst().get().get("containerPort"));
        if (!main.isEmpty() && Set.of("5432", "3306", "6379", "27017", "9042", "5672", "9092", "11211", "2181", "4222").contains(main)) {
            warnings.add("port " + main + " does not speak HTTP; an HTTP ingress cannot route it — prefer a LoadBalancer or NodePort service");
        }
        decisions.add(new PlanDecision("ingress", (controller.equals("traefik") ? "Traefik IngressRoute" : "Ingress"
                + (has(in, "className") ? " (class " + in.get("className") + ")" : "")) + " for "
                + (hosts.isEmpty() ? "chart.local" : hosts.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).get())
                + String.valueOf(in.getOrDefault("path", "")) + (tls ? " with TLS" + (has(in, "certResolver") ? " from certResolver "
                + in.get("certResolver") : " from Secret " + in.get("tlsSecretName")) : ""), reason, controllerSource));
        if (controller.equals("traefik") && !traefik.isEmpty()) {
            List<String> mw = new ArrayList<>();
            if (Boolean.TRUE.equals(traefik.get("redirectHttps"))) {
                mw.add("redirect http→https");
            }
            if (Boolean.TRUE.equals(traefik.get("stripPrefix"))) {
                mw.add("strip prefix " + in.getOrDefault("path", "/"));
                if (!has(in, "path") || "/".equals(in.get("path"))) {
                    warnings.add("strip prefix asked for but the path is /; nothing will be stripped");
                }
            }
            if (traefik.get("rateLimit") != null) {
                mw.add("rate limit");
            }
            if (traefik.get("headers") != null) {
                mw.add("headers");
            }
            if (has(traefik, "basicAuthSecret")) {
                mw.add("basic auth");
            }
            if (!mw.isEmpty()) {
                ValueSource mwSource = src(IntentField.TRAEFIK_REDIRECT_HTTPS, IntentField.TRAEFIK_STRIP_PREFIX,
                        IntentField.TRAEFIK_RATE_LIMIT_AVERAGE, IntentField.TRAEFIK_RATE_LIMIT_BURST, IntentField.TRAEFIK_HEADERS,
                        IntentField.TRAEFIK_BASIC_AUTH_SECRET);
                decisions.add(new PlanDecision("middlewares", String.join(", ", mw), given(mwSource), mwSource));
            }
        }
    }

    private void service(Map<String, Object> out) {
        Optional<ServiceType> type = intent.value(IntentField.SERVICE_TYPE);
        Map<String, Object> s = new LinkedHashMap<>();
        type.ifPresent(t -> s.put("type", t.wire()));
        intent.value(IntentField.SERVICE_ANNOTATIONS).ifPresent(a -> s.put("annotations", a));
        if (type.isPresent()) {
            decisions.add(new PlanDecision("service", type.get().wire(), given(src(IntentField.SERVICE_TYPE)), src(IntentField.SERVICE_TYPE)));
        }
        out.put("service", s);
    }

    private void reliability(Map<String, Object> out, Tier tier, boolean ha, int replicas, Map<String, Object> autoscaling,
                             Workload workload, boolean scalable, boolean longRunning) {
        boolean hpa = Boolean.TRUE.equals(autoscaling.get("enabled"));
        int minPods = hpa ? intOf("autoscaling.minReplicas", autoscaling.get("minReplicas")) : replicas;
        Map<String, Object> pdb = section(out, "pdb");
        if (!pdb.containsKey("create")) {
            boolean create = longRunning && (tier == Tier.PROD || ha || minPods >= 2);
            pdb.put("create", create);
            if (create) {
                if (!has(pdb, "minAvailable") && !has(pdb, "maxUnavailable")) {
                    pdb.put("maxUnavailable", "1");
                }
                decisions.add(new PlanDecision("disruption budget", "PodDisruptionBudget maxUnavailable " + pdb.getOrDefault("maxUnavailable", "1"),
                        minPods >= 2 ? minPods + " replicas: drains take them down one at a time"
                                : (ha ? "high availability" : "production") + ": voluntary disruptions are bounded even for one instance", ValueSource.RULE));
            }
        }
        if (!out.containsKey("podAntiAffinityPreset")) {
            String preset = ha && scalable ? "hard" : "soft";
            out.put("podAntiAffinityPreset", preset);
            if (minPods >= 2 || ha) {
                decisions.add(new PlanDecision("anti-affinity", preset, preset.equals("hard")
                        ? "high availability: replicas never share a node (needs at least " + minPods + " nodes)"
                        : "spread replicas over nodes when possible", ValueSource.RULE));
            }
        }
        Map<String, Object> np = section(out, "networkPolicy");
        Optional<Sourced<Boolean>> explicitPolicy = intent.get(IntentField.NETWORK_POLICY_ENABLED);
        boolean asked = explicitPolicy.map(Sourced::value).orElse(false);
        // Like Bitnami's charts: a NetworkPolicy is on unless the request says no. Outside production it admits
        // any client (allowExternal) so nothing breaks; production and HA narrow it where the request did not.
        boolean on = explicitPolicy.isEmpty() || asked;
        np.put("enabled", on);
        if (on) {
            String reason = asked ? given(explicitPolicy.get().source())
                    : tier == Tier.PROD || ha ? (ha ? "high availability" : "production") + " tier: deny what is not needed"
                    : "on by default (Bitnami convention): traffic only to the container ports, from any pod;"
                            + " set networkPolicy.allowExternal=false to admit only labelled clients";
            decisions.add(new PlanDecision("network policy", "ingress only to the container ports"
                    + (Boolean.FALSE.equals(np.get("allowExternal")) ? " from labelled clients" : "")
                    + (Boolean.FALSE.equals(np.get("allowExternalEgress")) ? ", egress only DNS and in-namespace" : ""),
                    reason, asked ? explicitPolicy.get().source() : ValueSource.RULE));
        }
        if (workload == Workload.JOB || workload == Workload.CRONJOB || workload == Workload.DAEMONSET) {
            pdb.put("create", false);
            decisions.removeIf(d -> d.topic().equals("disruption budget"));
        }
    }

    @SuppressWarnings("unchecked")
    private void metrics(Map<String, Object> out, AppEntry app, List<Map<String, Object>> ports) {
        Map<String, Object> m = section(out, "metrics");
        boolean enabled = intent.value(IntentField.METRICS_ENABLED).orElse(false);
        m.put("enabled", enabled);
        if (!enabled) {
            return;
        }
        Optional<AppEntry.MetricsDefaults> d = app == null ? Optional.empty() : app.metrics();
        if (!m.containsKey("path") && d.isPresent()) {
            m.put("path", d.get().path());
        }
        int port = m.get("port") == null ? d.map(AppEntry.MetricsDefaults::port).orElse(0) : intOf("metrics.port", m.get("port"));
        if (port != 0 && ports.stream().noneMatch(p -> String.valueOf(port).equals(String.valueOf(p.get("containerPort"))))) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", ports.stream().anyMatch(p -> "metrics".equals(p.get("name"))) ? "metrics-2" : "metrics");
            pm.put("containerPort", port);
            ports.add(pm);
            out.put("ports", ports);
        } else if (port != 0) {
            ports.stream().filter(p -> String.valueOf(port).equals(String.valueOf(p.get("containerPort")))).forEach(p -> p.put("expose", true));
        }
        if (!ports.isEmpty() && port == intOf("ports[0].containerPort", ports.get(0).get("containerPort"))) {
            m.put("port", 0);
        } else {
            m.put("port", port);
        }
        if (!m.containsKey("serviceMonitor")) {
            m.put("serviceMonitor", false);
        }
        if (d.isEmpty() && !intent.has(IntentField.METRICS_PATH)) {
            warnings.add("metrics asked for: assuming a Prometheus endpoint at " + m.getOrDefault("path", "/metrics")
                    + " on " + (port == 0 ? "the main port" : "port " + port));
        }
        decisions.add(new PlanDecision("metrics", m.getOrDefault("path", "/metrics") + " on " + (port == 0 ? "the main port" : "port " + port)
                + (Boolean.TRUE.equals(m.get("serviceMonitor")) ? " with a ServiceMonitor" : " (Prometheus annotations; ServiceMonitor off)"),
                d.isPresent() ? "metrics " + given(src(IntentField.METRICS_ENABLED)) + "; " + app.name() + " serves Prometheus metrics there"
                        : given(src(IntentField.METRICS_ENABLED)), src(IntentField.METRICS_ENABLED)));
    }

    private void metadata(Map<String, Object> out, AppEntry app, AppEntry runtime, Image image) {
        if (!out.containsKey("description")) {
            out.put("description", app != null ? app.description() + " on Kubernetes"
                    : (runtime != null ? runtime.description() : "Application " + image.shortName()) + " (" + image.repository() + ") on Kubernetes");
        }
        Map<String, Object> meta = section(out, "metadata");
        meta.values().removeIf(v -> v == null || (v instanceof String str && str.isBlank()) || (v instanceof List<?> l && l.isEmpty()));
        AppEntry source = app != null ? app : runtime;
        if (!meta.containsKey("home") && app != null && !app.home().isEmpty()) {
            meta.put("home", app.home());
        }
        if (!meta.containsKey("sources")) {
            meta.put("sources", List.of("https://" + image.registry() + "/" + image.repository()));
        }
        if (!meta.containsKey("keywords")) {
            List<String> kw = new ArrayList<>(source == null ? List.of(image.shortName()) : source.keywords());
            meta.put("keywords", kw);
        }
        if (meta.isEmpty()) {
            out.remove("metadata");
        }
    }

    // ============================================================================== helpers

    /** The source of the first of these fields that is set; {@link ValueSource#RULE} when none is. */
    private ValueSource src(IntentField<?>... fields) {
        for (IntentField<?> field : fields) {
            Optional<ValueSource> s = intent.source(field);
            if (s.isPresent()) {
                return s.get();
            }
        }
        return ValueSource.RULE;
    }

    /** "given in the spec", "asked for in the request", ...: a reason that credits exactly the source. */
    static String given(ValueSource source) {
        return switch (source) {
            case REQUEST -> "asked for in the request";
            case SPEC -> "given in the spec";
            case ANSWER -> "given as an answer";
            case FEEDBACK -> "asked for in the feedback";
            case LLM -> "proposed by the model";
            case CATALOG -> "taken from the app catalog";
            case RULE -> "derived by a planning rule";
            case DEFAULT -> "the documented default";
        };
    }

    /** "in the request", "in the spec", ...: where a mention was made. */
    private static String where(ValueSource source) {
        return switch (source) {
            case REQUEST -> "in the request";
            case SPEC -> "in the spec";
            case ANSWER -> "in an answer";
            case FEEDBACK -> "in the feedback";
            case LLM -> "by the model";
            default -> "by the " + source.wire();
        };
    }

    private static String describe(List<Port> ports) {
        List<String> parts = new ArrayList<>();
        for (Port p : ports) {
            parts.add(p.name() + " " + p.containerPort());
        }
        return String.join(", ", parts);
    }

    private String partialSummary(AppEntry app, AppEntry runtime, Image image) {
        StringBuilder sb = new StringBuilder();
        if (app != null) {
            sb.append("app: ").append(app.name()).append('\n');
        } else if (runtime != null) {
            sb.append("runtime: ").append(runtime.name()).append('\n');
        }
        if (image != null) {
            sb.append("image: ").append(image.reference()).append('\n');
        }
        intent.value(IntentField.PORTS).ifPresent(ports -> sb.append("ports: ").append(describe(ports)).append('\n'));
        intent.value(IntentField.INGRESS_HOSTS).ifPresent(hosts -> sb.append("ingress hosts: ").append(hosts).append('\n'));
        intent.value(IntentField.TIER).ifPresent(tier -> sb.append("tier: ").append(tier.wire()).append('\n'));
        for (Dependency d : intent.dependencies()) {
            sb.append("uses: ").append(d.kind()).append('\n');
        }
        return sb.toString();
    }

    private List<Question> sortQuestions() {
        List<Question> out = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        for (Priority p : Priority.values()) {
            for (Question q : questions) {
                if (q.priority() == p && fields.add(q.field())) {
                    out.add(q);
                }
            }
        }
        return out;
    }

    private static List<String> dedupe(List<String> list) {
        return new ArrayList<>(new LinkedHashSet<>(list));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> out, String key) {
        Object v = out.get(key);
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
            out.put(key, copy);
            return copy;
        }
        if (v != null) {
            throw new SpecException("spec." + key, "has the wrong type, expected a mapping", "write " + key + ": {...}");
        }
        Map<String, Object> created = new LinkedHashMap<>();
        out.put(key, created);
        return created;
    }

    private static Map<String, Object> sub(Map<String, Object> parent, String key) {
        return section(parent, key);
    }

    private static Map<String, Object> imageMap(Image image, Object given) {
        Map<String, Object> im = new LinkedHashMap<>();
        if (given instanceof Map<?, ?> m && m.get("pullPolicy") != null) {
            im.put("pullPolicy", m.get("pullPolicy"));
        }
        im.put("registry", image.registry());
        im.put("repository", image.repository());
        im.put("tag", image.tag());
        im.put("digest", image.digest());
        return im;
    }

    static int intOf(String field, Object v) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s && s.strip().matches("\\d{1,9}")) {
            return Integer.parseInt(s.strip());
        }
        throw new SpecException("spec." + field, "'" + v + "' is not a whole number", "write a number");
    }
}
