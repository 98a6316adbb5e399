package dev.k8sautopilot.llm;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Redactor;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.ValueSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The trust boundary between a model's answer and a chart: which values the model proposed may be applied.
 *
 * <p>A value is applied when the user's own words ground it ({@link Grounds}: request, answers, feedback),
 * or when it is on a small allow-list of low-risk inferences (name, description, catalog app, workload kind,
 * ports, replicas, HPA and PDB settings, tier, metrics, Job schedule, secret variable <em>names</em>, HTTP/TCP
 * probes, resource sizing within {@value #MAX_CPU_CORES} CPUs and {@value #MAX_MEMORY_GI}Gi memory, persistence
 * size and access mode once persistence itself is asked for). Everything else the model proposes is dropped
 * unless grounded — in particular the security-relevant fields: images and registries (the whole reference),
 * extra containers, commands, arguments and exec probes, RBAC rules, namespace, a LoadBalancer or NodePort
 * Service, ingress hosts nobody named, mount paths and writable paths (system directories such as {@code /etc}
 * or {@code ~/.ssh} even when named), existing Secrets and Secret-backed TLS or auth, a NetworkPolicy turned off
 * or opened, chart metadata URLs, labels and annotations, invented persistence, plain environment variables
 * nobody named, and any value pointing at a cloud metadata endpoint.
 *
 * <p>Every drop becomes one warning line and a {@link PlanDecision#dropped dropped} decision with source
 * {@link ValueSource#LLM}; every kept top-level value becomes an applied decision with source
 * {@link ValueSource#REQUEST} when grounded, else {@link ValueSource#LLM}. The policy works on the answer
 * document (a map shaped like a ChartSpec document), so it can later feed a typed intent unchanged.
 * Stateless; each review uses its own collector.
 */
final class ModelAnswerPolicy {

    /** Explicit CPU requests/limits above this many cores are an invention unless the request names them. */
    static final int MAX_CPU_CORES = 4;
    /** Explicit memory above this many GiB is an invention unless the request names it. */
    static final int MAX_MEMORY_GI = 8;
    private static final int MAX_CHOICE = 160;

    /** Top-level fields the model may infer without grounding (each still validated by the ChartSpec model). */
    static final Set<String> ALLOWED = Set.of("name", "description", "app", "workload", "chartVersion", "appVersion", "ports",
            "replicas", "autoscaling", "tier", "podAntiAffinityPreset", "pdb", "metrics", "secretEnv", "job");

    private static final Set<String> SHELLS = Set.of("sh", "bash", "/bin/sh", "/bin/bash", "/usr/bin/env", "-c", "-ec", "-lc", "-euc");
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
    private static final Pattern RBAC_INTENT = Pattern.compile("\\brbac\\b|\\brole\\b|\\bclusterrole|permission|service ?account|kubernetes api|\\bapi access");
    private static final Pattern INGRESS_INTENT = Pattern.compile(
            "ingress|traefik|expos|\\bdomain|\\bhost|\\burl\\b|https|\\btls\\b|public|internet|\\broute|gateway|\\bat [a-z0-9-]+\\.[a-z]");
    private static final Pattern PERSISTENCE_INTENT = Pattern.compile(
            "persist|storage|volume|\\bdisk|\\bpvc|durable|\\b\\d+\\s?(gi|ti|mi|gb|tb)\\b|stateful");
    private static final Pattern NETPOL_OFF = Pattern.compile(
            "(no|without|disabl\\w*|turn off|skip)\\W+(any\\W+|the\\W+|a\\W+)?network ?polic|network ?polic\\w*\\W+(off|disabled|not needed)");
    private static final Pattern NETPOL_OPEN = Pattern.compile("external|egress|internet|outside|anywhere");
    private static final Pattern LOAD_BALANCER = Pattern.compile("load[ -]?balancer");
    private static final Pattern NODE_PORT = Pattern.compile("node[ -]?port");
    private static final Map<String, Pattern> FEATURE_WORDS = Map.of(
            "pdb", Pattern.compile("\\bpdb\\b|disruption|high(ly)? availab|\\bha\\b"),
            "autoscaling", Pattern.compile("autoscal|\\bhpa\\b|\\bscale"),
            "metrics", Pattern.compile("metric|prometheus|monitor"),
            "ingress", INGRESS_INTENT,
            "persistence", PERSISTENCE_INTENT,
            "networkPolicy", Pattern.compile("network ?polic"));

    private ModelAnswerPolicy() {
    }

    /** Collects what a review decided: the warning lines and the decisions. */
    static final class Review {
        private final List<String> warnings;
        private final List<PlanDecision> decisions = new ArrayList<>();

        Review(List<String> warnings) {
            this.warnings = warnings;
        }

        /** Records a dropped model value with its one-line warning. */
        void dropped(String topic, Object value, String reason) {
            String choice = show(value);
            decisions.add(PlanDecision.dropped(topic, choice, ValueSource.LLM, reason));
            warnings.add(SpecSanitizer.PREFIX + "dropped " + topic + (choice.isEmpty() ? "" : " = " + choice) + ": " + reason);
        }

        void applied(String topic, Object value, ValueSource source, String reason) {
            decisions.add(PlanDecision.applied(topic, show(value), source, reason));
        }

        List<String> warnings() {
            return warnings;
        }

        List<PlanDecision> decisions() {
            return List.copyOf(decisions);
        }
    }

    /**
     * Drops from {@code doc} (in place) every value the grounds do not ground and the allow-list does not
     * cover, recording each drop in {@code review}.
     */
    static void apply(Map<String, Object> doc, Grounds grounds, Review review) {
        new Run(doc, grounds, review).run();
    }

    /** Records an applied decision per top-level value left in the final document. */
    static void recordKept(Map<String, Object> doc, Grounds grounds, Map<String, String> answers, Review review) {
        doc.forEach((key, value) -> {
            boolean answered = answers.keySet().stream().anyMatch(a -> a.equals(key) || a.startsWith(key + "."));
            if (answered) {
                review.applied(key, value, ValueSource.ANSWER, "given as an answer; it wins over the model");
            } else if (key.equals("image") && value instanceof String ref && grounds.namesImage(ref) || grounded(key, value, grounds)) {
                review.applied(key, value, ValueSource.REQUEST, "named in the request");
            } else {
                review.applied(key, value, ValueSource.LLM, "proposed by the language model: a low-risk inference the request does not state");
            }
        });
    }

    /** True when every scalar of the value is named in the grounds (booleans: the feature is mentioned). */
    static boolean grounded(String topic, Object value, Grounds grounds) {
        List<Object> leaves = new ArrayList<>();
        leaves(value, leaves);
        List<Object> named = leaves.stream().filter(l -> !(l instanceof Boolean)).toList();
        if (named.isEmpty()) {
            Pattern feature = FEATURE_WORDS.get(topic);
            return feature != null && grounds.matches(feature);
        }
        return named.stream().allMatch(l -> grounds.mentions(scalarText(l)));
    }

    private static void leaves(Object value, List<Object> out) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> leaves(v, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> leaves(v, out));
        } else if (value != null) {
            out.add(value);
        }
    }

    private static String scalarText(Object value) {
        if (value instanceof Double d && d == Math.rint(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    static String show(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof String str ? str : Json.write(value);
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() <= MAX_CHOICE ? s : s.substring(0, MAX_CHOICE) + "…";
    }

    /** True for directories a chart must never mount over or make writable, named or not. */
    static boolean sensitivePath(String path) {
        String p = path.strip().toLowerCase(Locale.ROOT);
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (Set.of("/", "/etc", "/root", "/proc", "/sys", "/dev", "/bin", "/sbin", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib",
                "/usr/local/bin", "/lib", "/lib64", "/boot", "/var", "/var/run", "/run", "/home", "/var/lib", "/var/log").contains(p)) {
            return true;
        }
        for (String prefix : List.of("/proc/", "/sys/", "/dev/", "/root/", "/boot/", "/var/run/", "/run/", "/etc/kubernetes",
                "/var/lib/kubelet", "/var/lib/docker", "/var/lib/containerd", "/etc/ssh", "/etc/sudoers", "/etc/cron")) {
            if (p.startsWith(prefix)) {
                return true;
            }
        }
        return p.contains("/.ssh") || p.contains(".sock") || Set.of("/etc/passwd", "/etc/shadow", "/etc/group", "/etc/hosts",
                "/etc/resolv.conf", "/etc/ld.so.preload").contains(p);
    }

    // ---------------------------------------------------------------------------------------------

    private static final class Run {
        private final Map<String, Object> doc;
        private final Grounds grounds;
        private final Review review;

        Run(Map<String, Object> doc, Grounds grounds, Review review) {
            this.doc = doc;
            this.grounds = grounds;
            this.review = review;
        }

        void run() {
            for (String key : new ArrayList<>(doc.keySet())) {
                Object value = doc.get(key);
                switch (key) {
                    case "image" -> image(value);
                    case "command", "args" -> command(key, value);
                    case "initContainers", "sidecars" -> extraContainers(key, value);
                    case "rbac" -> rbac(value);
                    case "namespace" -> named(key, value, "the namespace decides where the chart lands; the release namespace is used");
                    case "existingSecret" -> named(key, value, "an existing Secret the request does not name could expose someone else's credentials; the chart creates its own");
                    case "service" -> service(asMap(value));
                    case "ingress" -> ingress(asMap(value));
                    case "persistence" -> persistence(asMap(value));
                    case "configFiles" -> configFiles(value);
                    case "security" -> security(asMap(value));
                    case "networkPolicy" -> networkPolicy(asMap(value));
                    case "metadata" -> metadata(asMap(value));
                    case "commonLabels", "commonAnnotations" -> pairs(key, asMap(value), doc, key);
                    case "probes" -> probes(asMap(value));
                    case "env" -> env(value);
                    case "resources" -> resources(asMap(value));
                    default -> {
                        if (!ALLOWED.contains(key) && !grounded(key, value, grounds)) {
                            drop(doc, key, key, value, "not a low-risk inference and not named in the request");
                        }
                    }
                }
            }
            metadataEndpoints(doc, "");
            imageFromRequest();
        }

        // -- helpers ---------------------------------------------------------------------------------

        private void drop(Map<String, Object> container, String key, String topic, Object value, String reason) {
            container.remove(key);
            review.dropped(topic, value, reason);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> asMap(Object value) {
            return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
        }

        private void named(String key, Object value, String reason) {
            if (!grounds.mentions(String.valueOf(value))) {
                drop(doc, key, key, value, "not named in the request — " + reason);
            }
        }

        private boolean commandGrounded(Object value) {
            if (!(value instanceof List<?> list)) {
                return value == null || value instanceof String s && grounds.mentions(s);
            }
            boolean any = false;
            for (Object element : list) {
                String e = String.valueOf(element);
                if (SHELLS.contains(e.strip())) {
                    continue;
                }
                if (!grounds.mentions(e)) {
                    return false;
                }
                any = true;
            }
            return any || list.isEmpty();
        }

        // -- fields ----------------------------------------------------------------------------------

        private void image(Object value) {
            String reference = imageReference(value);
            if (reference == null) {
                return; // not an image at all: the ChartSpec check drops it with its own message
            }
            if (!grounds.namesImage(reference)) {
                drop(doc, "image", "image", reference,
                        "the request does not name this image reference (registry, repository and tag); the catalog chooses or the run asks");
            }
        }

        /**
         * The request writes out exactly one pinned image and the answer has none left (the model gave none,
         * or one that was dropped): that is the main image — unless the answer packages a catalog app or a
         * kept extra container runs that image.
         */
        private void imageFromRequest() {
            List<String> pinned = grounds.pinnedImages();
            if (doc.containsKey("image") || doc.containsKey("app") || pinned.size() != 1) {
                return;
            }
            for (String key : List.of("sidecars", "initContainers")) {
                if (doc.get(key) instanceof List<?> containers) {
                    for (Object c : containers) {
                        String ref = c instanceof Map<?, ?> m ? imageReference(m.get("image")) : null;
                        if (ref != null && grounds.namesImage(ref) && Grounds.ofText(ref).namesImage(pinned.get(0))) {
                            return;
                        }
                    }
                }
            }
            doc.put("image", pinned.get(0));
        }

        private static String imageReference(Object value) {
            if (value instanceof String s) {
                return s;
            }
            if (value instanceof Map<?, ?> m && m.get("repository") != null) {
                String repository = String.valueOf(m.get("repository"));
                if (m.get("registry") != null && !String.valueOf(m.get("registry")).isBlank()) {
                    repository = m.get("registry") + "/" + repository;
                }
                String ref = repository + (m.get("tag") == null || String.valueOf(m.get("tag")).isEmpty() ? "" : ":" + m.get("tag"));
                return m.get("digest") == null || String.valueOf(m.get("digest")).isEmpty() ? ref : ref + "@" + m.get("digest");
            }
            return null;
        }

        private void command(String key, Object value) {
            if (!commandGrounded(value)) {
                drop(doc, key, key, value, "commands and arguments run inside the container; only ones the request spells out are kept");
            }
        }

        private void extraContainers(String key, Object value) {
            if (!(value instanceof List<?> list)) {
                return;
            }
            List<Object> kept = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                String topic = key + "[" + i + "]";
                Map<String, Object> c = asMap(item);
                String reference = c == null ? null : imageReference(c.get("image"));
                if (c == null || reference == null || !grounds.namesImage(reference)) {
                    review.dropped(topic, item, "an extra container runs its own image; the request does not name " + (reference == null ? "one" : reference));
                } else if (!commandGrounded(c.get("command")) || !commandGrounded(c.get("args"))) {
                    review.dropped(topic, item, "the container's command or arguments are not spelled out in the request");
                } else {
                    kept.add(item);
                }
            }
            replaceList(key, kept);
        }

        private void replaceList(String key, List<Object> kept) {
            if (kept.isEmpty()) {
                doc.remove(key);
            } else {
                doc.put(key, kept);
            }
        }

        private void rbac(Object value) {
            if (!(value instanceof List<?> list)) {
                return;
            }
            List<Object> kept = new ArrayList<>();
            boolean intent = grounds.matches(RBAC_INTENT);
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                Map<String, Object> rule = asMap(item);
                String problem = null;
                if (!intent) {
                    problem = "the request asks for no Kubernetes API access";
                } else if (rule == null) {
                    problem = "it is not a rule";
                } else {
                    for (Object r : rule.get("resources") instanceof List<?> rs ? rs : List.of()) {
                        String res = String.valueOf(r);
                        if (!grounds.mentions(res) && !grounds.mentions(res.endsWith("s") ? res.substring(0, res.length() - 1) : res)) {
                            problem = "the request does not name the resource " + res;
                        }
                    }
                    for (Object v : rule.get("verbs") instanceof List<?> vs ? vs : List.of()) {
                        String verb = String.valueOf(v).toLowerCase(Locale.ROOT);
                        if (!READ_VERBS.contains(verb) && !grounds.mentions(verb)) {
                            problem = "the request does not ask to " + verb;
                        }
                    }
                }
                if (problem == null) {
                    kept.add(item);
                } else {
                    review.dropped("rbac[" + i + "]", item, "an RBAC rule grants API access; " + problem);
                }
            }
            replaceList("rbac", kept);
        }

        private void service(Map<String, Object> service) {
            if (service == null) {
                return;
            }
            Object type = service.get("type");
            if (type != null) {
                String t = String.valueOf(type).replace(" ", "").toLowerCase(Locale.ROOT);
                boolean ok = t.equals("clusterip") || t.equals("loadbalancer") && grounds.matches(LOAD_BALANCER)
                        || t.equals("nodeport") && grounds.matches(NODE_PORT);
                if (!ok) {
                    drop(service, "type", "service.type", type, "exposes the app outside the cluster and the request does not ask for it; ClusterIP is used");
                }
            }
            pairs("service.annotations", asMap(service.get("annotations")), service, "annotations");
            emptyToNothing(doc, "service", service);
        }

        private void ingress(Map<String, Object> ingress) {
            if (ingress == null) {
                return;
            }
            if (ingress.get("hosts") instanceof List<?> hosts) {
                List<Object> kept = new ArrayList<>();
                for (Object h : hosts) {
                    if (grounds.mentions(String.valueOf(h))) {
                        kept.add(h);
                    } else {
                        review.dropped("ingress.hosts", h, "the request does not name this host");
                    }
                }
                ingress.put("hosts", kept);
            }
            if (Boolean.TRUE.equals(ingress.get("enabled")) && !grounds.matches(INGRESS_INTENT)) {
                drop(doc, "ingress", "ingress", ingress, "exposes the app through an ingress the request does not ask for");
                return;
            }
            for (String secretField : List.of("tlsSecretName")) {
                if (ingress.get(secretField) != null && !grounds.mentions(String.valueOf(ingress.get(secretField)))) {
                    drop(ingress, secretField, "ingress." + secretField, ingress.get(secretField), "an existing Secret the request does not name");
                }
            }
            Map<String, Object> traefik = asMap(ingress.get("traefik"));
            if (traefik != null) {
                if (traefik.get("basicAuthSecret") != null && !grounds.mentions(String.valueOf(traefik.get("basicAuthSecret")))) {
                    drop(traefik, "basicAuthSecret", "ingress.traefik.basicAuthSecret", traefik.get("basicAuthSecret"),
                            "an existing Secret the request does not name");
                }
                pairs("ingress.traefik.headers", asMap(traefik.get("headers")), traefik, "headers");
            }
        }

        private void persistence(Map<String, Object> persistence) {
            if (persistence == null) {
                return;
            }
            if (Boolean.TRUE.equals(persistence.get("enabled")) && !grounds.matches(PERSISTENCE_INTENT)) {
                drop(doc, "persistence", "persistence", persistence,
                        "the request asks for no storage; the rules decide persistence for well-known apps");
                return;
            }
            mountPath("persistence.mountPath", persistence);
            for (String field : List.of("existingClaim", "storageClass")) {
                if (persistence.get(field) != null && !grounds.mentions(String.valueOf(persistence.get(field)))) {
                    drop(persistence, field, "persistence." + field, persistence.get(field), "the request does not name it");
                }
            }
            memoryQuantity(persistence, "size", "persistence.size");
        }

        private void mountPath(String topic, Map<String, Object> owner) {
            Object path = owner.get("mountPath");
            if (path == null) {
                return;
            }
            String p = String.valueOf(path);
            if (sensitivePath(p)) {
                drop(owner, "mountPath", topic, p, "a system directory is never a mount point");
            } else if (!grounds.mentions(p)) {
                drop(owner, "mountPath", topic, p, "the request does not name this path; the default is used");
            }
        }

        private void configFiles(Object value) {
            if (!(value instanceof List<?> list)) {
                return;
            }
            List<Object> kept = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> file = asMap(list.get(i));
                if (file == null || !grounds.mentions(String.valueOf(file.get("fileName")))) {
                    review.dropped("configFiles[" + i + "]", list.get(i), "the request names no such configuration file");
                    continue;
                }
                mountPath("configFiles[" + i + "].mountPath", file);
                kept.add(file);
            }
            replaceList("configFiles", kept);
        }

        private void security(Map<String, Object> security) {
            if (security == null) {
                return;
            }
            if (security.get("writablePaths") instanceof List<?> paths) {
                List<Object> kept = new ArrayList<>();
                for (Object p : paths) {
                    String path = String.valueOf(p);
                    if (sensitivePath(path)) {
                        review.dropped("security.writablePaths", path, "a system directory is never made writable");
                    } else if (!grounds.mentions(path)) {
                        review.dropped("security.writablePaths", path, "the request does not name this directory");
                    } else {
                        kept.add(p);
                    }
                }
                security.put("writablePaths", kept);
            }
            if (security.get("capabilities") instanceof List<?> caps) {
                List<Object> kept = new ArrayList<>();
                for (Object c : caps) {
                    if (grounds.mentions(String.valueOf(c)) || lowPortNamed()) {
                        kept.add(c);
                    } else {
                        review.dropped("security.capabilities", c, "the request neither names it nor a port below 1024");
                    }
                }
                security.put("capabilities", kept);
            }
        }

        private boolean lowPortNamed() {
            if (!(doc.get("ports") instanceof List<?> ports)) {
                return false;
            }
            for (Object p : ports) {
                Object number = p instanceof Map<?, ?> m ? m.get("containerPort") : p;
                if (number instanceof Number n && n.intValue() > 0 && n.intValue() < 1024 && grounds.mentions(String.valueOf(n.intValue()))) {
                    return true;
                }
            }
            return false;
        }

        private void networkPolicy(Map<String, Object> policy) {
            if (policy == null) {
                return;
            }
            if (Boolean.FALSE.equals(policy.get("enabled")) && !grounds.matches(NETPOL_OFF)) {
                drop(policy, "enabled", "networkPolicy.enabled", false, "turning the NetworkPolicy off is not something the request asks for");
            }
            for (String field : List.of("allowExternal", "allowExternalEgress")) {
                if (Boolean.TRUE.equals(policy.get(field)) && !grounds.matches(NETPOL_OPEN)) {
                    drop(policy, field, "networkPolicy." + field, true, "opens the NetworkPolicy and the request does not ask for it");
                }
            }
            emptyToNothing(doc, "networkPolicy", policy);
        }

        private void metadata(Map<String, Object> metadata) {
            if (metadata == null) {
                return;
            }
            for (String field : List.of("home", "icon")) {
                if (metadata.get(field) != null && !grounds.mentions(String.valueOf(metadata.get(field)))) {
                    drop(metadata, field, "metadata." + field, metadata.get(field), "a URL the request does not give");
                }
            }
            if (metadata.get("sources") instanceof List<?> sources) {
                List<Object> kept = new ArrayList<>();
                for (Object s : sources) {
                    if (grounds.mentions(String.valueOf(s))) {
                        kept.add(s);
                    } else {
                        review.dropped("metadata.sources", s, "a URL the request does not give");
                    }
                }
                metadata.put("sources", kept);
            }
            if (metadata.get("maintainers") instanceof List<?> maintainers) {
                List<Object> kept = new ArrayList<>();
                for (Object m : maintainers) {
                    if (grounded("maintainers", m, grounds)) {
                        kept.add(m);
                    } else {
                        review.dropped("metadata.maintainers", m, "a maintainer the request does not name");
                    }
                }
                metadata.put("maintainers", kept);
            }
            emptyToNothing(doc, "metadata", metadata);
        }

        /** Labels, annotations and headers: each entry needs its key and value named in the request. */
        private void pairs(String topic, Map<String, Object> entries, Map<String, Object> owner, String field) {
            if (entries == null) {
                return;
            }
            Iterator<Map.Entry<String, Object>> it = entries.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Object> e = it.next();
                String v = String.valueOf(e.getValue());
                if (!grounds.mentions(e.getKey()) || !v.isEmpty() && !grounds.mentions(v)) {
                    it.remove();
                    review.dropped(topic, e.getKey() + "=" + v, "labels, annotations and headers change how other tools treat the objects; only named ones are kept");
                }
            }
            if (entries.isEmpty()) {
                owner.remove(field);
            }
        }

        private void probes(Map<String, Object> probes) {
            if (probes == null) {
                return;
            }
            for (String name : new ArrayList<>(probes.keySet())) {
                Map<String, Object> probe = asMap(probes.get(name));
                if (probe == null) {
                    continue;
                }
                boolean exec = "exec".equalsIgnoreCase(String.valueOf(probe.get("type"))) || probe.get("command") instanceof List<?> l && !l.isEmpty();
                if (exec && !commandGrounded(probe.get("command"))) {
                    drop(probes, name, "probes." + name, probe, "an exec probe runs a command the request does not spell out; the rules choose the probe");
                }
            }
            emptyToNothing(doc, "probes", probes);
        }

        private void env(Object value) {
            List<Object> kept = new ArrayList<>();
            Map<String, Object> keptMap = new LinkedHashMap<>();
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    if (envKept(String.valueOf(k), v)) {
                        keptMap.put(String.valueOf(k), v);
                    }
                });
                if (keptMap.isEmpty()) {
                    doc.remove("env");
                } else {
                    doc.put("env", keptMap);
                }
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    Map<String, Object> e = asMap(item);
                    String text = String.valueOf(item);
                    boolean keep = e != null ? envKept(String.valueOf(e.get("name")), e.get("value"))
                            : envKept(text.contains("=") ? text.substring(0, text.indexOf('=')) : text,
                                    text.contains("=") ? text.substring(text.indexOf('=') + 1) : null);
                    if (keep) {
                        kept.add(item);
                    }
                }
                replaceList("env", kept);
            }
        }

        private boolean envKept(String name, Object value) {
            String v = value == null ? "" : String.valueOf(value);
            // The warning and the decision reach the terminal, logs and checkpoints: a secret's value never does.
            String shown = name + "=" + (Redactor.secretName(name) && !v.isEmpty() ? Redactor.MASK : Redactor.text(v));
            if (!grounds.mentions(name)) {
                review.dropped("env", shown, "an environment variable the request does not name");
                return false;
            }
            if ((v.contains("://") || Grounds.pointsAtMetadataService(v)) && !grounds.mentions(v)) {
                review.dropped("env", shown, "an address the request does not give");
                return false;
            }
            return true;
        }

        private void resources(Map<String, Object> resources) {
            if (resources == null) {
                return;
            }
            for (String field : List.of("requestsMemory", "limitsMemory")) {
                memoryQuantity(resources, field, "resources." + field);
            }
            for (String field : List.of("requestsCpu", "limitsCpu", "requestsMemory", "limitsMemory")) {
                Object q = resources.get(field);
                if (q == null || grounds.mentions(String.valueOf(q))) {
                    continue;
                }
                double amount = Quantities.amount(String.valueOf(q));
                double bound = field.endsWith("Cpu") ? MAX_CPU_CORES : MAX_MEMORY_GI * 1024.0 * 1024 * 1024;
                if (amount > bound) {
                    drop(resources, field, "resources." + field, q, "more than any resources preset and not named in the request");
                }
            }
            emptyToNothing(doc, "resources", resources);
        }

        /** A bare number for memory or storage would mean bytes: refused, with the spelling to use. */
        private void memoryQuantity(Map<String, Object> owner, String field, String topic) {
            Object q = owner.get(field);
            if (q instanceof Number || q instanceof String s && s.strip().matches("^[0-9]+(\\.[0-9]+)?$")) {
                drop(owner, field, topic, q, "a bare number would mean bytes; write the unit, e.g. " + scalarText(q) + "Mi or " + scalarText(q) + "Gi");
            }
        }

        private static void emptyToNothing(Map<String, Object> owner, String key, Map<String, Object> value) {
            if (value.isEmpty()) {
                owner.remove(key);
            }
        }

        /** Any string anywhere that points at a cloud metadata endpoint is dropped unless the request gives it. */
        private void metadataEndpoints(Object node, String path) {
            if (node instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) m;
                for (String key : new ArrayList<>(map.keySet())) {
                    Object v = map.get(key);
                    String p = path.isEmpty() ? key : path + "." + key;
                    if (v instanceof String s && Grounds.pointsAtMetadataService(s) && !grounds.mentions(s)) {
                        drop(map, key, p, s, "points at a cloud metadata endpoint");
                    } else {
                        metadataEndpoints(v, p);
                    }
                }
            } else if (node instanceof List<?> l) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) l;
                for (int i = list.size() - 1; i >= 0; i--) {
                    Object v = list.get(i);
                    if (v instanceof String s && Grounds.pointsAtMetadataService(s) && !grounds.mentions(s)) {
                        list.remove(i);
                        review.dropped(path + "[" + i + "]", s, "points at a cloud metadata endpoint");
                    } else {
                        metadataEndpoints(v, path + "[" + i + "]");
                    }
                }
            }
        }
    }
}
