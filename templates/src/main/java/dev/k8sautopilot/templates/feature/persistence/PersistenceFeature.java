package dev.k8sautopilot.templates.feature.persistence;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Workload;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import java.util.List;
import java.util.Map;

/**
 * Persistent storage: the {@code persistence.*} leaves every workload reads (a StatefulSet turns them into
 * volumeClaimTemplates), and a PersistentVolumeClaim for the other workloads.
 */
public final class PersistenceFeature implements Feature {

    @Override
    public String id() {
        return "pvc";
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        var p = spec.persistence();
        v.section("Persistence parameters")
                .leaf("persistence.enabled", p.enabled(), "Store data on a PersistentVolumeClaim (otherwise an emptyDir)")
                .leaf("persistence.mountPath", p.mountPath(), "Where the data volume is mounted")
                .leaf("persistence.storageClass", p.storageClass(), "StorageClass of the volume; empty for the default, - for none")
                .leaf("persistence.accessModes", List.of(p.accessMode().wire()), "Access modes of the volume")
                .leaf("persistence.size", p.size(), "Size of the volume")
                .leaf("persistence.annotations", Map.of(), "Annotations of the PersistentVolumeClaim")
                .leaf("persistence.existingClaim", p.existingClaim(), "Name of an existing PersistentVolumeClaim to use instead of creating one");
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return spec.workload() == Workload.STATEFULSET ? Map.of() : Map.of("pvc.yaml", "templates/pvc.yaml");
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        var p = spec.persistence();
        return p.enabled() && spec.workload() != Workload.STATEFULSET && p.existingClaim().isEmpty()
                ? List.of("PersistentVolumeClaim") : List.of();
    }

    @Override
    public List<String> clusterPrerequisites(ChartSpec spec) {
        return List.of("A PersistentVolume provisioner for `persistence.enabled`");
    }
}
