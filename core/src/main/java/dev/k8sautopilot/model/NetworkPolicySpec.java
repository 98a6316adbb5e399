package dev.k8sautopilot.model;

/**
 * NetworkPolicy for the pods: ingress only to container ports, DNS egress always allowed.
 *
 * @param enabled             whether the policy is created by default
 * @param allowExternal       accept connections from any pod (false: only pods with the client label)
 * @param allowExternalEgress allow all egress (false: only DNS and in-namespace traffic)
 */
public record NetworkPolicySpec(boolean enabled, Boolean allowExternal, Boolean allowExternalEgress) {

    public NetworkPolicySpec {
        allowExternal = allowExternal == null ? Boolean.TRUE : allowExternal;
        allowExternalEgress = allowExternalEgress == null ? Boolean.TRUE : allowExternalEgress;
    }

    /** Off by default, permissive when switched on. */
    public static NetworkPolicySpec disabled() {
        return new NetworkPolicySpec(false, null, null);
    }
}
