package dev.k8sautopilot.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.checkpoint.Checkpointers;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.Question;
import io.a2a.spec.FilePart;
import io.a2a.spec.FileWithUri;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.InvalidRequestError;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendConfiguration;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskNotCancelableError;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent without HTTP, with a planner the test controls: bounds, states, refusals. */
class ChartAgentTest {

    @TempDir
    Path dir;

    private final CountDownLatch release = new CountDownLatch(1);
    private ChartAgent agent;

    @BeforeEach
    void setUp() {
        // Blocks until released, then asks for the image: every run stops at the clarification gate.
        ChartPipeline pipeline = ChartPipeline.builder()
                .planner((request, context) -> {
                    try {
                        release.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new PlanOutcome.NeedsInput(List.of(new Question("image", "Which image?", Priority.CRITICAL,
                            Optional.empty(), "no image named")), "");
                })
                .checkpointer(Checkpointers.open("memory:"))
                .approvals(new A2aServer.ClientDecides())
                .outputDirectory(dir)
                .build();
        agent = new ChartAgent(pipeline, new CheckpointTaskStore(Checkpointers.open("memory:")), dir, 1);
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        agent.close();
    }

    @Nested
    @DisplayName("while a run works")
    class Working {

        @Test
        @DisplayName("a second run is refused as busy, with the limit in the message")
        void busy() {
            Task first = (Task) agent.onMessageSend(nonBlocking(text("make a chart for our app")), null);
            assertThat(first.getStatus().state()).isIn(TaskState.SUBMITTED, TaskState.WORKING);

            assertThatThrownBy(() -> agent.onMessageSend(nonBlocking(text("another chart")), null))
                    .isInstanceOfSatisfying(JSONRPCError.class, e -> assertThat(e.getCode()).isEqualTo(ChartAgent.SERVER_BUSY))
                    .hasMessageContaining("busy").hasMessageContaining("1 runs").hasMessageContaining("--max-runs");
            assertThat(agent.runningCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("a reply to it is refused, and so is cancel; once it asks, both work")
        void replyAndCancel() throws Exception {
            Task first = (Task) agent.onMessageSend(nonBlocking(text("make a chart for our app")), null);
            Message reply = reply(first, "image=nginx:1.27");
            assertThatThrownBy(() -> agent.onMessageSend(new MessageSendParams(reply, null, null), null))
                    .isInstanceOf(InvalidRequestError.class).hasMessageContaining("is working");
            assertThatThrownBy(() -> agent.onCancelTask(new TaskIdParams(first.getId()), null))
                    .isInstanceOf(TaskNotCancelableError.class).hasMessageContaining("working");

            release.countDown();
            Task waiting = awaitState(first.getId(), TaskState.INPUT_REQUIRED);
            assertThat(Tasks.statusData(waiting)).containsEntry("gate", "clarification");
            assertThat(agent.runningCount()).isZero();

            Task canceled = agent.onCancelTask(new TaskIdParams(first.getId()), null);
            assertThat(canceled.getStatus().state()).isEqualTo(TaskState.CANCELED);
            assertThatThrownBy(() -> agent.onMessageSend(new MessageSendParams(reply(canceled, "image=nginx:1.27"), null, null), null))
                    .isInstanceOf(InvalidRequestError.class).hasMessageContaining("canceled").hasMessageContaining("without a taskId");
        }
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {

        @Test
        @DisplayName("an unknown task id, and one that could be a path")
        void unknownTask() {
            assertThatThrownBy(() -> agent.onGetTask(new TaskQueryParams("no-such-task"), null)).isInstanceOf(TaskNotFoundError.class);
            assertThatThrownBy(() -> agent.onGetTask(new TaskQueryParams("../../etc/passwd"), null)).isInstanceOf(TaskNotFoundError.class);
        }

        @Test
        @DisplayName("a file by URI: the server reads no client path and fetches nothing")
        void fileUri() {
            Message m = message(List.of(new TextPart("Validate this chart"),
                    new FilePart(new FileWithUri("text/plain", "Chart.yaml", "file:///etc/passwd"))));
            assertThatThrownBy(() -> agent.onMessageSend(new MessageSendParams(m, null, null), null))
                    .isInstanceOf(InvalidParamsError.class).hasMessageContaining("fetches nothing");
            assertThat(agent.runningCount()).isZero();
        }

        @Test
        @DisplayName("a message from the agent role, and an empty one")
        void badMessages() {
            Message agentRole = new Message.Builder().role(Message.Role.AGENT).parts(List.of(new TextPart("hi")))
                    .messageId("m").build();
            assertThatThrownBy(() -> agent.onMessageSend(new MessageSendParams(agentRole, null, null), null))
                    .isInstanceOf(InvalidParamsError.class).hasMessageContaining("role");
            assertThatThrownBy(() -> agent.onMessageSend(text(""), null))
                    .isInstanceOf(InvalidParamsError.class).hasMessageContaining("request");
        }
    }

    private Task awaitState(String id, TaskState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Task t = agent.onGetTask(new TaskQueryParams(id), null);
        while (t.getStatus().state() != state && System.nanoTime() < deadline) {
            Thread.sleep(20);
            t = agent.onGetTask(new TaskQueryParams(id), null);
        }
        assertThat(t.getStatus().state()).isEqualTo(state);
        // The slot is given back after the state is saved; wait for it too.
        while (agent.runningCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return t;
    }

    private static MessageSendParams text(String text) {
        return new MessageSendParams(message(List.of(new TextPart(text))), null, null);
    }

    private static MessageSendParams nonBlocking(MessageSendParams p) {
        return new MessageSendParams(p.message(), new MessageSendConfiguration.Builder().blocking(false).build(), null);
    }

    private static Message message(List<Part<?>> parts) {
        return new Message.Builder().role(Message.Role.USER).parts(parts).messageId(java.util.UUID.randomUUID().toString()).build();
    }

    private static Message reply(Task task, String text) {
        return new Message.Builder().role(Message.Role.USER).parts(List.of(new TextPart(text))).messageId("r")
                .taskId(task.getId()).contextId(task.getContextId()).build();
    }

}
