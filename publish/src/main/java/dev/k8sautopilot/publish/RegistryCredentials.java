package dev.k8sautopilot.publish;

/**
 * A registry login. {@link #toString()} never shows the password.
 *
 * @param username the user name
 * @param password the password or access token
 */
public record RegistryCredentials(String username, String password) {

    /** Both parts are required. */
    public RegistryCredentials {
        if (username == null || username.isBlank()) {
            throw new PublishException("registry user name is empty", "pass --username (or set it in the plugin configuration)");
        }
        if (password == null || password.isEmpty()) {
            throw new PublishException("registry password is empty", "pass it on standard input with --password-stdin or in K8S_AUTOPILOT_REGISTRY_PASSWORD");
        }
    }

    /**
     * A login.
     *
     * @param username the user name
     * @param password the password or token
     * @return the credentials
     */
    public static RegistryCredentials of(String username, String password) {
        return new RegistryCredentials(username, password);
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***]";
    }
}
