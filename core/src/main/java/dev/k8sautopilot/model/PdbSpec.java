package dev.k8sautopilot.model;

/**
 * PodDisruptionBudget ({@code policy/v1}). Exactly one of minAvailable / maxUnavailable is used;
 * maxUnavailable wins when both are set.
 *
 * @param create         whether the chart creates it by default
 * @param minAvailable   e.g. {@code 1} or {@code 50%}; empty for unset
 * @param maxUnavailable e.g. {@code 1}; empty for unset
 */
public record PdbSpec(boolean create, String minAvailable, String maxUnavailable) {

    public PdbSpec {
        minAvailable = minAvailable == null ? "" : minAvailable.strip();
        maxUnavailable = maxUnavailable == null ? "" : maxUnavailable.strip();
        if (!minAvailable.isEmpty() && !minAvailable.matches("^[0-9]+%?$")) {
            throw new SpecException("minAvailable", "'" + Checks.printable(minAvailable) + "' is not a count or percentage", "write 1 or 50%");
        }
        if (!maxUnavailable.isEmpty() && !maxUnavailable.matches("^[0-9]+%?$")) {
            throw new SpecException("maxUnavailable", "'" + Checks.printable(maxUnavailable) + "' is not a count or percentage", "write 1 or 25%");
        }
        if (!minAvailable.isEmpty() && !maxUnavailable.isEmpty()) {
            // Kubernetes accepts only one of the two, and the chart's values check fails on both.
            throw new SpecException("maxUnavailable", "is set together with minAvailable (" + minAvailable + ")",
                    "set only one of minAvailable and maxUnavailable");
        }
        if (minAvailable.isEmpty() && maxUnavailable.isEmpty()) {
            maxUnavailable = "1";
        }
    }

    /** No PDB by default (values offer maxUnavailable 1). */
    public static PdbSpec disabled() {
        return new PdbSpec(false, null, null);
    }
}
