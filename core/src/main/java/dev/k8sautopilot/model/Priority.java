package dev.k8sautopilot.model;

/** How much a clarification question matters. */
public enum Priority {
    /** The run cannot continue without an answer (no safe default exists). */
    CRITICAL,
    /** Important; a default exists but may be wrong. */
    HIGH,
    /** Nice to know; the default is usually fine. */
    LOW
}
