package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.Companion;
import dev.k8sautopilot.model.DaemonSetSpec;
import dev.k8sautopilot.model.HttpRouteSpec;
import dev.k8sautopilot.model.IntentField;
import dev.k8sautopilot.model.Workload;
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
 * writes what it understood into the request's {@link ChartIntent} (so a spec file, overlaid later, still wins) and
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
     * Adds what the text says about the slices to the intent parsed from it, and returns it.
     *
     * @param text   a request or feedback text
     * @param parsed the intent {@link RequestParser} parsed from the same text
     */
    ChartIntent recognize(String text, ChartIntent parsed) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        ChartIntent.Builder b = parsed.toBuilder();
        daemonSet(t, b);
        httpRoute(t, b);
        companions(t, b, parsed);
        return b.build();
    }

    private void daemonSet(String t, ChartIntent.Builder f) {
        // "3 replicas spread on all nodes" is a Deployment; "one pod per node" may have been read as replicas: 1.
        boolean counted = f.value(IntentField.REPLICAS).map(n -> n > 1).orElse(false);
        boolean perNode = PER_NODE.matcher(t).find() && !counted && !f.value(IntentField.AUTOSCALING_ENABLED).orElse(false);
        if (!(DAEMONSET.matcher(t).find() || perNode) || f.has(IntentField.WORKLOAD)) {
            return;
        }
        f.set(IntentField.WORKLOAD, Workload.DAEMONSET);
        StringBuilder choice = new StringBuilder("DaemonSet: one pod per node");
        boolean workersOnly = WORKERS_ONLY.matcher(t).find();
        choice.append(workersOnly ? ", worker nodes only" : ", tolerating every taint");
        boolean hostPort = HOST_PORT.matcher(t).find();
        if (hostPort) {
            // The main port is named once the rules chose the ports: Resolution replaces the placeholder.
            choice.append(", main port on the node (hostPort)");
        }
        f.set(IntentField.DAEMON_SET, new DaemonSetSpec(null, !workersOnly, hostPort ? List.of(HOST_PORT_MAIN) : List.of()));
        decisions.add(new PlanDecision("workload", choice.toString(), "the request asks for a per-node agent", ValueSource.REQUEST));
    }

    /** Placeholder for "the main port", replaced by its name once the rules chose the ports. */
    static final String HOST_PORT_MAIN = "@main";

    /** The route with this Gateway name (an answer to the {@code httpRoute.gateway} question). */
    static HttpRouteSpec withGateway(Optional<HttpRouteSpec> route, String gateway) {
        HttpRouteSpec r = route.orElse(HttpRouteSpec.disabled());
        return new HttpRouteSpec(null, gateway, r.gatewayNamespace(), r.sectionName(), r.hostnames(), r.path(), r.matchType(), r.tls());
    }

    private void httpRoute(String t, ChartIntent.Builder f) {
        boolean api = GATEWAY_API.matcher(t).find();
        Optional<Matcher> named = gatewayName(ROUTED_GATEWAY, t);
        if (named.isEmpty() && api) {
            named = gatewayName(GATEWAY_NAME, t);
        }
        if (!api && named.isEmpty()) {
            return;
        }
        String gateway = "";
        String namespace = null;
        if (named.isEmpty()) {
            f.ask(new Question("httpRoute.gateway", "Which Gateway should the HTTPRoute attach to (its name, e.g. public-gw)?",
                    Priority.CRITICAL, Optional.empty(), "a Gateway API route needs a parent Gateway; the request names none"));
        } else {
            Matcher m = named.get();
            gateway = m.group(1);
            Matcher ns = GATEWAY_NAMESPACE.matcher(t.substring(m.end()));
            if (ns.find() && (ns.group(2) != null || !NOT_A_NAME.contains(ns.group(1))) && !ns.group(1).equals("namespace")) {
                namespace = ns.group(1);
            }
        }
        String section = null;
        Matcher l = LISTENER.matcher(t);
        if (l.find()) {
            String listener = l.group(1) != null ? l.group(1) : l.group(2);
            if (!NOT_A_NAME.contains(listener)) {
                section = listener;
            }
        }
        // Hosts, path and TLS the parser read as an Ingress belong to the route: the Gateway replaces the Ingress.
        List<String> hosts = f.value(IntentField.INGRESS_HOSTS).orElse(List.of());
        String path = f.value(IntentField.INGRESS_PATH).orElse(null);
        boolean tls = f.value(IntentField.INGRESS_TLS).orElse(false) || t.contains("https") || t.matches("(?s).*\\btls\\b.*");
        for (IntentField<?> field : List.of(IntentField.INGRESS_HOSTS, IntentField.INGRESS_PATH, IntentField.INGRESS_TLS,
                IntentField.INGRESS_CONTROLLER, IntentField.INGRESS_CLASS_NAME)) {
            f.unset(field);
        }
        f.set(IntentField.INGRESS_ENABLED, false);
        f.set(IntentField.HTTP_ROUTE, new HttpRouteSpec(null, gateway, namespace, section, hosts, path, null, tls));
        decisions.add(new PlanDecision("routing", "Gateway API HTTPRoute", "the request routes through a Gateway (no Ingress)", ValueSource.REQUEST));
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

    private void companions(String t, ChartIntent.Builder f, ChartIntent parsed) {
        Set<String> apps = new LinkedHashSet<>();
        for (Pattern p : List.of(COMPANION, AS_SUBCHART)) {
            Matcher m = p.matcher(t);
            while (m.find()) {
                for (String word : m.group(1).strip().split("\\s+")) {
                    Companion.supported(word).ifPresent(apps::add);
                }
            }
        }
        if (apps.isEmpty() || f.has(IntentField.COMPANIONS)) {
            return;
        }
        // The companion is not the chart's app: "my-api with its own postgres" packages my-api, not PostgreSQL.
        String app = f.value(IntentField.APP).orElse(null);
        if (app != null && apps.contains(app)) {
            f.unset(IntentField.APP);
            f.unset(IntentField.APP_VERSION);
            app = null;
        }
        for (var d : parsed.dependencies()) {
            Companion.supported(d.kind()).filter(apps::contains).ifPresent(k -> f.withoutDependency(d.kind()));
        }
        List<Companion> list = new ArrayList<>();
        for (String a : apps) {
            String[] names = app == null ? null : WIRING.get(app + "/" + a);
            list.add(names == null ? Companion.of(a) : new Companion(a, null, null, names[0], names[1], names[2], names[3]));
        }
        f.set(IntentField.COMPANIONS, list);
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
