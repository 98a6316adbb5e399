package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.Companion;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.ValueSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Understands the request phrasings of the DaemonSet, Gateway API HTTPRoute and companion-subchart slices,
 * on top of {@link RequestParser}: "node exporter on every node", "as a DaemonSet", "with a host port",
 * "expose through the Gateway API via gateway public-gw in namespace infra", "ghost with its own mysql". It
 * writes what it understood into the request's {@link Facts} (so a spec file, applied later, still wins) and
 * adds one decision per slice to the finished plan. One instance per planning call; not thread-safe.
 */
final class SliceRequests {

    /** Says DaemonSet outright. */
    private static final Pattern DAEMONSET = Pattern.compile("\\bd(?:ae|ea)mon[ -]?sets?\\b");
    /** Says "one per node" in words; ignored when the request also gives a replica count above 1 or asks for autoscaling. */
    private static final Pattern PER_NODE = Pattern.compile(
            "\\b(?:on|to)\\s+(?:every|each|all(?:\\s+the)?)\\s+(?:(?:k8s|kubernetes|cluster|worker)\\s+)?nodes?\\b"
                    + "|\\bper[- ]node\\b|\\bone\\s+(?:pod|replica|instance|copy)\\s+(?:per|on\\s+each|on\\s+every)\\s+node\\b|\\bnode[- ]level\\s+agent\\b");
    private static final Pattern HOST_PORT = Pattern.compile("\\bhost[ -]?ports?\\b|\\bon\\s+the\\s+node'?s\\s+(?:own\\s+)?(?:network|port)\\b");
    private static final Pattern WORKERS_ONLY = Pattern.compile("\\bonly\\s+(?:on\\s+)?(?:the\\s+)?worker\\s+nodes\\b|\\bnot\\s+on\\s+(?:the\\s+)?control[- ]plane\\b");
    private static final Pattern GATEWAY_API = Pattern.compile("\\bgateway[- ]api\\b|\\bhttp[- ]?routes?\\b");
    /** "via/through/behind/attached to/using the gateway NAME": routing through a named Gateway. */
    private static final Pattern ROUTED_GATEWAY = Pattern.compile(
            "\\b(?:via|through|behind|using|attach(?:ed)?\\s+to|attaches\\s+to|on)\\s+(?:the\\s+|a\\s+)?gateway\\s+(?:(?:named|called|resource)\\s+)?"
                    + "[\"'`]?([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)[\"'`]?");
    /** "gateway NAME" anywhere, trusted only when the request speaks of the Gateway API or an HTTPRoute. */
    private static final Pattern GATEWAY_NAME = Pattern.compile(
            "\\bgateway\\s+(?:(?:named|called|resource)\\s+)?[\"'`]?([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)[\"'`]?");
    private static final Pattern GATEWAY_NAMESPACE = Pattern.compile(
            "^\\s*(?:in|from)\\s+(?:the\\s+)?(?:namespace\\s+)?[\"'`]?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)[\"'`]?(\\s+namespace)?");
    private static final Pattern LISTENER = Pattern.compile(
            "\\b(?:listener|section(?:\\s*name)?)\\s+[\"'`]?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)|\\b([a-z0-9][a-z0-9-]*)\\s+listener\\b");
    private static final Set<String> NOT_A_NAME = Set.of("api", "via", "with", "and", "on", "at", "in", "to", "for", "the", "a", "an",
            "listener", "class", "controller", "route", "routes", "httproute", "resource", "named", "called", "of", "from", "using", "is");
    private static final Pattern COMPANION = Pattern.compile(
            "\\b(?:with|and|plus|including|has|having|bundl(?:e|es|ed|ing)(?:\\s+with)?)\\s+(?:(?:its|their|his|her|an?|the)\\s+)?"
                    + "(?:own|dedicated|bundled|embedded|private|separate)\\s+([a-z][a-z ]{1,20}?)(?=\\s+(?:database|db|cache|queue|broker|server|instance|subchart)\\b|[\\s,.;]|$)");
    private static final Pattern AS_SUBCHART = Pattern.compile(
            "\\b([a-z]+)\\s+(?:as\\s+an?\\s+)?(?:subchart|companion\\s+chart|dependency\\s+chart)\\b");

    /** App-specific variable names for a companion, where the app's image expects its own. */
    private static final Map<String, String[]> WIRING = Map.of(
            "ghost/mysql", new String[] {"database__connection__host", "database__connection__port", "database__connection__user", "database__connection__password"},
            "wordpress/mysql", new String[] {"WORDPRESS_DB_HOST", "WORDPRESS_DB_PORT", "WORDPRESS_DB_USER", "WORDPRESS_DB_PASSWORD"},
            "wordpress/mariadb", new String[] {"WORDPRESS_DB_HOST", "WORDPRESS_DB_PORT", "WORDPRESS_DB_USER", "WORDPRESS_DB_PASSWORD"});

    private final List<PlanDecision> decisions = new ArrayList<>();

    /**
     * Adds what the text says about the slices to the facts parsed from it, and returns them.
     *
     * @param text  a request or feedback text
     * @param facts the facts {@link RequestParser} parsed from the same text
     */
    Facts recognize(String text, Facts facts) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        daemonSet(t, facts);
        httpRoute(t, facts);
        companions(t, facts);
        return facts;
    }

    private void daemonSet(String t, Facts f) {
        // "3 replicas spread on all nodes" is a Deployment; "one pod per node" may have been read as replicas: 1.
        boolean counted = f.get("replicas") instanceof Number n && n.intValue() > 1;
        boolean perNode = PER_NODE.matcher(t).find() && !counted && !Boolean.TRUE.equals(f.autoscaling);
        if (!(DAEMONSET.matcher(t).find() || perNode) || f.has("workload")) {
            return;
        }
        f.put("workload", "DaemonSet");
        StringBuilder choice = new StringBuilder("DaemonSet: one pod per node");
        if (WORKERS_ONLY.matcher(t).find()) {
            f.put("daemonSet.allNodes", false);
            choice.append(", worker nodes only");
        } else {
            choice.append(", tolerating every taint");
        }
        if (HOST_PORT.matcher(t).find()) {
            // The main port is named after the ports the parser found, or "http" by default; resolved in annotate().
            f.put("daemonSet.hostPorts", List.of(HOST_PORT_MAIN));
            choice.append(", main port on the node (hostPort)");
        }
        f.autoscaling = Boolean.TRUE.equals(f.autoscaling) ? Boolean.FALSE : f.autoscaling;
        decisions.add(new PlanDecision("workload", choice.toString(), "the request asks for a per-node agent", ValueSource.REQUEST));
    }

    /** Placeholder for "the main port", replaced by its name once the rules chose the ports. */
    static final String HOST_PORT_MAIN = "@main";

    private void httpRoute(String t, Facts f) {
        boolean api = GATEWAY_API.matcher(t).find();
        Optional<Matcher> named = gatewayName(ROUTED_GATEWAY, t);
        if (named.isEmpty() && api) {
            named = gatewayName(GATEWAY_NAME, t);
        }
        if (!api && named.isEmpty()) {
            return;
        }
        Map<String, Object> route = new LinkedHashMap<>();
        String gateway = "";
        if (named.isEmpty()) {
            f.questions.add(new Question("httpRoute.gateway", "Which Gateway should the HTTPRoute attach to (its name, e.g. public-gw)?",
                    Priority.CRITICAL, Optional.empty(), "a Gateway API route needs a parent Gateway; the request names none"));
        } else {
            Matcher m = named.get();
            gateway = m.group(1);
            route.put("gateway", gateway);
            Matcher ns = GATEWAY_NAMESPACE.matcher(t.substring(m.end()));
            if (ns.find() && (ns.group(2) != null || !NOT_A_NAME.contains(ns.group(1))) && !ns.group(1).equals("namespace")) {
                route.put("gatewayNamespace", ns.group(1));
            }
        }
        Matcher l = LISTENER.matcher(t);
        if (l.find()) {
            String listener = l.group(1) != null ? l.group(1) : l.group(2);
            if (!NOT_A_NAME.contains(listener)) {
                route.put("sectionName", listener);
            }
        }
        // Hosts, path and TLS the parser read as an Ingress belong to the route: the Gateway replaces the Ingress.
        Object hosts = f.get("ingress.hosts");
        if (hosts instanceof List<?> h && !h.isEmpty()) {
            route.put("hostnames", h);
        }
        if (f.get("ingress.path") instanceof String p) {
            route.put("path", p);
        }
        if (Boolean.TRUE.equals(f.get("ingress.tls")) || t.contains("https") || t.matches("(?s).*\\btls\\b.*")) {
            route.put("tls", true);
        }
        f.spec.remove("ingress");
        f.ingress = Boolean.FALSE;
        f.spec.put("httpRoute", route);
        decisions.add(new PlanDecision("routing", "Gateway API HTTPRoute to Gateway " + (gateway.isEmpty() ? "(asked)" : gateway)
                + (route.containsKey("gatewayNamespace") ? " in " + route.get("gatewayNamespace") : "")
                + (route.containsKey("sectionName") ? ", listener " + route.get("sectionName")
                : Boolean.TRUE.equals(route.get("tls")) ? ", TLS by the Gateway's https listener" : "")
                + (route.containsKey("hostnames") ? " for " + String.join(", ", ((List<?>) route.get("hostnames")).stream().map(String::valueOf).toList()) : ""),
                "the request routes through a Gateway (no Ingress)", ValueSource.REQUEST));
    }

    private static Optional<Matcher> gatewayName(Pattern p, String t) {
        Matcher m = p.matcher(t);
        while (m.find()) {
            if (!NOT_A_NAME.contains(m.group(1))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private void companions(String t, Facts f) {
        Set<String> apps = new LinkedHashSet<>();
        for (Pattern p : List.of(COMPANION, AS_SUBCHART)) {
            Matcher m = p.matcher(t);
            while (m.find()) {
                for (String word : m.group(1).strip().split("\\s+")) {
                    Companion.supported(word).ifPresent(apps::add);
                }
            }
        }
        if (apps.isEmpty() || f.has("companions")) {
            return;
        }
        // The companion is not the chart's app: "my-api with its own postgres" packages my-api, not PostgreSQL.
        if (f.appId != null && apps.contains(f.appId)) {
            f.appId = f.otherApps.stream().filter(o -> !apps.contains(o)).findFirst().orElse(null);
            f.appVersion = null;
        }
        f.otherApps.removeAll(apps);
        List<Map<String, Object>> list = new ArrayList<>();
        for (String app : apps) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("app", app);
            String[] names = f.appId == null ? null : WIRING.get(f.appId + "/" + app);
            if (names != null) {
                c.put("hostEnv", names[0]);
                c.put("portEnv", names[1]);
                c.put("userEnv", names[2]);
                c.put("passwordEnv", names[3]);
            }
            list.add(c);
        }
        f.spec.put("companions", list);
        decisions.add(new PlanDecision("companions", String.join(", ", apps) + " as subchart" + (apps.size() == 1 ? "" : "s")
                + " under charts/ (umbrella chart), wired by Service name and secretKeyRef",
                "the request asks for the app's own " + String.join(", ", apps), ValueSource.REQUEST));
    }

    /**
     * Environment variable names the companions of a spec document wire into the app, so the catalog's own
     * variables for the same connection (e.g. Ghost's {@code database__connection__password}) are not added twice.
     */
    static Set<String> companionEnv(Map<String, Object> spec) {
        Set<String> out = new LinkedHashSet<>();
        if (spec.get("companions") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    try {
                        Companion c = new Companion(str(m.get("app")), str(m.get("name")), null, str(m.get("hostEnv")),
                                str(m.get("portEnv")), str(m.get("userEnv")), str(m.get("passwordEnv")));
                        for (String v : List.of(c.hostEnv(), c.portEnv(), c.userEnv(), c.passwordEnv())) {
                            if (!v.isEmpty()) {
                                out.add(v);
                            }
                        }
                    } catch (RuntimeException e) {
                        // An invalid companion is reported by the spec itself, with its field; nothing to skip here.
                    }
                }
            }
        }
        return out;
    }

    /** Resolves the host-port placeholder to the main port's name, in place. */
    @SuppressWarnings("unchecked")
    static void resolveHostPorts(Map<String, Object> out) {
        if (out.get("daemonSet") instanceof Map<?, ?> ds && ds.get("hostPorts") instanceof List<?> hp && hp.contains(HOST_PORT_MAIN)) {
            String main = out.get("ports") instanceof List<?> ports && !ports.isEmpty() && ports.get(0) instanceof Map<?, ?> p
                    ? String.valueOf(p.get("name")) : null;
            List<Object> resolved = new ArrayList<>();
            for (Object o : hp) {
                if (!HOST_PORT_MAIN.equals(o)) {
                    resolved.add(o);
                } else if (main != null && !resolved.contains(main)) {
                    resolved.add(main);
                }
            }
            ((Map<String, Object>) ds).put("hostPorts", resolved);
        }
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    /** The plan with one decision per recognized slice appended; questions pass through unchanged. */
    PlanOutcome annotate(PlanOutcome outcome) {
        if (decisions.isEmpty() || !(outcome instanceof PlanOutcome.Planned planned)) {
            return outcome;
        }
        var plan = planned.plan();
        List<PlanDecision> all = new ArrayList<>(plan.decisions());
        for (PlanDecision d : decisions) {
            boolean kept = switch (d.topic()) {
                case "workload" -> plan.spec().workload() == dev.k8sautopilot.model.Workload.DAEMONSET;
                case "routing" -> plan.spec().httpRoute().on();
                case "companions" -> !plan.spec().companions().isEmpty();
                default -> true;
            };
            if (kept && d.topic().equals("routing")) {
                var r = plan.spec().httpRoute();
                all.add(new PlanDecision("routing", "Gateway API HTTPRoute to Gateway " + r.gateway()
                        + (r.gatewayNamespace().isEmpty() ? "" : " in " + r.gatewayNamespace())
                        + (r.sectionName().isEmpty() ? "" : ", listener " + r.sectionName() + (r.tls() ? " (TLS by the Gateway)" : ""))
                        + (r.hostnames().isEmpty() ? "" : " for " + String.join(", ", r.hostnames())),
                        d.reason(), d.source()));
            } else if (kept) {
                all.add(d);
            }
        }
        return new PlanOutcome.Planned(new dev.k8sautopilot.model.ChartPlan(plan.spec(), all, plan.warnings(), plan.planner()));
    }
}
