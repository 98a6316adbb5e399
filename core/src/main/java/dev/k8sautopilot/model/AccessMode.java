package dev.k8sautopilot.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Persistent volume access mode. */
public enum AccessMode {
    /** Read-write by one node (the usual choice). */
    READ_WRITE_ONCE("ReadWriteOnce"),
    /** Read-only by many nodes. */
    READ_ONLY_MANY("ReadOnlyMany"),
    /** Read-write by many nodes (needs a storage class that supports it). */
    READ_WRITE_MANY("ReadWriteMany"),
    /** Read-write by a single pod. */
    READ_WRITE_ONCE_POD("ReadWriteOncePod");

    private final String wire;

    AccessMode(String wire) {
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
    public static AccessMode parse(String text) {
        String t = text == null ? "" : text.strip().replace('-', '_').replace(' ', '_');
        for (AccessMode v : values()) {
            if (v.wire.equalsIgnoreCase(text == null ? "" : text.strip()) || v.name().equalsIgnoreCase(t)
                    || v.name().replace("_", "").equalsIgnoreCase(t.replace("_", ""))) {
                return v;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (AccessMode v : values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(v.wire);
        }
        throw new SpecException("", "'" + text + "' is not a known AccessMode value", "use one of " + allowed);
    }

    @Override
    public String toString() {
        return wire;
    }
}
