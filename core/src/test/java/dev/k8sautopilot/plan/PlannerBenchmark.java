package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.spi.PlanningContext;
import java.util.List;

/**
 * Plain-main benchmark of one planning call after warm-up. Run with
 * {@code java -cp core/target/classes:core/target/test-classes:<deps> dev.k8sautopilot.plan.PlannerBenchmark}.
 */
public final class PlannerBenchmark {

    private PlannerBenchmark() {
    }

    public static void main(String[] args) {
        RuleBasedPlanner planner = new RuleBasedPlanner();
        List<ChartRequest> requests = List.of(
                ChartRequest.of("Create a Helm chart for nginx"),
                ChartRequest.of("Spring Boot service from registry.example.com/payments:1.0.3 on port 8080, autoscale between 2 and 10 replicas at 70% CPU, health at /actuator/health"),
                ChartRequest.of("whoami service traefik/whoami:v1.10 behind traefik at whoami.local with path prefix /api stripped, redirect http to https"),
                ChartRequest.of("I need a PostgreSQL 16 database chart with 20Gi volume and the password taken from a secret"),
                ChartRequest.of("Production-ready chart for mongodb with network policies and high availability"));
        PlanningContext ctx = PlanningContext.offline();
        for (int i = 0; i < 20_000; i++) {
            planner.plan(requests.get(i % requests.size()), ctx);
        }
        int n = 50_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            planner.plan(requests.get(i % requests.size()), ctx);
        }
        long t1 = System.nanoTime();
        System.out.printf("planning: %.1f µs per request (mean of %d, 5 corpus requests)%n", (t1 - t0) / 1000.0 / n, n);
    }
}
