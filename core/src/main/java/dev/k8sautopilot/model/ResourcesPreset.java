package dev.k8sautopilot.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Bitnami-style resource presets (requests and limits chosen together). */
public enum ResourcesPreset {
    NONE("none"),
    NANO("nano"),
    MICRO("micro"),
    SMALL("small"),
    MEDIUM("medium"),
    LARGE("large"),
    XLARGE("xlarge"),
    XXLARGE("2xlarge");

    private final String wire;

    ResourcesPreset(String wire) {
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
    public static ResourcesPreset parse(String text) {
        String t = text == null ? "" : text.strip().replace('-', '_').replace(' ', '_');
        for (ResourcesPreset v : values()) {
            if (v.wire.equalsIgnoreCase(text == null ? "" : text.strip()) || v.name().equalsIgnoreCase(t)
                    || v.name().replace("_", "").equalsIgnoreCase(t.replace("_", ""))) {
                return v;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (ResourcesPreset v : values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(v.wire);
        }
        throw new SpecException("", "'" + text + "' is not a known ResourcesPreset value", "use one of " + allowed);
    }

    @Override
    public String toString() {
        return wire;
    }
}
