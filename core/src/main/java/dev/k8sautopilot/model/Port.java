package dev.k8sautopilot.model;

/**
 * A named container port and the Service port that exposes it.
 *
 * @param name          IANA-style port name (≤ 15 chars, lowercase), used by probes and the Service targetPort
 * @param containerPort port the container listens on, 1–65535
 * @param servicePort   port the Service exposes; defaults to {@code containerPort}
 * @param protocol      protocol, default TCP
 * @param expose        whether the Service exposes this port (default true)
 */
public record Port(String name, int containerPort, int servicePort, Protocol protocol, Boolean expose) {

    public Port {
        name = Checks.orDefault(name, "http");
        protocol = protocol == null ? Protocol.TCP : protocol;
        expose = expose == null ? Boolean.TRUE : expose;
        Checks.dnsLabel("name", name, 15);
        if (!name.matches(".*[a-z].*")) {
            throw new SpecException("name", "'" + name + "' must contain at least one letter", "use a name like http or grpc");
        }
        Checks.range("containerPort", containerPort, 1, 65535);
        if (servicePort == 0) {
            servicePort = containerPort;
        }
        Checks.range("servicePort", servicePort, 1, 65535);
    }

    /** A TCP port exposed by the Service on the same number. */
    public static Port of(String name, int containerPort) {
        return new Port(name, containerPort, containerPort, Protocol.TCP, true);
    }

    /** True when the Service exposes this port. */
    public boolean exposed() {
        return Boolean.TRUE.equals(expose);
    }
}
