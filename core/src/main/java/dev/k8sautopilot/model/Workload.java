package dev.k8sautopilot.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of workload that runs the application's pods. */
public enum Workload {
    DEPLOYMENT("Deployment"),
    STATEFULSET("StatefulSet"),
    JOB("Job"),
    CRONJOB("CronJob"),
    /** One pod per node: per-node agents such as metrics exporters and log shippers. */
    DAEMONSET("DaemonSet");

    private final String wire;

    Workload(String wire) {
        this.wire = wire;
    }

    /** The value as written in specs and in Kubernetes manifests. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /**
     * Parses a value case-insensitively, accepting the wire form, the constant name, and '-'/'_' variants.
     *
     * @throws SpecException naming the accepted values when {@code text} matches none
     */
    @JsonCreator
    public static Workload parse(String text) {
        String t = text == null ? "" : text.strip().replace('-', '_').replace(' ', '_');
        for (Workload v : values()) {
            if (v.wire.equalsIgnoreCase(text == null ? "" : text.strip()) || v.name().equalsIgnoreCase(t)
                    || v.name().replace("_", "").equalsIgnoreCase(t.replace("_", ""))) {
                return v;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (Workload v : values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(v.wire);
        }
        throw new SpecException("", "'" + text + "' is not a known Workload value", "use one of " + allowed);
    }

    @Override
    public String toString() {
        return wire;
    }
}
