package dev.k8sautopilot.a2a;

import dev.k8sautopilot.hitl.Answers;
import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.Question;
import io.a2a.spec.DataPart;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.TextPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conversation at a gate: what the agent says when a run stops ({@link #ask}), and how the person's next
 * message becomes a {@link Decision} ({@link #decide}). Stateless.
 *
 * <p>The agent's message has a readable {@link TextPart} and a {@link DataPart} a program can read:
 * <pre>{@code
 * {"gate": "clarification", "runId": "...", "questions": [{"field": "image", "text": "...", "priority": "CRITICAL",
 *   "default": null, "reason": "..."}], "replies": ["field=value ...", "approve", "abort"]}
 * {"gate": "generation_review", "runId": "...", "summary": "...", "files": ["Chart.yaml", ...], "diff": "",
 *   "replies": ["approve", "reject: <feedback>", "abort"]}
 * }</pre>
 */
final class Replies {

    /** DataPart key naming the gate. */
    static final String GATE = "gate";
    /** DataPart key with the open questions. */
    static final String QUESTIONS = "questions";

    private static final Set<String> APPROVE = Set.of("approve", "approved", "yes", "y", "ok", "okay", "lgtm", "go",
            "continue", "accept", "defaults", "use defaults", "use the defaults");
    private static final Set<String> ABORT = Set.of("abort", "cancel", "stop", "quit");

    private Replies() {
    }

    /** The parts of the agent's message for a run that stopped at a gate. */
    static List<Part<?>> ask(ApprovalRequest request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(GATE, request.gate().name().toLowerCase(Locale.ROOT));
        data.put("runId", request.runId());
        StringBuilder text = new StringBuilder();
        if (request.gate() == Gate.CLARIFICATION) {
            List<Map<String, Object>> questions = new ArrayList<>();
            // What planning already decided, e.g. a model's values dropped as ungrounded, comes before the questions.
            for (String warning : request.warnings()) {
                text.append("Note: ").append(warning).append('\n');
            }
            if (!request.warnings().isEmpty()) {
                data.put("warnings", request.warnings());
            }
            if (!request.decisions().isEmpty()) {
                data.put("decisions", request.decisions().stream().map(Replies::decision).toList());
            }
            text.append("I need a few facts before I can plan the chart:\n");
            for (Question q : request.questions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("field", q.field());
                m.put("text", q.text());
                m.put("priority", q.priority().name());
                m.put("default", q.defaultValue().orElse(null));
                m.put("reason", q.reason());
                questions.add(m);
                text.append("- ").append(q.field()).append(": ").append(q.text())
                        .append(q.defaultValue().map(d -> " (default: " + d + ")").orElse("")).append('\n');
            }
            data.put(QUESTIONS, questions);
            boolean allDefaults = request.questions().stream().allMatch(Question::hasDefault);
            data.put("replies", allDefaults ? List.of("field=value ...", "approve", "abort") : List.of("field=value ...", "abort"));
            text.append("Reply in this task with ").append(fields(request.questions()))
                    .append(" (or a data part {\"field\": \"value\"})")
                    .append(allDefaults ? "; \"approve\" takes the defaults" : "").append("; \"abort\" stops.");
        } else {
            String what = switch (request.gate()) {
                case PLANNING_REVIEW -> "Please review the plan before any file is generated.";
                case GENERATION_REVIEW -> "Please review the generated chart before it is validated and written.";
                case VALIDATION_ESCALATION -> "Healing could not fix every finding; approve to write the chart anyway.";
                case CLARIFICATION -> "";
            };
            text.append(what).append('\n');
            if (!request.summary().isEmpty()) {
                text.append(request.summary().stripTrailing()).append('\n');
            }
            if (!request.files().isEmpty()) {
                text.append("Files (").append(request.files().size()).append("): ").append(String.join(", ", request.files())).append('\n');
            }
            text.append("Reply in this task with \"approve\", \"reject: <what to change>\" or \"abort\".");
            data.put("summary", request.summary());
            data.put("files", request.files());
            data.put("diff", request.diff());
            if (!request.report().findings().isEmpty()) {
                data.put("report", ChartArtifacts.report(request.report()));
            }
            data.put("replies", List.of("approve", "reject: <feedback>", "abort"));
        }
        return List.of(new TextPart(text.toString()), new DataPart(data));
    }

    /** A planning decision as the reply's data shows it: the fields of {@code PlanDecision}, as the command line's {@code --json}. */
    private static Map<String, Object> decision(PlanDecision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", d.topic());
        m.put("choice", d.choice());
        m.put("reason", d.reason());
        m.put("source", d.source().wire());
        m.put("outcome", d.outcome().wire());
        return m;
    }

    /**
     * The decision a person's message takes at a gate.
     *
     * @param gate      the gate the task waits at
     * @param questions the open questions (clarification)
     * @param message   the person's message
     * @throws InvalidParamsError when the message is not a reply this gate understands (the message says which are)
     */
    static Decision decide(Gate gate, List<Question> questions, Message message) {
        String text = Messages.text(message).strip();
        Map<String, Object> data = Messages.data(message);
        String word = text.toLowerCase(Locale.ROOT).replaceAll("[.!\\s]+$", "");
        Optional<String> decision = Optional.ofNullable(data.get("decision")).map(Object::toString).map(s -> s.toLowerCase(Locale.ROOT));
        if (decision.map(ABORT::contains).orElse(false) || data.isEmpty() && ABORT.contains(word)) {
            return Decision.abort("aborted by the A2A client");
        }
        if (gate == Gate.CLARIFICATION) {
            return answer(questions, text, word, data, decision);
        }
        if (decision.isPresent()) {
            String feedback = Optional.ofNullable(data.get("feedback")).map(Object::toString).orElse("");
            return switch (decision.get()) {
                case "approve" -> Decision.approve();
                case "reject" -> Decision.reject(feedback);
                default -> throw new InvalidParamsError("decision '" + decision.get()
                        + "' is not approve, reject or abort (fix: {\"decision\": \"approve\"} or {\"decision\": \"reject\", \"feedback\": \"...\"})");
            };
        }
        if (APPROVE.contains(word)) {
            return Decision.approve();
        }
        if (word.startsWith("reject")) {
            String feedback = text.substring("reject".length()).replaceFirst("^(ed)?\\s*[:,-]?\\s*", "");
            return Decision.reject(feedback);
        }
        throw new InvalidParamsError("the task waits at the " + gate.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " gate and '" + abbreviate(text) + "' is not a reply to it (fix: reply \"approve\", \"reject: <what to change>\" or \"abort\")");
    }

    private static Decision answer(List<Question> questions, String text, String word, Map<String, Object> data,
                                   Optional<String> decision) {
        if (decision.map("approve"::equals).orElse(false) || data.isEmpty() && APPROVE.contains(word)) {
            List<String> noDefault = questions.stream().filter(q -> !q.hasDefault()).map(Question::field).toList();
            if (!noDefault.isEmpty()) {
                throw new InvalidParamsError("question(s) " + String.join(", ", noDefault)
                        + " have no default (fix: answer them, e.g. " + noDefault.get(0) + "=...)");
            }
            return Decision.approve();
        }
        Map<String, String> answers = new LinkedHashMap<>();
        Object nested = data.get("answers");
        Map<?, ?> source = nested instanceof Map<?, ?> m ? m : data;
        source.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!key.equals("decision") && !key.equals("feedback") && v != null && !(v instanceof Map) && !(v instanceof List)) {
                answers.put(key, String.valueOf(v));
            }
        });
        if (!text.isEmpty()) {
            try {
                Map<String, String> parsed = Answers.parse(text);
                if (parsed.isEmpty()) {
                    parsed = namedAnswers(questions, text);
                }
                if (parsed.isEmpty() && questions.size() == 1) {
                    parsed = Map.of(questions.get(0).field(), text);
                }
                if (parsed.isEmpty() && answers.isEmpty()) {
                    throw new IllegalArgumentException("'" + abbreviate(text) + "' answers none of the questions");
                }
                answers.putAll(parsed);
            } catch (IllegalArgumentException e) {
                throw new InvalidParamsError(e.getMessage().contains("(fix:") ? e.getMessage()
                        : e.getMessage() + " (fix: reply with " + fields(questions) + ")");
            }
        }
        if (answers.isEmpty()) {
            throw new InvalidParamsError("the reply answers none of the questions (fix: reply with " + fields(questions) + ")");
        }
        return Decision.answer(answers);
    }

    /**
     * Answers written as "image ghcr.io/acme/app:1.0, port 8080" (or "image: …", "image is …"): every segment
     * between commas, semicolons, "and" or line breaks starts with the field of an open question. Empty unless
     * every segment does.
     */
    private static Map<String, String> namedAnswers(List<Question> questions, String text) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String segment : text.split("\\s*(?:[,;\\n]|\\band\\b)\\s*")) {
            if (segment.isBlank()) {
                continue;
            }
            Optional<String> value = Optional.empty();
            for (Question q : questions) {
                Matcher m = Pattern.compile("(?i)^\\s*" + Pattern.quote(q.field()) + "\\s*(?::|\\bis\\b|=)?\\s+(\\S.*?)\\s*$")
                        .matcher(segment);
                if (m.matches()) {
                    answers.put(q.field(), m.group(1));
                    value = Optional.of(m.group(1));
                    break;
                }
            }
            if (value.isEmpty()) {
                return Map.of();
            }
        }
        return answers;
    }

    private static String fields(List<Question> questions) {
        return questions.isEmpty() ? "field=value" : String.join(" ", questions.stream().map(q -> q.field() + "=...").toList());
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
