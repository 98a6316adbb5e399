package dev.k8sautopilot.model;

import java.util.Map;

/**
 * The Service in front of the workload.
 *
 * @param type        Service type, default ClusterIP
 * @param annotations extra Service annotations (e.g. for a cloud load balancer)
 */
public record ServiceSpec(ServiceType type, Map<String, String> annotations) {

    public ServiceSpec {
        type = type == null ? ServiceType.CLUSTER_IP : type;
        annotations = Checks.map(annotations);
    }

    /** A ClusterIP Service without annotations. */
    public static ServiceSpec defaults() {
        return new ServiceSpec(null, null);
    }
}
