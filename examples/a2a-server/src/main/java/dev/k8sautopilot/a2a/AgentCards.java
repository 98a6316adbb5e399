package dev.k8sautopilot.a2a;

import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentProvider;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.HTTPAuthSecurityScheme;
import io.a2a.spec.SecurityScheme;
import io.a2a.spec.TransportProtocol;
import java.util.List;
import java.util.Map;

/** The server's agent card (A2A v0.3): its skills, modes, transport and, with a token, its security scheme. */
final class AgentCards {

    /** The A2A protocol version served. */
    static final String PROTOCOL_VERSION = "0.3.0";
    /** Name of the bearer security scheme in the card. */
    static final String BEARER = "bearer";

    private AgentCards() {
    }

    /**
     * The card.
     *
     * @param url         the JSON-RPC endpoint
     * @param secured     whether requests need a bearer token
     * @param version     the server's version
     */
    static AgentCard card(String url, boolean secured, String version) {
        List<String> textAndData = List.of("text/plain", "application/json");
        List<String> chartOut = List.of("text/plain", "application/json", "application/yaml", "application/gzip");
        AgentCard.Builder b = new AgentCard.Builder()
                .name("k8s-autopilot")
                .description("Turns a sentence or a structured spec into a production-grade Helm chart: planned, generated"
                        + " deterministically, validated with real Helm, self-healed. Asks (input-required) when facts are"
                        + " missing and before it writes; returns the chart's files, the packaged chart and the validation"
                        + " report as artifacts.")
                .url(url)
                .preferredTransport(TransportProtocol.JSONRPC.asString())
                .protocolVersion(PROTOCOL_VERSION)
                .version(version)
                .provider(new AgentProvider("k8s-autopilot", "https://github.com/k8s-autopilot/k8s-autopilot-java"))
                .capabilities(new AgentCapabilities.Builder().streaming(true).pushNotifications(false)
                        .stateTransitionHistory(false).build())
                .defaultInputModes(textAndData)
                .defaultOutputModes(chartOut)
                .skills(List.of(
                        new AgentSkill.Builder().id("generate").name("Generate a Helm chart")
                                .description("Plans, generates, validates and writes a Helm chart from a request in plain"
                                        + " language, or from a data part {\"spec\": {...}} in the ChartSpec format. Asks for"
                                        + " missing facts and for approval of the generated files (reply \"approve\" or"
                                        + " \"reject: <feedback>\").")
                                .tags(List.of("helm", "kubernetes", "chart", "generate"))
                                .examples(List.of("Create a Helm chart for nginx",
                                        "Create a Helm chart for redis with persistence",
                                        "make a chart for our app"))
                                .inputModes(textAndData).outputModes(chartOut).build(),
                        new AgentSkill.Builder().id("validate").name("Validate a Helm chart")
                                .description("Validates a chart sent as file parts (each named by its path in the chart):"
                                        + " structure, helm lint --strict, helm template, Kubernetes schema, removed APIs,"
                                        + " security rules. Returns the report.")
                                .tags(List.of("helm", "lint", "validate"))
                                .examples(List.of("Validate this chart"))
                                .inputModes(List.of("text/plain", "application/yaml", "application/json"))
                                .outputModes(List.of("text/plain", "application/json")).build(),
                        new AgentSkill.Builder().id("repair").name("Repair a Helm chart")
                                .description("Validates a chart sent as file parts and fixes what the findings name,"
                                        + " after your approval; returns the repaired chart and the report.")
                                .tags(List.of("helm", "repair", "heal"))
                                .examples(List.of("Repair this chart"))
                                .inputModes(List.of("text/plain", "application/yaml", "application/json"))
                                .outputModes(chartOut).build()));
        if (secured) {
            Map<String, SecurityScheme> schemes = Map.of(BEARER,
                    new HTTPAuthSecurityScheme(null, "bearer", "The token the server was started with (--token-file)."));
            b.securitySchemes(schemes).security(List.of(Map.of(BEARER, List.of())));
        }
        return b.build();
    }
}
