package dev.k8sautopilot.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An enum as the model's are: written by its {@link JsonValue}, read by its {@link JsonCreator}; {@code ONE} has a
 * body (its class is a subclass of the enum's). Shared by the tests of the writer and the reader that stand in for
 * Jackson.
 */
enum Wired {
    ONE("one-wire") {
        @Override
        public String toString() {
            return "body";
        }
    },
    TWO("two-wire");

    private final String wire;

    Wired(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Wired parse(String text) {
        for (Wired w : values()) {
            if (w.wire.equals(text)) {
                return w;
            }
        }
        throw new IllegalArgumentException("not a wire: " + text);
    }
}
