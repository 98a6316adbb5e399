package dev.k8sautopilot.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Prompt texts, kept as resource files beside this class, and a rough token count. */
final class Prompts {

    static final String PLANNER_SYSTEM = load("planner-system.txt");
    static final String PLANNER_FORMAT = load("planner-format.txt");
    static final String PLANNER_REPAIR = load("planner-repair.txt");
    static final String HEALER_SYSTEM = load("healer-system.txt");

    private Prompts() {
    }

    private static String load(String name) {
        try (InputStream in = Prompts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("prompt resource " + name + " is missing from the k8s-autopilot-llm-providers jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A rough token count: about four characters per token for English and JSON, which is what the
     * common tokenizers average. Good enough to keep prompts small; the pipeline meters real usage.
     */
    static int estimateTokens(List<ChatMessage> messages) {
        int chars = 0;
        for (ChatMessage m : messages) {
            if (m instanceof SystemMessage s) {
                chars += s.text().length();
            } else if (m instanceof UserMessage u && u.hasSingleText()) {
                chars += u.singleText().length();
            }
        }
        return (chars + 3) / 4;
    }
}
