package dev.k8sautopilot.internal;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Set;

/** Counts calls and tokens of a chat model into a {@link UsageMeter} under a stage name. */
public final class MeteredChatModel implements ChatModel {

    private final ChatModel delegate;
    private final UsageMeter meter;
    private final String stage;

    /** Wraps {@code delegate}. */
    public MeteredChatModel(ChatModel delegate, UsageMeter meter, String stage) {
        this.delegate = delegate;
        this.meter = meter;
        this.stage = stage;
    }

    /** The model this one meters (callers look through it for the provider's settings). */
    public ChatModel delegate() {
        return delegate;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ChatResponse response;
        try {
            response = delegate.chat(request);
        } catch (RuntimeException e) {
            meter.call(stage, 0, 0);
            throw e;
        }
        TokenUsage usage = response == null ? null : response.tokenUsage();
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        meter.call(stage, in, out);
        return response;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return chat(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }
}
