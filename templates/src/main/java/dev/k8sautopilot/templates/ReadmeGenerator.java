package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.IngressController;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * README.md in the Bitnami layout: introduction, prerequisites, install/uninstall, configuration notes,
 * a Mermaid diagram of the chart's objects and one parameters table per values section.
 */
final class ReadmeGenerator implements TemplateGenerator {

    @Override
    public String id() {
        return "readme";
    }

    @Override
    public Phase phase() {
        return Phase.DOCUMENTATION;
    }


    @Override
    public Map<String, String> generate(GenerationContext ctx) {
        ChartSpec spec = ctx.spec();
        Map<String, String> fill = new LinkedHashMap<>();
        fill.put("title", spec.name());
        fill.put("name", spec.name());
        fill.put("description", markdown(spec.description()));
        fill.put("image", "`" + spec.image().reference().replace("`", "") + "`");
        fill.put("workload", spec.workload().wire());
        fill.put("tier", spec.tier().wire());
        fill.put("diagram", diagram(ctx));
        StringBuilder pre = new StringBuilder();
        // CRDs first, then what the cluster must provide; each from the feature slice that needs it.
        ctx.features().forEach(f -> f.requiredCrds(spec).forEach(line -> pre.append("- ").append(line).append('\n')));
        ctx.features().forEach(f -> f.clusterPrerequisites(spec).forEach(line -> pre.append("- ").append(line).append('\n')));
        fill.put("prerequisites", pre.toString());
        fill.put("parameters", ctx.values().toReadmeTables());
        fill.put("license", markdown(spec.metadata().license()));
        return Map.of("README.md", TemplateText.fill(BuiltinGenerators.CHART + "README.md", fill));
    }

    /** A flowchart of the objects the chart can render; default-on ones solid, switchable ones dashed. */
    private static String diagram(GenerationContext ctx) {
        ChartSpec spec = ctx.spec();
        Set<String> on = Set.copyOf(ctx.renderedKinds());
        Map<String, String> files = ctx.files();
        String workload = spec.workload().wire();
        List<String> nodes = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        node(nodes, optional, on, "workload", workload, workload);
        node(nodes, optional, on, "pods", "Pod", "Pods");
        edges.add("workload --> pods");
        node(nodes, optional, on, "sa", "ServiceAccount", "ServiceAccount");
        edges.add("pods -. uses .-> sa");
        if (files.containsKey("templates/service.yaml")) {
            node(nodes, optional, on, "svc", "Service", "Service");
            edges.add("svc --> pods");
            boolean traefik = spec.ingress().controller() == IngressController.TRAEFIK;
            node(nodes, optional, on, "ing", traefik && spec.ingress().enabled() ? "-" : "Ingress", "Ingress");
            edges.add("ing --> svc");
            node(nodes, optional, on, "ir", "IngressRoute", "IngressRoute");
            edges.add("ir --> svc");
            node(nodes, optional, on, "mw", "Middleware", "Middlewares");
            edges.add("ir --> mw");
            node(nodes, optional, on, "sm", "ServiceMonitor", "ServiceMonitor");
            edges.add("sm --> svc");
            if (files.containsKey("templates/httproute.yaml")) {
                node(nodes, optional, on, "hr", "HTTPRoute", "HTTPRoute");
                edges.add("hr --> svc");
            }
        }
        if (files.containsKey("templates/service-headless.yaml")) {
            nodes.add("  headless[\"Service (headless)\"]");
            edges.add("headless --> pods");
        }
        node(nodes, optional, on, "cm", "ConfigMap", "ConfigMap");
        edges.add("pods --> cm");
        node(nodes, optional, on, "secret", "Secret", "Secret");
        edges.add("pods --> secret");
        node(nodes, optional, on, "pvc", spec.workload().wire().equals("StatefulSet") && spec.persistence().enabled()
                ? "-" : "PersistentVolumeClaim", spec.workload().wire().equals("StatefulSet") ? "PVCs (volumeClaimTemplates)" : "PersistentVolumeClaim");
        edges.add("pods --> pvc");
        if (files.containsKey("templates/hpa.yaml")) {
            node(nodes, optional, on, "hpa", "HorizontalPodAutoscaler", "HorizontalPodAutoscaler");
            edges.add("hpa --> workload");
            node(nodes, optional, on, "pdb", "PodDisruptionBudget", "PodDisruptionBudget");
            edges.add("pdb --> pods");
        }
        node(nodes, optional, on, "np", "NetworkPolicy", "NetworkPolicy");
        edges.add("np --> pods");
        node(nodes, optional, on, "role", "Role", "Role + RoleBinding");
        edges.add("role --> sa");
        for (var c : spec.companions()) {
            // A companion subchart: the app reaches it through its Service; dashed when switched off by default.
            String id = "sub" + c.name();
            nodes.add("  " + id + "[\"" + c.name() + " (subchart)\"]");
            edges.add("pods --> " + id);
            if (!c.on()) {
                optional.add(id);
            }
        }
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        nodes.forEach(n -> sb.append(n).append('\n'));
        edges.forEach(e -> sb.append("  ").append(e).append('\n'));
        if (!optional.isEmpty()) {
            sb.append("  classDef optional stroke-dasharray: 5 5\n");
            sb.append("  class ").append(String.join(",", optional)).append(" optional\n");
        }
        return sb.toString().stripTrailing();
    }

    private static void node(List<String> nodes, List<String> optional, Set<String> on, String id, String kind, String label) {
        nodes.add("  " + id + "[\"" + label + "\"]");
        boolean renders = kind.equals("-") || kind.equals("Pod") || on.contains(kind)
                || kind.equals("StatefulSet") && on.contains("StatefulSet");
        if (!renders) {
            optional.add(id);
        }
    }

    /** Escapes text for Markdown paragraphs (no HTML, no link or emphasis syntax). */
    static String markdown(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\`*_{}[]<>()#+!|~".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
