package dev.k8sautopilot.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A chat model answering from a script, counting and recording every call. A call beyond the script fails the test. */
final class ScriptedChatModel implements ChatModel {

    private final Deque<Supplier<String>> script = new ArrayDeque<>();
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private Set<Capability> capabilities = Set.of();

    static ScriptedChatModel replying(String... replies) {
        ScriptedChatModel m = new ScriptedChatModel();
        for (String r : replies) {
            m.script.add(() -> r);
        }
        return m;
    }

    ScriptedChatModel thenReply(String reply) {
        script.add(() -> reply);
        return this;
    }

    ScriptedChatModel thenThrow(RuntimeException e) {
        script.add(() -> {
            throw e;
        });
        return this;
    }

    /** The next call blocks for {@code time} (or until interrupted), then answers "late". */
    ScriptedChatModel thenHang(java.time.Duration time) {
        script.add(() -> {
            try {
                Thread.sleep(time.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        });
        return this;
    }

    ScriptedChatModel structured() {
        capabilities = Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        return this;
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        Supplier<String> next = script.poll();
        if (next == null) {
            throw new AssertionError("unexpected model call #" + requests.size());
        }
        String text = next.get();
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .tokenUsage(new TokenUsage(100, Math.max(1, text.length() / 4)))
                .build();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return capabilities;
    }

    int calls() {
        return requests.size();
    }

    List<ChatRequest> requests() {
        return List.copyOf(requests);
    }
}
