package dev.k8sautopilot.model;

import java.util.List;

/**
 * One rule of the namespaced Role the chart creates when the app needs Kubernetes API access.
 * Wildcards, {@code pods/exec} and escalation verbs are refused.
 *
 * @param apiGroups API groups, {@code ""} for the core group
 * @param resources resources such as {@code configmaps}
 * @param verbs     verbs such as {@code get}, {@code list}, {@code watch}
 */
public record RbacRule(List<String> apiGroups, List<String> resources, List<String> verbs) {

    private static final List<String> FORBIDDEN_VERBS = List.of("*", "escalate", "bind", "impersonate");

    public RbacRule {
        apiGroups = apiGroups == null || apiGroups.isEmpty() ? List.of("") : List.copyOf(apiGroups);
        resources = Checks.list(resources);
        verbs = Checks.list(verbs);
        if (resources.isEmpty()) {
            throw new SpecException("resources", "is empty", "name the resources, e.g. [configmaps]");
        }
        if (verbs.isEmpty()) {
            throw new SpecException("verbs", "is empty", "name the verbs, e.g. [get, list, watch]");
        }
        for (String g : apiGroups) {
            if (g.equals("*")) {
                throw new SpecException("apiGroups", "'*' grants every API group", "list the groups the app needs");
            }
        }
        for (String r : resources) {
            if (r.equals("*") || r.equals("pods/exec") || r.equals("secrets") && verbs.contains("list")) {
                throw new SpecException("resources", "'" + r + "' is too broad for an application Role",
                        "list only the resources the app needs (no '*', pods/exec, or listing secrets)");
            }
        }
        for (String v : verbs) {
            if (FORBIDDEN_VERBS.contains(v)) {
                throw new SpecException("verbs", "'" + v + "' is not allowed", "use get, list, watch, create, update, patch or delete");
            }
        }
    }
}
