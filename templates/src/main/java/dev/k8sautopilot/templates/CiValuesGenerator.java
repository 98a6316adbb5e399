package dev.k8sautopilot.templates;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ci/*-values.yaml} scenarios: the defaults, one that switches every optional feature of the chart
 * on, (when the chart reads secrets) one that uses an existing Secret, and those the feature slices add. Only
 * keys the values model has are set, so every scenario validates against values.schema.json.
 */
final class CiValuesGenerator implements TemplateGenerator {

    @Override
    public String id() {
        return "ci-values";
    }

    @Override
    public Set<String> after() {
        return Set.of("values");
    }


    @Override
    public Map<String, String> generate(GenerationContext ctx) {
        ValuesModel values = ctx.values();
        Map<String, Object> all = new LinkedHashMap<>();
        String host = "all-features." + ctx.chartName() + ".example.com";
        set(values, all, "replicaCount", 2);
        // A port-based startup probe needs a container port; a chart without ports keeps it off.
        boolean hasPorts = values.leaves().stream().anyMatch(l -> l.path().startsWith("containerPorts."));
        if (hasPorts || values.leaf("startupProbe.type").map(l -> "exec".equals(l.defaultValue())).orElse(false)) {
            set(values, all, "startupProbe.enabled", true);
        }
        set(values, all, "pdb.create", true);
        set(values, all, "autoscaling.enabled", true);
        set(values, all, "autoscaling.minReplicas", 2);
        set(values, all, "autoscaling.maxReplicas", 5);
        set(values, all, "autoscaling.targetCPU", 75);
        set(values, all, "autoscaling.targetMemory", 80);
        set(values, all, "podAntiAffinityPreset", "hard");
        set(values, all, "ingress.enabled", true);
        set(values, all, "ingress.hostname", host);
        set(values, all, "ingress.tls", true);
        set(values, all, "ingressRoute.enabled", true);
        set(values, all, "ingressRoute.hostname", host);
        set(values, all, "ingressRoute.entryPoints", List.of("websecure"));
        set(values, all, "ingressRoute.tls.enabled", true);
        set(values, all, "ingressRoute.middlewares.redirectScheme.enabled", true);
        set(values, all, "ingressRoute.middlewares.stripPrefix.enabled", true);
        set(values, all, "ingressRoute.middlewares.headers.enabled", true);
        set(values, all, "ingressRoute.middlewares.rateLimit.enabled", true);
        set(values, all, "ingressRoute.middlewares.basicAuth.enabled", true);
        if (values.leaf("ingressRoute.middlewares.basicAuth.secret").map(l -> "".equals(l.defaultValue())).orElse(false)) {
            set(values, all, "ingressRoute.middlewares.basicAuth.secret", ctx.chartName() + "-basic-auth");
        }
        set(values, all, "networkPolicy.enabled", true);
        set(values, all, "networkPolicy.allowExternal", false);
        set(values, all, "networkPolicy.allowExternalEgress", false);
        set(values, all, "persistence.enabled", true);
        // replicaCount is 2 here, and one ReadWriteOnce claim cannot serve two pods: the chart creates its own claim.
        if (values.leaf("persistence.existingClaim").map(l -> !"".equals(l.defaultValue())).orElse(false)) {
            set(values, all, "persistence.existingClaim", "");
        }
        set(values, all, "metrics.enabled", true);
        set(values, all, "metrics.serviceMonitor.enabled", true);
        set(values, all, "rbac.create", true);
        set(values, all, "automountServiceAccountToken", true);
        set(values, all, "extraEnvVars", List.of(ChartValues.ordered("name", "CI_SCENARIO", "value", "all-features")));
        set(values, all, "podLabels", ChartValues.ordered("scenario", "all-features"));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("ci/default-values.yaml", "# Scenario: the chart's default values.\n{}\n");
        out.put("ci/all-features-values.yaml", "# Scenario: every optional feature of the chart switched on.\n" + Yaml.dump(all));
        if (values.leaf("auth.secretEnv").map(l -> !((List<?>) l.defaultValue()).isEmpty()).orElse(false)) {
            Map<String, Object> existing = new LinkedHashMap<>();
            set(values, existing, "auth.existingSecret", ctx.chartName() + "-credentials");
            out.put("ci/existing-secret-values.yaml", "# Scenario: secrets come from a Secret managed outside the chart.\n" + Yaml.dump(existing));
        }
        for (Feature f : ctx.features()) {
            f.ciScenarios(ctx.spec()).forEach((file, scenario) -> {
                Map<String, Object> values1 = new LinkedHashMap<>();
                scenario.forEach((path, value) -> set(values, values1, path, value));
                String path = ChartFilesPaths.ci(file);
                if (out.putIfAbsent(path, "# Scenario: " + file.replace("-values.yaml", "") + " (feature " + f.id() + ").\n"
                        + Yaml.dump(values1)) != null) {
                    throw new IllegalStateException("Feature '" + f.id() + "' adds the ci scenario " + path + " twice (fix: rename it)");
                }
            });
        }
        return out;
    }

    /** Chart paths of feature scenarios. */
    private static final class ChartFilesPaths {
        static String ci(String file) {
            if (!file.matches("^[a-z0-9][a-z0-9-]*-values\\.yaml$")) {
                throw new IllegalStateException("ci scenario '" + file + "' must be named like httproute-values.yaml");
            }
            return "ci/" + file;
        }
    }

    /** Sets a dotted path in a nested map, only when the values model has that leaf. */
    @SuppressWarnings("unchecked")
    private static void set(ValuesModel values, Map<String, Object> root, String path, Object value) {
        if (values.leaf(path).isEmpty()) {
            return;
        }
        String[] parts = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }
}
