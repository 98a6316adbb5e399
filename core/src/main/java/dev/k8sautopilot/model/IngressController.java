package dev.k8sautopilot.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which ingress controller exposes the app: a standard Ingress with a class (nginx or any other), or Traefik IngressRoute objects. */
public enum IngressController {
    NGINX("nginx"),
    TRAEFIK("traefik"),
    GENERIC("generic");

    private final String wire;

    IngressController(String wire) {
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
    public static IngressController parse(String text) {
        String t = text == null ? "" : text.strip().replace('-', '_').replace(' ', '_');
        for (IngressController v : values()) {
            if (v.wire.equalsIgnoreCase(text == null ? "" : text.strip()) || v.name().equalsIgnoreCase(t)
                    || v.name().replace("_", "").equalsIgnoreCase(t.replace("_", ""))) {
                return v;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (IngressController v : values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(v.wire);
        }
        throw new SpecException("", "'" + text + "' is not a known IngressController value", "use one of " + allowed);
    }

    @Override
    public String toString() {
        return wire;
    }
}
