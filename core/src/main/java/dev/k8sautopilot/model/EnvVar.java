package dev.k8sautopilot.model;

/**
 * A plain environment variable with a literal value. Values that look like secrets belong in
 * {@link SecretEnv} instead; the planner moves them there and the validator flags them.
 *
 * @param name  variable name
 * @param value literal value, may be empty
 */
public record EnvVar(String name, String value) {

    public EnvVar {
        if (name == null || !Checks.ENV_NAME.matcher(name).matches()) {
            throw new SpecException("name", "'" + (name == null ? "" : Checks.printable(name)) + "' is not a valid environment variable name",
                    "use letters, digits and '_', e.g. LOG_LEVEL");
        }
        value = value == null ? "" : value;
        Checks.noControlChars("value", value.replace("\n", ""));
    }
}
