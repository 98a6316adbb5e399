package dev.k8sautopilot.templates.feature.daemonset;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Workload;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import java.util.List;
import java.util.Map;

/**
 * The DaemonSet workload: one pod per node, for per-node agents (metrics exporters, log shippers). Values: a
 * rolling update strategy with {@code maxUnavailable}, tolerations for every taint when the agent must run on
 * all nodes, and {@code hostPorts} (container ports also bound on the node) only when the spec asks for them.
 * No replicas, autoscaling or PodDisruptionBudget: the node count decides.
 */
public final class DaemonSetFeature implements Feature {

    @Override
    public String id() {
        return "daemonset";
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return spec.workload() == Workload.DAEMONSET;
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder values) {
        var ds = spec.daemonSet();
        ChartValues.pod(spec, values, v -> v
                .leaf(Leaf.of("revisionHistoryLimit", ChartValues.revisionHistoryLimit(spec.tier()),
                        "Old revisions to keep for rollbacks (from tier " + spec.tier().wire() + ")").range(0, 100))
                .leaf("updateStrategy", ChartValues.ordered("type", "RollingUpdate",
                        "rollingUpdate", ChartValues.ordered("maxUnavailable", ChartValues.intOrString(ds.maxUnavailable()))),
                        "Update strategy of the DaemonSet (RollingUpdate with maxUnavailable nodes at a time, or OnDelete)")
                .leaf(Leaf.of("minReadySeconds", 0, "Seconds a new pod must be ready before the update moves to the next node").range(0, 3600))
                .leaf("hostPorts", ds.hostPorts().stream().map(ChartValues::camel).toList(),
                        "Names of container ports also opened on each node's network (hostPort); empty for none"));
        // One pod per node: spreading and anti-affinity are the scheduler's job already.
        values.update("podAntiAffinityPreset", l -> l.withDefault(""));
        if (ds.tolerateAllNodes()) {
            values.update("tolerations", l -> l.withDefault(List.of(ChartValues.ordered("operator", "Exists"))));
        }
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return Map.of("daemonset.yaml", "templates/daemonset.yaml");
    }

    @Override
    public Map<String, String> slots(ChartSpec spec) {
        return Map.of("containerPort", "host-port.tpl");
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        return List.of("DaemonSet");
    }

    @Override
    public Map<String, Map<String, Object>> ciScenarios(ChartSpec spec) {
        // Every container port on the node, and the OnDelete strategy: both paths of the template render.
        List<String> all = spec.ports().stream().map(p -> ChartValues.camel(p.name())).toList();
        if (all.isEmpty()) {
            return Map.of("daemonset-ondelete-values.yaml", Map.of("updateStrategy", Map.of("type", "OnDelete"), "tolerations", List.of()));
        }
        return Map.of("daemonset-hostports-values.yaml", ChartValues.ordered("hostPorts", all,
                "updateStrategy", Map.of("type", "OnDelete"), "tolerations", List.of()));
    }
}
