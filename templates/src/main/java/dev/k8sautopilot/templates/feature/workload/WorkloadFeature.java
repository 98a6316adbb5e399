package dev.k8sautopilot.templates.feature.workload;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Tier;
import dev.k8sautopilot.model.Workload;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload kinds Deployment, StatefulSet (with its headless Service), Job and CronJob: the workload
 * section of the values (pod leaves plus the kind's own: replicas, update strategy, schedule) and the
 * workload template. Exactly one applies to a chart.
 */
public final class WorkloadFeature implements Feature {

    private final Workload kind;

    private WorkloadFeature(Workload kind) {
        this.kind = kind;
    }

    /** The Deployment slice. */
    public static WorkloadFeature deployment() {
        return new WorkloadFeature(Workload.DEPLOYMENT);
    }

    /** The StatefulSet slice (and its headless Service). */
    public static WorkloadFeature statefulSet() {
        return new WorkloadFeature(Workload.STATEFULSET);
    }

    /** The Job slice. */
    public static WorkloadFeature job() {
        return new WorkloadFeature(Workload.JOB);
    }

    /** The CronJob slice. */
    public static WorkloadFeature cronJob() {
        return new WorkloadFeature(Workload.CRONJOB);
    }

    @Override
    public String id() {
        return kind.wire().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return spec.workload() == kind;
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder values) {
        ChartValues.pod(spec, values, v -> {
            if (spec.replicated()) {
                v.leaf(Leaf.of("replicaCount", spec.replicas(), "Number of " + spec.name() + " replicas (ignored when autoscaling is enabled)").range(0, 1000));
                v.leaf(Leaf.of("revisionHistoryLimit", ChartValues.revisionHistoryLimit(spec.tier()),
                        "Old ReplicaSets / revisions to keep for rollbacks (from tier " + spec.tier().wire() + ")").range(0, 100));
                v.leaf("updateStrategy", updateStrategy(spec), "Update strategy of the " + kind.wire());
                if (kind == Workload.STATEFULSET) {
                    v.leaf(Leaf.of("podManagementPolicy", "OrderedReady", "Pod management policy of the StatefulSet").oneOf("OrderedReady", "Parallel"));
                }
            }
        });
        if (kind == Workload.JOB || kind == Workload.CRONJOB) {
            schedule(spec, values);
        }
    }

    private static Map<String, Object> updateStrategy(ChartSpec spec) {
        if (spec.workload() == Workload.DEPLOYMENT && spec.tier() == Tier.PROD) {
            return ChartValues.ordered("type", "RollingUpdate", "rollingUpdate", ChartValues.ordered("maxSurge", "25%", "maxUnavailable", 0));
        }
        return ChartValues.ordered("type", "RollingUpdate");
    }

    private void schedule(ChartSpec spec, ValuesModel.Builder v) {
        var j = spec.job();
        v.section(kind.wire() + " schedule parameters")
                .leaf(Leaf.of("job.backoffLimit", j.backoffLimit(), "Retries before the Job is marked failed").range(0, 100))
                .leaf(Leaf.of("job.ttlSecondsAfterFinished", j.ttlSecondsAfterFinished(), "Seconds after which a finished Job is deleted").range(0, 31_536_000))
                .leaf(Leaf.of("job.restartPolicy", "OnFailure", "Restart policy of the Job's pods").oneOf("OnFailure", "Never"));
        if (kind == Workload.CRONJOB) {
            v.leaf("job.schedule", j.schedule(), "Cron schedule of the CronJob")
                    .leaf(Leaf.of("job.concurrencyPolicy", j.concurrencyPolicy(), "What to do when a run is still active").oneOf("Allow", "Forbid", "Replace"))
                    .leaf("job.suspend", false, "Suspend future runs")
                    .leaf(Leaf.of("job.successfulJobsHistoryLimit", 3, "Finished Jobs to keep").range(0, 100))
                    .leaf(Leaf.of("job.failedJobsHistoryLimit", 1, "Failed Jobs to keep").range(0, 100));
        }
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        String file = id() + ".yaml";
        out.put(file, "templates/" + file);
        if (kind == Workload.STATEFULSET) {
            out.put("service-headless.yaml", "templates/service-headless.yaml");
        }
        return out;
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        // A StatefulSet always gets its headless Service, even when no port is exposed.
        return kind == Workload.STATEFULSET ? List.of(kind.wire(), "Service") : List.of(kind.wire());
    }
}
