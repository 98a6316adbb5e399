package dev.k8sautopilot.templates.feature.config;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.SecretEnv;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configuration and secrets: the chart's ConfigMap (plain env and files, whose leaves
 * {@code configuration.*} sit with the container's in the workload section) and its Secret (the
 * {@code auth.*} leaves: which variables come from which key, and {@code auth.existingSecret}).
 */
public final class ConfigFeature implements Feature {

    @Override
    public String id() {
        return "config";
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        v.section("Authentication parameters")
                .leaf("auth.existingSecret", spec.existingSecret(), "Name of an existing Secret holding the keys listed in auth.secretEnv; when set the chart creates no Secret");
        List<Object> entries = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        for (SecretEnv s : spec.secretEnv()) {
            String param = ChartValues.camel(s.key());
            if (Set.of("existingSecret", "secretEnv").contains(param) || params.containsValue(param)) {
                param = param + "Value" + (params.size() + 1);
            }
            params.put(s.name(), param);
            entries.add(ChartValues.ordered("name", s.name(), "key", s.key(), "param", param));
        }
        v.leaf("auth.secretEnv", entries, "Environment variables read from the Secret: variable name, Secret key, and the auth value that fills the chart's own Secret");
        params.forEach((name, param) -> v.leaf("auth." + param, "",
                "Value of " + name + " in the chart's Secret; empty by default: set it at install time or use auth.existingSecret"));
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("configmap.yaml", "templates/configmap.yaml");
        out.put("secret.yaml", "templates/secret.yaml");
        return out;
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        List<String> kinds = new ArrayList<>();
        if (!spec.env().isEmpty() || !spec.configFiles().isEmpty()) {
            kinds.add("ConfigMap");
        }
        if (!spec.secretEnv().isEmpty() && spec.existingSecret().isEmpty()) {
            kinds.add("Secret");
        }
        return kinds;
    }
}
