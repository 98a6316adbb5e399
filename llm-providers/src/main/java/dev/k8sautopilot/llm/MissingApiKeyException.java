package dev.k8sautopilot.llm;

import java.util.List;

/**
 * A provider needs an API key and none was given nor found in its environment variables. The message
 * names the variables and the fix; the command line exits with its usage code (2).
 */
public final class MissingApiKeyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The variables that may hold the key, the usual one first. */
    private final List<String> variables;

    /**
     * @param providerName the provider's display name, e.g. {@code OpenAI}
     * @param variables    the environment variables that may hold the key, the usual one first
     */
    public MissingApiKeyException(String providerName, List<String> variables) {
        super(providerName + " needs an API key and none was found: set the environment variable " + String.join(" or ", variables)
                + " (fix: export " + variables.get(0) + "=<your key>, or pass the key in the LLM settings)");
        this.variables = List.copyOf(variables);
    }

    /** The environment variables that may hold the key, the usual one first. */
    public List<String> variables() {
        return variables;
    }
}
