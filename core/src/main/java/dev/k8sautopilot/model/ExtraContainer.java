package dev.k8sautopilot.model;

import java.util.List;

/**
 * An init container or a sidecar. It gets the same hardened security context and resources preset as
 * the main container.
 *
 * @param name    container name (DNS label)
 * @param image   image reference, must be pinned by tag or digest
 * @param command command, optional
 * @param args    arguments, optional
 * @param env     plain environment variables
 * @param ports   ports a sidecar listens on (ignored for init containers)
 */
public record ExtraContainer(String name, Image image, List<String> command, List<String> args, List<EnvVar> env,
                             List<Port> ports) {

    public ExtraContainer {
        Checks.dnsLabel("name", name, 63);
        if (image == null) {
            throw new SpecException("image", "is required", "give an image such as busybox:1.36.1");
        }
        command = Checks.list(command);
        args = Checks.list(args);
        env = Checks.list(env);
        ports = Checks.list(ports);
    }
}
