package dev.k8sautopilot.model;

/**
 * An environment variable whose value comes from a Secret key. The chart creates the Secret with an
 * empty value the user must set (or uses {@code auth.existingSecret}); no default value is ever stored.
 *
 * @param name variable name, e.g. {@code POSTGRES_PASSWORD}
 * @param key  key in the Secret; defaults to the variable name in lowercase-kebab form
 */
public record SecretEnv(String name, String key) {

    public SecretEnv {
        if (name == null || !Checks.ENV_NAME.matcher(name).matches()) {
            throw new SpecException("name", "'" + (name == null ? "" : Checks.printable(name)) + "' is not a valid environment variable name",
                    "use letters, digits and '_', e.g. API_TOKEN");
        }
        if (key == null || key.isBlank()) {
            key = name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
        if (!key.matches("^[-._a-zA-Z0-9]+$") || key.length() > 253) {
            throw new SpecException("key", "'" + Checks.printable(key) + "' is not a valid Secret key",
                    "use letters, digits, '-', '_' and '.'");
        }
    }

    /** A secret variable with the default key. */
    public static SecretEnv of(String name) {
        return new SecretEnv(name, null);
    }
}
