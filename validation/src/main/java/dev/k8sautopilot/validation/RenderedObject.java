package dev.k8sautopilot.validation;

import java.util.List;
import java.util.Map;

/**
 * One object of {@code helm template} output.
 *
 * @param scenario values file it was rendered with ({@code ""} for the chart defaults)
 * @param file     chart-relative template file, from the {@code # Source:} comment
 * @param body     the parsed object
 */
record RenderedObject(String scenario, String file, Map<String, Object> body) {

    RenderedObject {
        body = body == null ? Map.of() : body;
        scenario = scenario == null ? "" : scenario;
        file = file == null ? "" : file;
    }

    String kind() {
        return Maps.string(body, "kind");
    }

    String apiVersion() {
        return Maps.string(body, "apiVersion");
    }

    String name() {
        return Maps.string(body, "metadata", "name");
    }

    /** {@code Kind/name}. */
    String resource() {
        return kind() + "/" + name();
    }

    /** API group, empty for the core group. */
    String group() {
        String v = apiVersion();
        int slash = v.indexOf('/');
        return slash < 0 ? "" : v.substring(0, slash);
    }

    /** Pod spec of workloads, jobs, cron jobs and pods, when present. */
    Map<String, Object> podSpec() {
        return switch (kind()) {
            case "Pod" -> Maps.map(body, "spec");
            case "CronJob" -> Maps.map(body, "spec", "jobTemplate", "spec", "template", "spec");
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController" ->
                    Maps.map(body, "spec", "template", "spec");
            default -> Map.of();
        };
    }

    /** Pod template labels (or the Pod's own labels). */
    Map<String, Object> podLabels() {
        return switch (kind()) {
            case "Pod" -> Maps.map(body, "metadata", "labels");
            case "CronJob" -> Maps.map(body, "spec", "jobTemplate", "spec", "template", "metadata", "labels");
            default -> Maps.map(body, "spec", "template", "metadata", "labels");
        };
    }

    boolean isWorkload() {
        return List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "ReplicationController")
                .contains(kind());
    }

    /** True for controllers whose pods run forever (not Jobs, CronJobs or hook/test pods). */
    boolean isLongRunning() {
        return switch (kind()) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController" -> true;
            case "Pod" -> Maps.map(body, "metadata", "annotations").get("helm.sh/hook") == null
                    && !List.of("Never", "OnFailure").contains(Maps.string(body, "spec", "restartPolicy"));
            default -> false;
        };
    }
}
