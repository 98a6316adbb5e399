package dev.k8sautopilot.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kubernetes Service type. */
public enum ServiceType {
    CLUSTER_IP("ClusterIP"),
    NODE_PORT("NodePort"),
    LOAD_BALANCER("LoadBalancer");

    private final String wire;

    ServiceType(String wire) {
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
    public static ServiceType parse(String text) {
        String t = text == null ? "" : text.strip().replace('-', '_').replace(' ', '_');
        for (ServiceType v : values()) {
            if (v.wire.equalsIgnoreCase(text == null ? "" : text.strip()) || v.name().equalsIgnoreCase(t)
                    || v.name().replace("_", "").equalsIgnoreCase(t.replace("_", ""))) {
                return v;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (ServiceType v : values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(v.wire);
        }
        throw new SpecException("", "'" + text + "' is not a known ServiceType value", "use one of " + allowed);
    }

    @Override
    public String toString() {
        return wire;
    }
}
