package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural checks of Gateway API {@code HTTPRoute} objects ({@code gateway.networking.k8s.io}): parentRefs
 * with a name, host names without scheme or port, rules whose path matches and backendRefs are well formed, and
 * no unknown fields where the API has a closed set. Other Gateway API kinds are reported as not checked.
 */
final class GatewayApiChecks implements CustomResourceCheck {

    static final String RULE = "gateway-httproute";
    private static final String HINT = "see https://gateway-api.sigs.k8s.io/reference/spec/#httproute";
    private static final Set<String> SPEC = Set.of("parentRefs", "hostnames", "rules");
    private static final Set<String> PARENT_REF = Set.of("group", "kind", "namespace", "name", "sectionName", "port");
    private static final Set<String> RULE_KEYS = Set.of("name", "matches", "filters", "backendRefs", "timeouts", "retry", "sessionPersistence");
    private static final Set<String> MATCH_KEYS = Set.of("path", "headers", "queryParams", "method");
    private static final Set<String> PATH_TYPES = Set.of("Exact", "PathPrefix", "RegularExpression");
    private static final Set<String> BACKEND_KEYS = Set.of("group", "kind", "name", "namespace", "port", "weight", "filters");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern HOSTNAME = Pattern.compile("^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.equals("gateway.networking.k8s.io");
    }

    @Override
    public List<Finding> check(RenderedObject o, String label) {
        if (!o.kind().equals("HTTPRoute")) {
            return List.of(KubernetesLayer.find(Severity.INFO, "k8s-unknown-kind", o,
                    "Gateway API " + o.kind() + " is not checked structurally" + label, "make sure the Gateway API CRDs are installed"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> spec = Maps.map(o.body(), "spec");
        unknown(problems, "spec", spec.keySet(), SPEC);
        List<?> parents = Maps.list(spec, "parentRefs");
        if (parents.isEmpty()) {
            problems.add("spec.parentRefs is missing or empty: the route attaches to no Gateway");
        }
        for (int i = 0; i < parents.size(); i++) {
            parentRef(problems, "spec.parentRefs[" + i + "]", parents.get(i));
        }
        List<?> hostnames = Maps.list(spec, "hostnames");
        for (int i = 0; i < hostnames.size(); i++) {
            Object h = hostnames.get(i);
            if (!(h instanceof String s) || s.length() > 253 || !HOSTNAME.matcher(s).matches()) {
                problems.add("spec.hostnames[" + i + "] '" + h + "' is not a host name (no scheme, port, path or IP; a leading *. is allowed)");
            }
        }
        List<?> rules = Maps.list(spec, "rules");
        if (rules.size() > 16) {
            problems.add("spec.rules has " + rules.size() + " rules, at most 16 are allowed");
        }
        for (int i = 0; i < rules.size(); i++) {
            rule(problems, "spec.rules[" + i + "]", rules.get(i));
        }
        return TraefikChecks.findings(o, RULE, problems, label, HINT);
    }

    private static void parentRef(List<String> problems, String at, Object ref) {
        if (!(ref instanceof Map<?, ?> m)) {
            problems.add(at + " is not an object");
            return;
        }
        unknown(problems, at, keys(m), PARENT_REF);
        if (Maps.string(m, "name").isBlank()) {
            problems.add(at + ".name is missing: name the Gateway");
        }
        String kind = Maps.string(m, "kind");
        if (!kind.isEmpty() && !Set.of("Gateway", "Service").contains(kind)) {
            problems.add(at + ".kind '" + kind + "' is neither Gateway nor Service");
        }
        for (String key : List.of("namespace", "sectionName")) {
            String v = Maps.string(m, key);
            if (m.containsKey(key) && (v.length() > 63 || !DNS_LABEL.matcher(v).matches())) {
                problems.add(at + "." + key + " '" + v + "' is not a DNS label");
            }
        }
    }

    private static void rule(List<String> problems, String at, Object rule) {
        if (!(rule instanceof Map<?, ?> r)) {
            problems.add(at + " is not an object");
            return;
        }
        unknown(problems, at, keys(r), RULE_KEYS);
        List<?> matches = Maps.list(r, "matches");
        for (int j = 0; j < matches.size(); j++) {
            String m = at + ".matches[" + j + "]";
            if (!(matches.get(j) instanceof Map<?, ?> match)) {
                problems.add(m + " is not an object");
                continue;
            }
            unknown(problems, m, keys(match), MATCH_KEYS);
            if (match.get("path") instanceof Map<?, ?> path) {
                String type = Maps.string(path, "type");
                String value = Maps.string(path, "value");
                if (!type.isEmpty() && !PATH_TYPES.contains(type)) {
                    problems.add(m + ".path.type '" + type + "' is not one of " + PATH_TYPES);
                }
                if (!"RegularExpression".equals(type) && !value.isEmpty() && !value.startsWith("/")) {
                    problems.add(m + ".path.value '" + value + "' does not start with /");
                }
            } else if (match.containsKey("path")) {
                problems.add(m + ".path is not an object with type and value");
            }
        }
        List<?> backends = Maps.list(r, "backendRefs");
        for (int j = 0; j < backends.size(); j++) {
            String b = at + ".backendRefs[" + j + "]";
            if (!(backends.get(j) instanceof Map<?, ?> ref)) {
                problems.add(b + " is not an object");
                continue;
            }
            unknown(problems, b, keys(ref), BACKEND_KEYS);
            if (Maps.string(ref, "name").isBlank()) {
                problems.add(b + ".name is missing");
            }
            String kind = Maps.string(ref, "kind");
            Object port = ref.get("port");
            if ((kind.isEmpty() || kind.equals("Service")) && !(port instanceof Number)) {
                problems.add(b + ".port must be the Service port number" + (port == null ? ", and it is missing" : ", not '" + port + "'"));
            } else if (port instanceof Number n && (n.longValue() < 1 || n.longValue() > 65535)) {
                problems.add(b + ".port " + n + " is out of range 1-65535");
            }
        }
    }

    private static Set<String> keys(Map<?, ?> m) {
        Set<String> out = new java.util.LinkedHashSet<>();
        m.keySet().forEach(k -> out.add(String.valueOf(k)));
        return out;
    }

    private static void unknown(List<String> problems, String at, Set<String> keys, Set<String> allowed) {
        for (String key : keys) {
            if (!allowed.contains(key)) {
                problems.add("unknown field '" + at + "." + key + "'");
            }
        }
    }
}
