package dev.k8sautopilot.a2a;

import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.Question;
import io.a2a.spec.DataPart;
import io.a2a.spec.FilePart;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TextPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reading and writing A2A messages: the text, data and files of a message; agent replies. Stateless. */
final class Messages {

    private Messages() {
    }

    /** The text parts of a message, joined by newlines. */
    static String text(Message message) {
        List<String> texts = new ArrayList<>();
        for (Part<?> p : message.getParts()) {
            if (p instanceof TextPart t && t.getText() != null) {
                texts.add(t.getText());
            }
        }
        return String.join("\n", texts);
    }

    /** The data parts of a message, merged (a later part's key wins). */
    static Map<String, Object> data(Message message) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Part<?> p : message.getParts()) {
            if (p instanceof DataPart d && d.getData() != null) {
                data.putAll(d.getData());
            }
        }
        return data;
    }

    /** The file parts of a message. */
    static List<FilePart> files(Message message) {
        List<FilePart> files = new ArrayList<>();
        for (Part<?> p : message.getParts()) {
            if (p instanceof FilePart f) {
                files.add(f);
            }
        }
        return files;
    }

    /** A message from the agent in a task. */
    static Message agent(Task task, List<Part<?>> parts) {
        return new Message.Builder().role(Message.Role.AGENT).parts(parts).messageId(UUID.randomUUID().toString())
                .contextId(task.getContextId()).taskId(task.getId()).build();
    }

    /** A one-line text message from the agent in a task. */
    static Message agent(Task task, String text) {
        return agent(task, List.of(new TextPart(text)));
    }

    /** The open questions a task's status message asked (see {@link Replies#ask}); empty when none. */
    static List<Question> questions(Task task) {
        if (task.getStatus() == null || task.getStatus().message() == null) {
            return List.of();
        }
        Object raw = data(task.getStatus().message()).get(Replies.QUESTIONS);
        List<Question> questions = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("field") != null) {
                    Priority priority;
                    try {
                        priority = Priority.valueOf(String.valueOf(m.get("priority")).toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        priority = Priority.HIGH;
                    }
                    questions.add(new Question(String.valueOf(m.get("field")), String.valueOf(m.get("text")), priority,
                            Optional.ofNullable(m.get("default")).map(String::valueOf),
                            m.get("reason") == null ? "" : String.valueOf(m.get("reason"))));
                }
            }
        }
        return questions;
    }
}
