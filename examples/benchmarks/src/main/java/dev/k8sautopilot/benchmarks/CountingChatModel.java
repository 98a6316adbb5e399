package dev.k8sautopilot.benchmarks;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A chat model that answers through a function of the request and counts calls and tokens, with tokens
 * estimated by the OpenAI {@code o200k_base} tokenizer (jtokkit, as used by gpt-4o models): input = the
 * request's messages, output = the reply text. It reports the same counts as {@link TokenUsage}, so the
 * pipeline's own {@code Usage} meter sees them. The JSON schema sent as a response format (structured mode)
 * is not part of the messages and is not counted here.
 *
 * <p>Thread-safe when the reply function is.
 */
public final class CountingChatModel implements ChatModel {

    private static final TokenCountEstimator TOKENS = new OpenAiTokenCountEstimator("gpt-4o-mini");

    private final Function<ChatRequest, String> replies;
    private final boolean structured;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();

    /**
     * @param replies    the reply text for a request
     * @param structured whether the model declares JSON-schema structured output
     */
    public CountingChatModel(Function<ChatRequest, String> replies, boolean structured) {
        this.replies = replies;
        this.structured = structured;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        int in = TOKENS.estimateTokenCountInMessages(request.messages());
        String text = replies.apply(request);
        int out = TOKENS.estimateTokenCountInText(text);
        inputTokens.addAndGet(in);
        outputTokens.addAndGet(out);
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(in, out)).build();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return structured ? Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA) : Set.of();
    }

    /** Calls so far. */
    public int calls() {
        return calls.get();
    }

    /** Estimated input tokens so far. */
    public long inputTokens() {
        return inputTokens.get();
    }

    /** Estimated output tokens so far. */
    public long outputTokens() {
        return outputTokens.get();
    }
}
