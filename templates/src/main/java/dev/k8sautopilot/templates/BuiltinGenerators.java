package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The built-in generators, in registration order (which breaks ties between ready generators). */
final class BuiltinGenerators {

    static final String CHART = TemplateText.BASE + "chart/";

    private BuiltinGenerators() {
    }

    static List<TemplateGenerator> all() {
        return List.of(
                new ChartYamlGenerator(),
                new ValuesYamlGenerator(),
                new SchemaGenerator(),
                copy("helpers", TemplateGenerator.Phase.CORE, p -> true, "templates/_helpers.tpl", "templates/_pod.tpl"),
                copy("helmignore", TemplateGenerator.Phase.CORE, p -> true, Map.of("helmignore", ".helmignore")),
                copy("deployment", workload(Workload.DEPLOYMENT), "templates/deployment.yaml"),
                copy("statefulset", workload(Workload.STATEFULSET), "templates/statefulset.yaml", "templates/service-headless.yaml"),
                copy("job", workload(Workload.JOB), "templates/job.yaml"),
                copy("cronjob", workload(Workload.CRONJOB), "templates/cronjob.yaml"),
                copy("service", p -> p.spec().hasService(), "templates/service.yaml"),
                copy("ingress", p -> p.spec().hasService(), "templates/ingress.yaml"),
                copy("ingressroute", p -> p.spec().hasService(), "templates/ingressroute.yaml", "templates/middlewares.yaml"),
                copy("configmap", p -> true, "templates/configmap.yaml"),
                copy("secret", p -> true, "templates/secret.yaml"),
                copy("hpa", p -> p.spec().longRunning(), "templates/hpa.yaml"),
                copy("pdb", p -> p.spec().longRunning(), "templates/pdb.yaml"),
                copy("networkpolicy", p -> true, "templates/networkpolicy.yaml"),
                copy("serviceaccount", p -> true, "templates/serviceaccount.yaml"),
                copy("rbac", p -> true, "templates/role.yaml", "templates/rolebinding.yaml"),
                copy("pvc", p -> p.spec().workload() != Workload.STATEFULSET, "templates/pvc.yaml"),
                copy("servicemonitor", p -> p.spec().hasService(), "templates/servicemonitor.yaml"),
                new ResourceGenerator("test-connection", TemplateGenerator.Phase.CONDITIONAL, p -> true,
                        spec -> Map.of(spec.hasService() ? "templates/tests/test-connection.yaml" : "templates/tests/test-connection-none.yaml",
                                "templates/tests/test-connection.yaml")),
                new CiValuesGenerator(),
                copy("notes", TemplateGenerator.Phase.DOCUMENTATION, p -> true, "templates/NOTES.txt"),
                new ReadmeGenerator());
    }

    private static Predicate<ChartPlan> workload(Workload w) {
        return p -> p.spec().workload() == w;
    }

    private static TemplateGenerator copy(String id, Predicate<ChartPlan> when, String... paths) {
        return copy(id, TemplateGenerator.Phase.CONDITIONAL, when, paths);
    }

    private static TemplateGenerator copy(String id, TemplateGenerator.Phase phase, Predicate<ChartPlan> when, String... paths) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : paths) {
            m.put(p, p);
        }
        return copy(id, phase, when, m);
    }

    private static TemplateGenerator copy(String id, TemplateGenerator.Phase phase, Predicate<ChartPlan> when, Map<String, String> resourceToPath) {
        return new ResourceGenerator(id, phase, when, spec -> resourceToPath);
    }

    /** Writes template resources with the chart name (and workload kind) filled in. */
    record ResourceGenerator(String id, TemplateGenerator.Phase phase, Predicate<ChartPlan> when,
                             java.util.function.Function<ChartSpec, Map<String, String>> resources) implements TemplateGenerator {

        @Override
        public boolean appliesTo(ChartPlan plan) {
            return when.test(plan);
        }

        @Override
        public Set<String> after() {
            return phase == Phase.CORE ? Set.of() : Set.of("helpers");
        }

        @Override
        public Map<String, String> generate(GenerationContext ctx) {
            Map<String, String> out = new LinkedHashMap<>();
            Map<String, String> ids = Map.of("workloadKind", ctx.spec().workload().wire());
            resources.apply(ctx.spec()).forEach((resource, path) ->
                    out.put(path, ctx.template(BuiltinGenerators.class, CHART + resource, ids)));
            return out;
        }
    }

    /** values.yaml, and the built-in values leaves every other generator relies on. */
    static final class ValuesYamlGenerator implements TemplateGenerator {

        @Override
        public String id() {
            return "values";
        }

        @Override
        public Phase phase() {
            return Phase.CORE;
        }


        @Override
        public void contributeValues(ChartPlan plan, ValuesModel.Builder values) {
            ChartValues.contribute(plan.spec(), values);
        }

        @Override
        public Map<String, String> generate(GenerationContext ctx) {
            String header = "# Default values for " + ctx.chartName() + ".\n"
                    + "# Generated by k8s-autopilot; every key is documented with @param and listed in README.md.\n\n";
            return Map.of("values.yaml", header + ctx.values().toValuesYaml());
        }
    }

    /** values.schema.json from the same values model. */
    static final class SchemaGenerator implements TemplateGenerator {

        @Override
        public String id() {
            return "values-schema";
        }

        @Override
        public Phase phase() {
            return Phase.CORE;
        }

        @Override
        public Set<String> after() {
            return Set.of("values");
        }


        @Override
        public Map<String, String> generate(GenerationContext ctx) {
            return Map.of("values.schema.json", ctx.values().toSchemaJson(ctx.chartName() + " values"));
        }
    }
}
