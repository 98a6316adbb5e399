package dev.k8sautopilot.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.ValueSource;
import io.a2a.spec.DataPart;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TextPart;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RepliesTest {

    private static final Question IMAGE = new Question("image", "Which image?", Priority.CRITICAL, Optional.empty(), "none named");
    private static final Question PORT = new Question("port", "Which port?", Priority.HIGH, Optional.of("8080"), "no port named");

    @Nested
    @DisplayName("at the clarification gate")
    class Clarification {

        @Test
        void fieldValueText() {
            assertThat(decide(List.of(IMAGE, PORT), text("image=ghcr.io/acme/app:1.0 port=9090")))
                    .isEqualTo(Decision.answer(Map.of("image", "ghcr.io/acme/app:1.0", "port", "9090")));
        }

        @Test
        void fieldNamesInProse() {
            assertThat(decide(List.of(IMAGE, PORT), text("image ghcr.io/acme/app:1.0 and port: 9090")))
                    .isEqualTo(Decision.answer(Map.of("image", "ghcr.io/acme/app:1.0", "port", "9090")));
        }

        @Test
        void plainTextAnswersTheOnlyQuestion() {
            assertThat(decide(List.of(IMAGE), text("ghcr.io/acme/app:1.0"))).isEqualTo(Decision.answer("image", "ghcr.io/acme/app:1.0"));
        }

        @Test
        void plainTextWithSeveralQuestionsIsRefusedNamingThem() {
            assertThatThrownBy(() -> decide(List.of(IMAGE, PORT), text("ghcr.io/acme/app:1.0")))
                    .isInstanceOf(InvalidParamsError.class).hasMessageContaining("image=... port=...");
        }

        @Test
        void dataPartFieldToValue() {
            assertThat(decide(List.of(IMAGE, PORT), data(Map.of("image", "nginx:1.27", "port", 8081))))
                    .isEqualTo(Decision.answer(Map.of("image", "nginx:1.27", "port", "8081")));
            assertThat(decide(List.of(IMAGE), data(Map.of("answers", Map.of("image", "nginx:1.27")))))
                    .isEqualTo(Decision.answer("image", "nginx:1.27"));
        }

        @Test
        void approveNeedsDefaultsForEveryQuestion() {
            assertThat(decide(List.of(PORT), text("approve"))).isEqualTo(Decision.approve());
            assertThatThrownBy(() -> decide(List.of(IMAGE, PORT), text("approve")))
                    .isInstanceOf(InvalidParamsError.class).hasMessageContaining("image").hasMessageContaining("no default");
        }

        @Test
        void abort() {
            assertThat(decide(List.of(IMAGE), text("abort"))).isInstanceOf(Decision.Abort.class);
        }
    }

    @Nested
    @DisplayName("at a review gate")
    class Review {

        @Test
        void approveInWordsOrData() {
            assertThat(review(text("Approve."))).isEqualTo(Decision.approve());
            assertThat(review(text("lgtm"))).isEqualTo(Decision.approve());
            assertThat(review(data(Map.of("decision", "approve")))).isEqualTo(Decision.approve());
        }

        @Test
        void rejectWithFeedback() {
            assertThat(review(text("reject: use 3 replicas"))).isEqualTo(Decision.reject("use 3 replicas"));
            assertThat(review(text("Reject - expose it at shop.example.com"))).isEqualTo(Decision.reject("expose it at shop.example.com"));
            assertThat(review(data(Map.of("decision", "reject", "feedback", "add persistence")))).isEqualTo(Decision.reject("add persistence"));
        }

        @Test
        void anythingElseIsRefusedWithTheReplies() {
            assertThatThrownBy(() -> review(text("maybe")))
                    .isInstanceOf(InvalidParamsError.class).hasMessageContaining("approve").hasMessageContaining("reject: <what to change>");
            assertThatThrownBy(() -> review(data(Map.of("decision", "perhaps")))).hasMessageContaining("perhaps");
        }
    }

    @Test
    @DisplayName("the question data round-trips through the task's status message")
    void questionsRoundTrip() {
        ApprovalRequest request = new ApprovalRequest("run-1", Gate.CLARIFICATION, "", List.of(), "", List.of(IMAGE, PORT), null, "/out");
        List<Part<?>> parts = Replies.ask(request);
        assertThat(((TextPart) parts.get(0)).getText()).contains("image: Which image?").contains("(default: 8080)").contains("image=... port=...");
        Task task = new Task.Builder().id("t").contextId("c").status(new TaskStatus(TaskState.INPUT_REQUIRED,
                new Message.Builder().role(Message.Role.AGENT).parts(parts).messageId("m").build(), null)).build();
        assertThat(Messages.questions(task)).containsExactly(IMAGE, PORT);
    }

    @Test
    @DisplayName("a review shows the summary and the file list, as text and as data")
    void review() {
        ApprovalRequest request = new ApprovalRequest("run-1", Gate.GENERATION_REVIEW, "Chart web 0.1.0\n",
                List.of("Chart.yaml", "values.yaml"), "", List.of(), null, "/out");
        List<Part<?>> parts = Replies.ask(request);
        assertThat(((TextPart) parts.get(0)).getText()).contains("Chart web 0.1.0").contains("Files (2): Chart.yaml, values.yaml");
        assertThat(((DataPart) parts.get(1)).getData()).containsEntry("gate", "generation_review")
                .containsEntry("files", List.of("Chart.yaml", "values.yaml")).containsEntry("runId", "run-1");
    }

    @Test
    @DisplayName("a clarification shows what planning dropped from a model's answer before the questions")
    void clarificationShowsDrops() {
        PlanDecision dropped = PlanDecision.dropped("image", "docker.io/evilcorp/billing:6.6.6", ValueSource.LLM,
                "the request does not name this image reference");
        String warning = "LLM planner: dropped image = docker.io/evilcorp/billing:6.6.6: the request does not name it";
        ApprovalRequest request = new ApprovalRequest("run-1", Gate.CLARIFICATION, "", List.of(), "", List.of(IMAGE),
                null, "charts", List.of(dropped), List.of(warning));

        List<Part<?>> parts = Replies.ask(request);

        String text = ((TextPart) parts.get(0)).getText();
        assertThat(text).contains("Note: " + warning);
        assertThat(text.indexOf(warning)).isLessThan(text.indexOf("image: Which image?"));
        Map<String, Object> data = ((DataPart) parts.get(1)).getData();
        assertThat(data).containsEntry("warnings", List.of(warning));
        assertThat(data.get("decisions")).isEqualTo(List.of(Map.of("topic", "image", "choice", "docker.io/evilcorp/billing:6.6.6",
                "reason", "the request does not name this image reference", "source", "llm", "outcome", "dropped")));
        assertThat(((DataPart) Replies.ask(new ApprovalRequest("run-1", Gate.CLARIFICATION, "", List.of(), "", List.of(IMAGE),
                null, "charts")).get(1)).getData()).doesNotContainKeys("warnings", "decisions");
    }

    private static Decision decide(List<Question> questions, Message m) {
        return Replies.decide(Gate.CLARIFICATION, questions, m);
    }

    private static Decision review(Message m) {
        return Replies.decide(Gate.GENERATION_REVIEW, List.of(), m);
    }

    private static Message text(String text) {
        return new Message.Builder().role(Message.Role.USER).parts(List.of(new TextPart(text))).messageId("m").build();
    }

    private static Message data(Map<String, Object> data) {
        return new Message.Builder().role(Message.Role.USER).parts(List.of(new DataPart(data))).messageId("m").build();
    }
}
