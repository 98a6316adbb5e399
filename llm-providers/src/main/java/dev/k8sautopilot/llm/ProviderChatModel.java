package dev.k8sautopilot.llm;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The chat model a built-in provider returns: a langchain4j client built without retries of its own,
 * wrapped so that retries and the deadline are applied in one place ({@link ModelCalls}). Called by the
 * planner or the healer, each HTTP attempt passes through the pipeline's metering (usage counts requests,
 * not logical calls); called directly by a host application, {@link #chat(ChatRequest)} retries itself
 * under one deadline. Thread-safe.
 */
final class ProviderChatModel implements ChatModel {

    private final ChatModel client;
    private final ModelTraits traits;

    ProviderChatModel(ChatModel client, ModelTraits traits) {
        this.client = Objects.requireNonNull(client, "client");
        this.traits = Objects.requireNonNull(traits, "traits");
    }

    ModelTraits traits() {
        return traits;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        if (ModelCalls.inManagedAttempt()) {
            return client.chat(request);
        }
        return ModelCalls.Budget.start(this).callUnmanaged(() -> client.chat(request));
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return chat(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return client.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ModelProvider provider() {
        return client.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return client.supportedCapabilities();
    }
}
