package dev.k8sautopilot.model;

import java.util.List;

/**
 * Settings of a {@link Workload#DAEMONSET DaemonSet} workload (one pod per node: metrics agents, log
 * shippers). Used only when the workload is a DaemonSet.
 *
 * <pre>{@code
 * daemonSet:
 *   maxUnavailable: "1"      # rolling update: nodes updated at a time (count or percentage)
 *   allNodes: true           # tolerate every taint, so control-plane and tainted nodes get a pod too
 *   hostPorts: [metrics]     # container ports also opened on the node (only when asked)
 * }</pre>
 *
 * @param maxUnavailable pods that may be unavailable during a rolling update: a count or a percentage; default 1
 * @param allNodes       tolerate every taint ({@code operator: Exists}) so every node runs a pod; default true
 * @param hostPorts      names of container ports also bound on the node's network; empty (the default) for none
 */
public record DaemonSetSpec(String maxUnavailable, Boolean allNodes, List<String> hostPorts) {

    public DaemonSetSpec {
        maxUnavailable = Checks.orDefault(maxUnavailable == null ? null : maxUnavailable.strip(), "1");
        if (!maxUnavailable.matches("^[0-9]+%?$") || maxUnavailable.equals("0") || maxUnavailable.equals("0%")) {
            throw new SpecException("daemonSet.maxUnavailable", "'" + Checks.printable(maxUnavailable) + "' is not a positive count or percentage",
                    "write 1 or 25%");
        }
        allNodes = allNodes == null || allNodes;
        hostPorts = Checks.list(hostPorts);
    }

    /** The defaults: one node at a time, every node, no host ports. */
    public static DaemonSetSpec defaults() {
        return new DaemonSetSpec(null, null, null);
    }

    /** Whether every taint is tolerated (never null after construction). */
    public boolean tolerateAllNodes() {
        return allNodes;
    }
}
