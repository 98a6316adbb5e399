package dev.k8sautopilot.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Cross-field checks of the DaemonSet, HTTPRoute and companion fields of a {@link ChartSpec}. */
final class SliceChecks {

    private SliceChecks() {
    }

    static void check(String chartName, Workload workload, List<Port> ports, List<EnvVar> env, List<SecretEnv> secretEnv, Autoscaling autoscaling,
                      DaemonSetSpec daemonSet, HttpRouteSpec httpRoute, List<Companion> companions) {
        if (workload == Workload.DAEMONSET && autoscaling.enabled()) {
            throw new SpecException("autoscaling.enabled", "a DaemonSet runs one pod per node and cannot be autoscaled",
                    "turn autoscaling off, or use workload: Deployment");
        }
        if (!daemonSet.hostPorts().isEmpty() && workload != Workload.DAEMONSET) {
            throw new SpecException("daemonSet.hostPorts", "host ports are offered only for a DaemonSet (one pod per node)",
                    "remove daemonSet.hostPorts, or use workload: DaemonSet");
        }
        Set<String> portNames = new HashSet<>();
        ports.forEach(p -> portNames.add(p.name()));
        for (int i = 0; i < daemonSet.hostPorts().size(); i++) {
            if (!portNames.contains(daemonSet.hostPorts().get(i))) {
                throw new SpecException("daemonSet.hostPorts[" + i + "]", "'" + Checks.printable(daemonSet.hostPorts().get(i))
                        + "' names no container port", "use one of " + portNames);
            }
        }
        boolean longRunning = workload == Workload.DEPLOYMENT || workload == Workload.STATEFULSET || workload == Workload.DAEMONSET;
        if (httpRoute.on() && (!longRunning || ports.stream().noneMatch(Port::exposed))) {
            throw new SpecException("httpRoute", "is enabled but the chart has no Service to route to",
                    "add an exposed port to a Deployment, StatefulSet or DaemonSet");
        }
        Set<String> names = new HashSet<>();
        Set<String> envNames = new HashSet<>();
        env.forEach(e -> envNames.add(e.name()));
        secretEnv.forEach(e -> envNames.add(e.name()));
        for (int i = 0; i < companions.size(); i++) {
            Companion c = companions.get(i);
            if (!names.add(c.name())) {
                throw new SpecException("companions[" + i + "].name", "'" + c.name() + "' is used twice",
                        "give each companion its own name, e.g. " + c.app() + "2");
            }
            if (c.name().equals(chartName)) {
                throw new SpecException("companions[" + i + "].name", "'" + c.name() + "' is the chart's own name",
                        "name the companion differently, e.g. " + c.app() + "db");
            }
            for (String v : List.of(c.hostEnv(), c.portEnv(), c.userEnv(), c.passwordEnv())) {
                if (!v.isEmpty() && !envNames.add(v)) {
                    throw new SpecException("companions[" + i + "]", "sets " + v + ", which env, secretEnv or another companion sets too",
                            "remove " + v + " from env/secretEnv (the companion wires it), or rename the companion's variable");
                }
            }
        }
    }
}
