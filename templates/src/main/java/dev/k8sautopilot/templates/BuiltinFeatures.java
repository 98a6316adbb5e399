package dev.k8sautopilot.templates;

import dev.k8sautopilot.templates.feature.companion.CompanionFeature;
import dev.k8sautopilot.templates.feature.config.ConfigFeature;
import dev.k8sautopilot.templates.feature.daemonset.DaemonSetFeature;
import dev.k8sautopilot.templates.feature.hpa.HpaFeature;
import dev.k8sautopilot.templates.feature.httproute.HttpRouteFeature;
import dev.k8sautopilot.templates.feature.ingress.IngressFeature;
import dev.k8sautopilot.templates.feature.metrics.MetricsFeature;
import dev.k8sautopilot.templates.feature.networkpolicy.NetworkPolicyFeature;
import dev.k8sautopilot.templates.feature.pdb.PdbFeature;
import dev.k8sautopilot.templates.feature.persistence.PersistenceFeature;
import dev.k8sautopilot.templates.feature.rbac.RbacFeature;
import dev.k8sautopilot.templates.feature.service.ServiceFeature;
import dev.k8sautopilot.templates.feature.tests.TestConnectionFeature;
import dev.k8sautopilot.templates.feature.traefik.TraefikFeature;
import dev.k8sautopilot.templates.feature.workload.WorkloadFeature;
import java.util.List;

/**
 * The registration of the built-in feature slices — the one place a new slice is added. The order is the order
 * of their values in values.yaml (and README), of their files, and of the kinds they report.
 */
final class BuiltinFeatures {

    private BuiltinFeatures() {
    }

    static List<Feature> all() {
        return List.of(
                WorkloadFeature.deployment(),
                WorkloadFeature.statefulSet(),
                new DaemonSetFeature(),
                WorkloadFeature.job(),
                WorkloadFeature.cronJob(),
                new PdbFeature(),
                new HpaFeature(),
                new ConfigFeature(),
                new ServiceFeature(),
                new IngressFeature(),
                new TraefikFeature(),
                new HttpRouteFeature(),
                new NetworkPolicyFeature(),
                new PersistenceFeature(),
                new RbacFeature(),
                new MetricsFeature(),
                new TestConnectionFeature(),
                new CompanionFeature());
    }
}
