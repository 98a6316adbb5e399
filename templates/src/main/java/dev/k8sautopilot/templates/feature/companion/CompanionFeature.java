package dev.k8sautopilot.templates.feature.companion;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Companion;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.plan.CompanionSpecs;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.DefaultTemplateCoordinator;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.GenerationContext;
import dev.k8sautopilot.templates.ValuesModel;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Companion services as subcharts: the chart becomes an umbrella chart with each companion (a database, cache
 * or queue from the built-in catalog) generated under {@code charts/<name>/} and listed in Chart.yaml
 * {@code dependencies} with {@code condition: <name>.enabled}. The app's container gets the connection: the
 * host is the subchart's Service name (computed like the subchart's fullname helper), the port its Service port,
 * the password a {@code secretKeyRef} to the subchart's Secret (or its {@code auth.existingSecret}). With
 * {@code <name>.enabled=false} the same variables come from {@code external<Name>.*} instead.
 *
 * <p>Nothing is fetched: no repository, no {@code helm dependency build}; the subchart is what
 * {@code generate "a chart for <app>"} writes, named after the companion.
 */
public final class CompanionFeature implements Feature {

    /** Subcharts are rendered by the built-in slices only, so an umbrella is the same wherever it is generated. */
    private static final DefaultTemplateCoordinator SUBCHARTS = DefaultTemplateCoordinator.builder().discover(false).build();

    @Override
    public String id() {
        return "companions";
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return !spec.companions().isEmpty();
    }

    /** The values key of a companion's external settings, e.g. {@code externalMysql}. */
    static String externalKey(Companion c) {
        return "external" + c.name().substring(0, 1).toUpperCase(Locale.ROOT) + c.name().substring(1);
    }

    private static ChartSpec subchart(ChartSpec spec, Companion c) {
        return CompanionSpecs.spec(c, spec.name());
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        List<Object> wiring = new ArrayList<>();
        for (Companion c : spec.companions()) {
            ChartSpec sub = subchart(spec, c);
            Port port = sub.mainPort().orElseThrow(() -> new IllegalStateException("companion " + c.app() + " has no port"));
            String ext = externalKey(c);
            String what = c.app();
            v.section("Companion " + c.name() + " parameters")
                    .leaf(c.name() + ".enabled", c.on(), "Deploy the bundled " + what + " subchart (charts/" + c.name()
                            + "); when false the app connects to " + ext + ".host. Other " + c.name() + ".* keys configure the subchart")
                    .leaf(ext + ".host", "", "Host of an external " + what + ", used when " + c.name() + ".enabled is false")
                    .leaf(Leaf.of(ext + ".port", port.containerPort(), "Port of the external " + what).range(1, 65535));
            String passwordKey = "";
            if (c.wiresPassword()) {
                passwordKey = sub.secretEnv().isEmpty() ? "password" : sub.secretEnv().get(0).key();
                v.leaf(ext + ".user", c.user(), "User of the external " + what)
                        .leaf(ext + ".existingSecret", "", "Secret holding the external " + what + " password (required when "
                                + c.name() + ".enabled is false)")
                        .leaf(ext + ".passwordKey", passwordKey, "Key of the password in " + ext + ".existingSecret");
            }
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("name", c.name());
            w.put("external", ext);
            w.put("hostEnv", c.hostEnv());
            w.put("portEnv", c.portEnv());
            w.put("portName", ChartValues.camel(port.name()));
            w.put("port", port.servicePort());
            w.put("userEnv", c.userEnv());
            w.put("user", c.user());
            w.put("passwordEnv", c.passwordEnv());
            w.put("passwordKey", passwordKey);
            wiring.add(w);
        }
        v.section("Companion wiring parameters")
                .leaf("companionEnv", wiring, "How the app reaches each companion: the variables that get its host, port, user and "
                        + "password (a secretKeyRef to the subchart's Secret), the values key and the port");
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return Map.of("companions.tpl", "templates/_companions.tpl");
    }

    @Override
    public Map<String, String> slots(ChartSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("envIf", "env-if.tpl");
        out.put("env", "env.tpl");
        return out;
    }

    @Override
    public List<Map<String, Object>> chartDependencies(ChartSpec spec) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Companion c : spec.companions()) {
            out.add(ChartValues.ordered("name", c.name(), "version", subchart(spec, c).chartVersion(), "condition", c.name() + ".enabled"));
        }
        return out;
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        Set<String> kinds = new LinkedHashSet<>();
        for (Companion c : spec.companions()) {
            if (c.on()) {
                kinds.addAll(SUBCHARTS.renderedKinds(ChartPlan.of(subchart(spec, c))));
            }
        }
        return List.copyOf(kinds);
    }

    @Override
    public List<String> clusterPrerequisites(ChartSpec spec) {
        List<String> out = new ArrayList<>();
        for (Companion c : spec.companions()) {
            ChartSpec sub = subchart(spec, c);
            if (c.wiresPassword() && !sub.secretEnv().isEmpty()) {
                String param = ChartValues.camel(sub.secretEnv().get(0).key());
                out.add("A password for the bundled " + c.app() + ": set `" + c.name() + ".auth." + param + "` or `" + c.name()
                        + ".auth.existingSecret` (the app reads it from the same Secret)");
            }
        }
        return out;
    }

    @Override
    public Map<String, Map<String, Object>> ciScenarios(ChartSpec spec) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Companion c : spec.companions()) {
            Map<String, Object> scenario = new LinkedHashMap<>();
            String ext = externalKey(c);
            scenario.put(c.name() + ".enabled", false);
            scenario.put(ext + ".host", c.name() + ".example.internal");
            if (c.wiresPassword()) {
                scenario.put(ext + ".existingSecret", spec.name() + "-" + c.name() + "-credentials");
            }
            out.put("external-" + c.name() + "-values.yaml", scenario);
        }
        return out;
    }

    @Override
    public Map<String, String> generatedFiles(GenerationContext ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Companion c : ctx.spec().companions()) {
            ChartFiles sub = SUBCHARTS.generate(ChartPlan.of(subchart(ctx.spec(), c)));
            sub.files().forEach((path, content) -> out.put("charts/" + c.name() + "/" + path, content));
        }
        return out;
    }
}
