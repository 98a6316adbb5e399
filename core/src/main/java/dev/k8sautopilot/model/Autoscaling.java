package dev.k8sautopilot.model;

/**
 * HorizontalPodAutoscaler settings ({@code autoscaling/v2}).
 *
 * @param enabled            whether autoscaling is on by default
 * @param minReplicas        lower bound, ≥ 1
 * @param maxReplicas        upper bound, ≥ minReplicas
 * @param targetCpu          average CPU utilisation in percent, 0 = not targeted
 * @param targetMemory       average memory utilisation in percent, 0 = not targeted
 */
public record Autoscaling(boolean enabled, int minReplicas, int maxReplicas, int targetCpu, int targetMemory) {

    /** Validates the ranges (see the parameters). */
    public Autoscaling {
        if (minReplicas == 0) {
            minReplicas = 1;
        }
        if (maxReplicas == 0) {
            maxReplicas = Math.max(minReplicas, 3);
        }
        Checks.range("minReplicas", minReplicas, 1, 1000);
        Checks.range("maxReplicas", maxReplicas, 1, 1000);
        if (maxReplicas < minReplicas) {
            throw new SpecException("maxReplicas", maxReplicas + " is below minReplicas " + minReplicas,
                    "make maxReplicas at least " + minReplicas);
        }
        Checks.range("targetCpu", targetCpu, 0, 100);
        Checks.range("targetMemory", targetMemory, 0, 100);
        if (enabled && targetCpu == 0 && targetMemory == 0) {
            targetCpu = 80;
        }
    }

    /** Autoscaling off (values still offer a 1–3 range with 80 % CPU when switched on). */
    public static Autoscaling disabled() {
        return new Autoscaling(false, 1, 3, 80, 0);
    }
}
