package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModelCallsTest {

    static final ChatRequest HI = ChatRequest.builder().messages(UserMessage.from("hi")).build();

    @Test
    @DisplayName("rate limits and server errors are retried while the budget lasts; each attempt reaches the model")
    void retries() throws Exception {
        ScriptedChatModel model = new ScriptedChatModel().thenThrow(new RateLimitException("429"))
                .thenThrow(new InternalServerException("503")).thenReply("ok");

        assertThat(ModelCalls.Budget.of(Duration.ofSeconds(20), 2).text(model, HI)).isEqualTo("ok");
        assertThat(model.calls()).isEqualTo(3);
    }

    @Test
    @DisplayName("retries stop at the configured count, with the last failure as the reason")
    void retriesUsedUp() {
        ScriptedChatModel model = new ScriptedChatModel().thenThrow(new RateLimitException("429")).thenThrow(new RateLimitException("429"));

        assertThatThrownBy(() -> ModelCalls.Budget.of(Duration.ofSeconds(20), 1).text(model, HI))
                .isInstanceOf(ModelCalls.Failure.class).hasMessageContaining("rate limit");
        assertThat(model.calls()).isEqualTo(2);
    }

    @Test
    @DisplayName("a wrong key or a bad request is not retried")
    void notRetried() {
        ScriptedChatModel model = new ScriptedChatModel().thenThrow(new AuthenticationException("401 invalid key"));

        assertThatThrownBy(() -> ModelCalls.Budget.of(Duration.ofSeconds(20), 3).text(model, HI))
                .isInstanceOf(ModelCalls.Failure.class).hasMessageContaining("401");
        assertThat(model.calls()).isEqualTo(1);
    }

    @Test
    @DisplayName("one deadline for the whole stage: a hung model ends the call when the budget is spent, whatever the retries")
    void deadline() {
        ScriptedChatModel model = new ScriptedChatModel().thenHang(Duration.ofSeconds(10)).thenHang(Duration.ofSeconds(10));
        ModelCalls.Budget budget = ModelCalls.Budget.of(Duration.ofMillis(400), 5);
        long start = System.nanoTime();

        assertThatThrownBy(() -> budget.text(model, HI)).isInstanceOf(ModelCalls.Failure.class)
                .hasMessage("the model did not answer in time");
        assertThatThrownBy(() -> budget.text(model, HI)).as("the next call of the stage has no time left")
                .isInstanceOf(ModelCalls.Failure.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        assertThat(model.calls()).isEqualTo(1);
        assertThat(budget.remaining()).isZero();
    }
}
