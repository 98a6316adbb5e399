package dev.k8sautopilot.templates.feature.rbac;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.RbacRule;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pods' ServiceAccount, and a namespaced Role + RoleBinding when the app calls the Kubernetes API. */
public final class RbacFeature implements Feature {

    @Override
    public String id() {
        return "rbac";
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        List<Object> rules = new ArrayList<>();
        for (RbacRule r : spec.rbac()) {
            rules.add(ChartValues.ordered("apiGroups", r.apiGroups(), "resources", r.resources(), "verbs", r.verbs()));
        }
        v.section("RBAC and service account parameters")
                .leaf("serviceAccount.create", true, "Create a ServiceAccount for the pods")
                .leaf("serviceAccount.name", "", "Name of the ServiceAccount; empty for the fullname")
                .leaf("serviceAccount.annotations", Map.of(), "Annotations of the ServiceAccount")
                .leaf("serviceAccount.automountServiceAccountToken", false, "Mount the token on the ServiceAccount level")
                .leaf("rbac.create", !spec.rbac().isEmpty(), "Create a Role and RoleBinding for the ServiceAccount")
                .leaf("rbac.rules", rules, "Rules of the Role (apiGroups, resources, verbs)");
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("serviceaccount.yaml", "templates/serviceaccount.yaml");
        out.put("role.yaml", "templates/role.yaml");
        out.put("rolebinding.yaml", "templates/rolebinding.yaml");
        return out;
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        return spec.rbac().isEmpty() ? List.of("ServiceAccount") : List.of("ServiceAccount", "Role", "RoleBinding");
    }
}
