package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.ValueSource;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.ProbeType;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.ResourcesPreset;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Tier;
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
 * The rule engine: completes layered {@link Facts} with the catalog and the tier/HA/sizing rules into a
 * {@link ChartPlan}, recording every decision with its reason, or returns the questions that must be
 * answered first. One instance per planning call; not thread-safe.
 */
final class PlanRules {

    private static final Map<ResourcesPreset, String[]> PRESETS = Map.of(
            ResourcesPreset.NANO, new String[] {"100m", "128Mi", "192Mi"},
            ResourcesPreset.MICRO, new String[] {"250m", "256Mi", "384Mi"},
            ResourcesPreset.SMALL, new String[] {"500m", "512Mi", "768Mi"},
            ResourcesPreset.MEDIUM, new String[] {"500m", "1024Mi", "1536Mi"},
            ResourcesPreset.LARGE, new String[] {"1", "2048Mi", "3072Mi"},
            ResourcesPreset.XLARGE, new String[] {"1", "3072Mi", "6144Mi"},
            ResourcesPreset.XXLARGE, new String[] {"1", "3072Mi", "12288Mi"});

    private final AppCatalog catalog;
    private final Facts f;
    private final List<PlanDecision> decisions = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Question> questions = new ArrayList<>();
    private final Map<String, String> answers;

    PlanRules(AppCatalog catalog, Facts facts, Map<String, String> answers) {
        this.catalog = catalog;
        this.f = facts;
        this.answers = answers;
    }

    PlanOutcome run(String plannerId) {
        applyAnswers();
        warnings.addAll(f.warnings);
        questions.addAll(f.questions);
        Map<String, Object> out = deepCopy(f.spec);
        out.remove("service");

        AppEntry app = resolveApp();
        AppEntry runtime = f.runtimeId == null ? null : catalog.find(f.runtimeId).orElse(null);
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

        Workload explicitWorkload = f.has("workload") ? Workload.parse(String.valueOf(f.get("workload"))) : null;
        boolean longRunning = explicitWorkload == null || explicitWorkload == Workload.DEPLOYMENT || explicitWorkload == Workload.STATEFULSET;
        List<Map<String, Object>> ports = ports(defaults, longRunning);
        out.put("ports", ports);

        Tier tier = tier();
        out.put("tier", tier.wire());
        boolean ha = Boolean.TRUE.equals(f.highAvailability) || "hard".equals(f.get("podAntiAffinityPreset"));

        // persistence and workload kind
        boolean persistence = persistence(app, out);
        int explicitReplicas = f.has("replicas") ? intOf("replicas", f.get("replicas")) : 0;
        if (f.has("replicas") && (explicitReplicas < 1 || explicitReplicas > 1000)) {
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
                && !"ReadWriteMany".equals(f.get("persistence.accessMode"))) {
            warnings.add("a Deployment with " + (hpa ? "autoscaling" : replicas + " replicas") + " shares one ReadWriteOnce volume; "
                    + "pods on other nodes cannot mount it — use ReadWriteMany storage or a StatefulSet");
        }

        resources(out, tier, app, runtime);
        probes(out, defaults, ports, longRunning);
        security(out, app, runtime, catalogImage, image);
        env(out, app);
        if (app != null && catalogImage) {
            if (!f.has("command") && !app.command().isEmpty()) {
                out.put("command", app.command());
            }
            if (!f.has("args") && !app.args().isEmpty()) {
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
        for (String other : f.otherApps) {
            warnings.add(other + " is mentioned too; this chart packages " + (app != null ? app.name() : name)
                    + " only — deploy " + other + " as its own chart and point the app at its Service");
        }
        if (app != null && !app.notes().isEmpty()) {
            warnings.add(app.name() + ": " + app.notes());
        }
        if (!questions.isEmpty()) {
            return new PlanOutcome.NeedsInput(sortQuestions(), partialSummary(app, runtime, image));
        }
        ChartSpec spec = ChartSpecs.fromMap(out);
        return new PlanOutcome.Planned(new ChartPlan(spec, decisions, dedupe(warnings), plannerId));
    }

    // ============================================================================== answers

    private void applyAnswers() {
        for (Map.Entry<String, String> a : answers.entrySet()) {
            String field = a.getKey().strip();
            String value = a.getValue() == null ? "" : a.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            try {
                switch (field) {
                    case "image" -> {
                        Image img = Image.parse(value);
                        Map<String, Object> im = new LinkedHashMap<>();
                        im.put("registry", img.registry());
                        im.put("repository", img.repository());
                        im.put("tag", img.tag());
                        im.put("digest", img.digest());
                        f.spec.put("image", im);
                    }
                    case "image.tag" -> {
                        Image.of("x", value);
                        f.put("image.tag", value);
                    }
                    case "port", "ports" -> {
                        Map<String, Object> p = new LinkedHashMap<>();
                        p.put("name", "http");
                        p.put("containerPort", RequestParser.bounded("port", value, 65535));
                        f.put("ports", new ArrayList<>(List.of(p)));
                    }
                    case "replicas" -> f.put("replicas", RequestParser.bounded("replicas", value, 1000));
                    case "ingress.host", "ingress.hosts" -> {
                        f.put("ingress.hosts", new ArrayList<>(List.of(value.toLowerCase(Locale.ROOT))));
                        f.ingress = true;
                    }
                    case "tier" -> f.tier = Tier.parse(value);
                    case "name" -> f.put("name", ChartNames.label(value));
                    case "app" -> f.appId = catalog.find(value).map(AppEntry::id).orElseThrow(
                            () -> new SpecException("", "'" + value + "' is not in the app catalog", "give an image instead"));
                    default -> f.put(field, coerce(value));
                }
            } catch (SpecException e) {
                throw new SpecException("answers." + field, e.problem(), e.fix());
            }
            f.questions.removeIf(q -> q.field().equals(field) || (field.equals("image") && q.field().startsWith("image")));
        }
    }

    private static Object coerce(String value) {
        if (value.matches("-?\\d{1,9}")) {
            return Integer.parseInt(value);
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
        }
        return value;
    }

    // ============================================================================== app, image, name

    private AppEntry resolveApp() {
        Object explicit = f.get("app");
        if (explicit instanceof String s && !s.isBlank()) {
            Optional<AppEntry> e = catalog.find(s);
            if (e.isPresent()) {
                return e.get();
            }
        }
        if (f.appId != null) {
            return catalog.find(f.appId).orElse(null);
        }
        Image img = explicitImage();
        return img == null ? null : catalog.findByImage(img).filter(e -> !e.runtime()).orElse(null);
    }

    private Image explicitImage() {
        Object raw = f.get("image");
        if (raw == null) {
            return null;
        }
        try {
            if (raw instanceof String s) {
                return Image.parse(s);
            }
            if (raw instanceof Map<?, ?> m) {
                Object repo = m.get("repository");
                if (repo == null || String.valueOf(repo).isBlank()) {
                    return null;
                }
                Object registry = m.get("registry");
                Object tag = m.get("tag");
                Object digest = m.get("digest");
                String ref = (registry == null || String.valueOf(registry).isBlank() ? "" : registry + "/") + repo
                        + (tag == null || String.valueOf(tag).isBlank() ? "" : ":" + tag)
                        + (digest == null || String.valueOf(digest).isBlank() ? "" : "@" + digest);
                return Image.parse(ref);
            }
        } catch (SpecException e) {
            throw new SpecException("spec.image", e.problem(), e.fix());
        }
        throw new SpecException("spec.image", "has the wrong type", "write a reference such as nginx:1.27.3 or a mapping");
    }

    private Image resolveImage(AppEntry app, AppEntry runtime) {
        Image img = explicitImage();
        if (img != null) {
            if (img.pinned()) {
                if (!img.tag().isEmpty() && img.tag().matches("v?\\d+") && app == null) {
                    warnings.add("image tag " + img.tag() + " moves with every release; pin a full version for reproducible installs");
                }
                decisions.add(new PlanDecision("image", img.reference(), "given in the request", ValueSource.REQUEST));
                return img;
            }
            if (app != null) {
                String tag = versionedTag(app, f.appVersion);
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
            String tag = versionedTag(app, f.appVersion);
            Image chosen = app.image().withTag(tag);
            String reason = "official image for " + app.name() + (app.imageNote().isEmpty() ? "" : "; " + app.imageNote());
            decisions.add(new PlanDecision("image", chosen.reference(), reason, ValueSource.RULE));
            return chosen;
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
        Object explicit = f.get("name");
        String name;
        String reason;
        if (explicit instanceof String s && !s.isBlank()) {
            name = ChartNames.label(s);
            reason = "named in the request";
        } else if (app != null) {
            name = app.id();
            reason = "the catalog id of " + app.name();
        } else {
            name = ChartNames.label(image.shortName());
            reason = "the image repository's short name";
        }
        decisions.add(new PlanDecision("name", name, reason, ValueSource.RULE));
        return name;
    }

    // ============================================================================== ports, kind, scaling

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> ports(AppEntry defaults, boolean longRunning) {
        List<Map<String, Object>> ports = new ArrayList<>();
        Object explicit = f.get("ports");
        if (explicit instanceof List<?> list && !list.isEmpty()) {
            int i = 0;
            for (Object o : list) {
                if (o instanceof Number n) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("name", i == 0 ? "http" : "http-" + (i + 1));
                    pm.put("containerPort", n.intValue());
                    ports.add(pm);
                } else if (o instanceof Map<?, ?> m) {
                    ports.add(new LinkedHashMap<>((Map<String, Object>) m));
                } else {
                    throw new SpecException("spec.ports[" + i + "]", "is not a port", "write a number or {name: http, containerPort: 8080}");
                }
                i++;
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
            decisions.add(new PlanDecision("ports", describePorts(ports), "given in the request"
                    + (defaults != null && !defaults.runtime() && defaults.ports().size() > 1 ? ", plus the other ports of " + defaults.name() : ""), ValueSource.REQUEST));
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
        Object servicePort = f.get("service.port");
        if (servicePort != null && !ports.isEmpty()) {
            ports.get(0).put("servicePort", intOf("service.port", servicePort));
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
        Object explicit = f.get("tier");
        if (explicit != null) {
            Tier t = Tier.parse(String.valueOf(explicit));
            decisions.add(new PlanDecision("tier", t.wire(), "given in the spec", ValueSource.SPEC));
            return t;
        }
        if (f.tier != null) {
            decisions.add(new PlanDecision("tier", f.tier.wire(), "named in the request", ValueSource.REQUEST));
            return f.tier;
        }
        decisions.add(new PlanDecision("tier", "dev", "no environment named; dev sizing (say \"production\" for HA defaults)", ValueSource.DEFAULT));
        return Tier.DEV;
    }

    private boolean persistence(AppEntry app, Map<String, Object> out) {
        Object explicitEnabled = f.get("persistence.enabled");
        boolean on;
        String reason;
        if (explicitEnabled instanceof Boolean b) {
            on = b;
            reason = "given in the spec";
        } else if (f.persistence != null) {
            on = f.persistence;
            reason = on ? "asked for in the request" : "the request asks for no persistence";
        } else if (app != null && app.persistence().isPresent() && app.persistence().get().enabled()) {
            on = true;
            reason = app.name() + " keeps data";
        } else {
            on = false;
            reason = "nothing to keep across restarts was asked for";
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
                    reason + (f.has("persistence.size") ? "" : "; size is the " + (storage.isPresent() ? "catalog" : "chart") + " default"), ValueSource.CATALOG));
        }
        return on;
    }

    private Workload workload(Workload explicit, AppEntry app, boolean persistence, int replicas) {
        Workload w;
        String reason;
        if (explicit != null) {
            w = explicit;
            reason = "asked for in the request";
        } else if (app != null && app.workload() == Workload.STATEFULSET) {
            w = Workload.STATEFULSET;
            reason = app.name() + " is a " + app.category() + ": stable identity, ordered rollout and a volume per pod";
        } else if (persistence && app != null && app.dataStore()) {
            w = Workload.STATEFULSET;
            reason = app.name() + " with persistence needs a stable volume per pod";
        } else if (persistence && replicas > 1 && !"ReadWriteMany".equals(f.get("persistence.accessMode"))) {
            w = Workload.STATEFULSET;
            reason = replicas + " replicas each need their own ReadWriteOnce volume";
        } else {
            w = Workload.DEPLOYMENT;
            reason = persistence ? "one pod with a PersistentVolumeClaim" : "stateless: pods are interchangeable";
        }
        decisions.add(new PlanDecision("workload", w.wire(), reason, ValueSource.RULE));
        return w;
    }

    private int replicas(int explicit, Tier tier, boolean ha, boolean scalable, AppEntry app, Workload workload) {
        if (workload == Workload.JOB || workload == Workload.CRONJOB) {
            return 1;
        }
        if (explicit > 0) {
            if (!scalable && explicit > 1) {
                warnings.add(app.name() + " does not replicate data by itself: " + explicit + " replicas are independent instances");
            }
            if ((ha || tier == Tier.PROD) && explicit < 2) {
                warnings.add("1 replica in " + (ha ? "a highly available" : "a production") + " setup: no redundancy during restarts");
            }
            decisions.add(new PlanDecision("replicas", String.valueOf(explicit), "given in the request", ValueSource.REQUEST));
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
        Object given = f.get("autoscaling");
        if (given instanceof Map<?, ?> m) {
            m.forEach((k, v) -> a.put(String.valueOf(k), v));
        }
        boolean enabled = a.get("enabled") instanceof Boolean b ? b : Boolean.TRUE.equals(f.autoscaling);
        if (workload == Workload.JOB || workload == Workload.CRONJOB) {
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
                    f.has("autoscaling.targetCpu") || f.has("autoscaling.targetMemory") ? "targets given in the request"
                            : "autoscaling asked for; 80% CPU is the default target", ValueSource.REQUEST));
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
        if (r.get("preset") != null) {
            preset = ResourcesPreset.parse(String.valueOf(r.get("preset")));
        } else {
            preset = tier == Tier.PROD ? ResourcesPreset.MEDIUM : ResourcesPreset.SMALL;
            boolean heavy = (app != null && (app.heavy() || app.dataStore())) || (app == null && runtime != null && runtime.heavy());
            if (heavy) {
                preset = ResourcesPreset.values()[Math.min(preset.ordinal() + 1, ResourcesPreset.XXLARGE.ordinal())];
            }
            r.put("preset", preset.wire());
        }
        boolean explicit = has(r, "requestsCpu") || has(r, "requestsMemory") || has(r, "limitsCpu") || has(r, "limitsMemory");
        if (!explicit) {
            String[] p = PRESETS.getOrDefault(preset, PRESETS.get(ResourcesPreset.SMALL));
            decisions.add(new PlanDecision("sizing", "preset " + preset.wire() + " (requests " + p[0] + " CPU / " + p[1]
                    + ", memory limit " + p[2] + ")", tier.wire() + " tier" + (preset.ordinal() > (tier == Tier.PROD ? 4 : 3)
                    ? "; " + (app != null ? app.name() : "the runtime") + " needs more than the tier default" : ""), ValueSource.CATALOG));
            return;
        }
        String[] p = PRESETS.getOrDefault(preset, PRESETS.get(ResourcesPreset.SMALL));
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
                "given in the request" + (added.isEmpty() ? "" : "; added " + String.join(", ", added)
                        + " so every container has requests and a memory limit")
                        + (has(r, "limitsCpu") ? "" : "; no CPU limit, to avoid throttling"), ValueSource.REQUEST));
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
            decisions.add(new PlanDecision("probes", "HTTP readiness " + readiness.get("path") + ", liveness " + liveness.get("path"),
                    "health path given in the request" + (lPath == null || rPath == null ? "; the other probe uses the same path" : ""), ValueSource.REQUEST));
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
            decisions.add(new PlanDecision("probes", "TCP on the main port", "no health path known; say \"health check at /healthz\" for HTTP probes", ValueSource.RULE));
        }
        readiness.putIfAbsent("enabled", true);
        liveness.putIfAbsent("enabled", true);
        readiness.putIfAbsent("initialDelaySeconds", 5);
        liveness.putIfAbsent("initialDelaySeconds", 30);
        if (!port.isEmpty()) {
            readiness.putIfAbsent("port", port);
            liveness.putIfAbsent("port", port);
        }
        boolean startup = Boolean.TRUE.equals(f.startupProbe) || (d != null && d.startup()) || f.has("probes.startup");
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
            decisions.add(new PlanDecision("probes", "startup probe, up to 300 s", "slow starter: liveness waits until the app is up", ValueSource.RULE));
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
                source == null ? "hardened defaults; the image must run as an arbitrary non-root user"
                        : source.name() + (source.runtime() ? " images usually run as this user" : " runs as this user")
                        + (ro ? "" : "; its entrypoint writes outside dedicated directories"), ValueSource.DEFAULT));
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
        for (String dropped : f.secretValueDropped) {
            warnings.add(dropped + " looks like a secret: it comes from the chart's Secret; its literal value was not written into the chart — set it at install time");
        }
        if (app != null) {
            List<String> added = new ArrayList<>();
            app.env().forEach((k, v) -> {
                if (!names.contains(k) && !secretNames.contains(k)) {
                    names.add(k);
                    env.add(new LinkedHashMap<>(Map.of("name", k, "value", v)));
                    added.add(k);
                }
            });
            for (String s : app.secretEnv()) {
                if (secretNames.add(s)) {
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
        boolean enabled = in.get("enabled") instanceof Boolean b ? b : Boolean.TRUE.equals(f.ingress) || in.containsKey("hosts");
        if (f.ingress != null && !(f.get("ingress.enabled") instanceof Boolean)) {
            enabled = f.ingress;
        }
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
        if (controller == null) {
            if (traefikExtras) {
                controller = "traefik";
                reason = "middlewares (redirect, strip prefix, rate limit, headers) and cert resolvers need Traefik";
            } else {
                controller = "generic";
                reason = "no controller named: a standard Ingress for the cluster's default IngressClass";
            }
        } else {
            reason = "named in the request";
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
                + in.get("certResolver") : " from Secret " + in.get("tlsSecretName")) : ""), reason, ValueSource.RULE));
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
                decisions.add(new PlanDecision("middlewares", String.join(", ", mw), "asked for in the request", ValueSource.REQUEST));
            }
        }
    }

    private void service(Map<String, Object> out) {
        Object type = f.get("service.type");
        Map<String, Object> s = new LinkedHashMap<>();
        if (f.get("service") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (!"port".equals(k)) {
                    s.put(String.valueOf(k), v);
                }
            });
        }
        if (type != null) {
            decisions.add(new PlanDecision("service", String.valueOf(type), "asked for in the request", ValueSource.REQUEST));
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
        if (!np.containsKey("enabled")) {
            boolean asked = Boolean.TRUE.equals(f.networkPolicy);
            // Like Bitnami's charts: a NetworkPolicy is on unless the request says no. Outside production it admits
            // any client (allowExternal) so nothing breaks; production and HA narrow it where the request did not.
            boolean on = f.networkPolicy == null || asked;
            np.put("enabled", on);
            if (on) {
                String reason = asked ? "asked for in the request"
                        : tier == Tier.PROD || ha ? (ha ? "high availability" : "production") + " tier: deny what is not needed"
                        : "on by default (Bitnami convention): traffic only to the container ports, from any pod;"
                                + " set networkPolicy.allowExternal=false to admit only labelled clients";
                decisions.add(new PlanDecision("network policy", "ingress only to the container ports"
                        + (Boolean.FALSE.equals(np.get("allowExternal")) ? " from labelled clients" : "")
                        + (Boolean.FALSE.equals(np.get("allowExternalEgress")) ? ", egress only DNS and in-namespace" : ""),
                        reason, ValueSource.RULE));
            }
        }
        if (workload == Workload.JOB || workload == Workload.CRONJOB) {
            pdb.put("create", false);
        }
    }

    @SuppressWarnings("unchecked")
    private void metrics(Map<String, Object> out, AppEntry app, List<Map<String, Object>> ports) {
        Map<String, Object> m = section(out, "metrics");
        boolean enabled = m.get("enabled") instanceof Boolean b ? b : Boolean.TRUE.equals(f.metrics);
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
            m.put("serviceMonitor", Boolean.TRUE.equals(f.serviceMonitor));
        }
        if (d.isEmpty() && !f.has("metrics.path")) {
            warnings.add("metrics asked for: assuming a Prometheus endpoint at " + m.getOrDefault("path", "/metrics")
                    + " on " + (port == 0 ? "the main port" : "port " + port));
        }
        decisions.add(new PlanDecision("metrics", m.getOrDefault("path", "/metrics") + " on " + (port == 0 ? "the main port" : "port " + port)
                + (Boolean.TRUE.equals(m.get("serviceMonitor")) ? " with a ServiceMonitor" : " (Prometheus annotations; ServiceMonitor off)"),
                d.isPresent() ? app.name() + " serves Prometheus metrics there" : "asked for in the request", ValueSource.REQUEST));
    }

    private void metadata(Map<String, Object> out, AppEntry app, AppEntry runtime, Image image) {
        if (!out.containsKey("description")) {
            out.put("description", app != null ? app.description() + " on Kubernetes"
                    : (runtime != null ? runtime.description() : "Application " + image.shortName()) + " (" + image.repository() + ") on Kubernetes");
        }
        Map<String, Object> meta = section(out, "metadata");
        AppEntry source = app != null ? app : runtime;
        if (!meta.containsKey("home") && app != null && !app.home().isEmpty()) {
            meta.put("home", app.home());
        }
        // No "sources" guessed from the image: a registry page is not a source repository (Chart.yaml leaves out what is not known).
        if (!meta.containsKey("keywords")) {
            List<String> kw = new ArrayList<>(source == null ? List.of(image.shortName()) : source.keywords());
            meta.put("keywords", kw);
        }
        if (meta.isEmpty()) {
            out.remove("metadata");
        }
    }

    // ============================================================================== helpers

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
        if (f.has("ports")) {
            sb.append("ports: ").append(f.get("ports")).append('\n');
        }
        if (f.has("ingress.hosts")) {
            sb.append("ingress hosts: ").append(f.get("ingress.hosts")).append('\n');
        }
        if (f.tier != null) {
            sb.append("tier: ").append(f.tier.wire()).append('\n');
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> mm) {
                out.put(k, deepCopy((Map<String, Object>) mm));
            } else if (v instanceof List<?> l) {
                List<Object> copy = new ArrayList<>();
                for (Object o : l) {
                    copy.add(o instanceof Map<?, ?> om ? deepCopy((Map<String, Object>) om) : o);
                }
                out.put(k, copy);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
