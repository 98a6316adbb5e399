package dev.k8sautopilot.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.a2a.spec.Artifact;
import io.a2a.spec.DataPart;
import io.a2a.spec.FilePart;
import io.a2a.spec.FileWithBytes;
import io.a2a.spec.Message;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TextPart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTaskStoreTest {

    @Test
    void keepsEveryPartKindAcrossStoreInstances(@TempDir Path dir) {
        Task task = new Task.Builder().id("3f1c0a6e-task").contextId("ctx")
                .status(new TaskStatus(TaskState.INPUT_REQUIRED, new Message.Builder().role(Message.Role.AGENT)
                        .parts(List.of(new TextPart("Which image?"), new DataPart(Map.of("gate", "clarification")))).messageId("m2").build(), null))
                .history(List.of(new Message.Builder().role(Message.Role.USER).parts(List.of(new TextPart("make a chart"))).messageId("m1").build()))
                .artifacts(List.of(new Artifact.Builder().artifactId("chart").name("web")
                        .parts(List.of(new FilePart(new FileWithBytes("application/yaml", "Chart.yaml", "bmFtZTogd2Vi")))).build()))
                .metadata(Map.of(ChartAgent.RUN_ID, "20261201-000000-abcd"))
                .build();
        Stores first = Stores.open("file:" + dir);
        first.tasks().save(task);
        first.tasks().save(new Task.Builder(task).status(new TaskStatus(TaskState.INPUT_REQUIRED)).build());
        first.close();

        try (Stores second = Stores.open("file:" + dir)) {
            Task back = second.tasks().get(task.getId());
            assertThat(back.getContextId()).isEqualTo("ctx");
            assertThat(back.getHistory()).hasSize(1);
            assertThat(back.getArtifacts().get(0).parts().get(0)).isInstanceOf(FilePart.class);
            assertThat(back.getMetadata()).containsEntry(ChartAgent.RUN_ID, "20261201-000000-abcd");
            assertThat(second.tasks().get("../escape")).isNull();
            // Tasks live beside the runs, not among them: the runs store does not list them.
            assertThat(second.runs().list()).isEmpty();
        }
        assertThat(dir.resolve(Stores.TASK_DIRECTORY).resolve(task.getId() + ".json")).exists();
    }

    @Test
    void secretsInMessagesAreMaskedInTheRecord(@TempDir Path dir) throws Exception {
        Task task = new Task.Builder().id("t-secret").contextId("ctx").status(new TaskStatus(TaskState.SUBMITTED))
                .history(List.of(new Message.Builder().role(Message.Role.USER).messageId("m1").parts(List.of(
                        new TextPart("chart for billing with DB_PASSWORD=hunter2 and image=ghcr.io/acme/billing:1.0"),
                        new DataPart(Map.of("apiKey", "sk-live-123", "answers", Map.of("token", "tok-456", "port", 8080))))).build()))
                .build();
        try (Stores stores = Stores.open("file:" + dir)) {
            stores.tasks().save(task);
            String stored = java.nio.file.Files.readString(dir.resolve(Stores.TASK_DIRECTORY).resolve("t-secret.json"));
            assertThat(stored).doesNotContain("hunter2").doesNotContain("sk-live-123").doesNotContain("tok-456")
                    .contains("ghcr.io/acme/billing:1.0").contains("8080");
            assertThat(Messages.text(stores.tasks().get("t-secret").getHistory().get(0))).contains("DB_PASSWORD=<redacted>");
        }
    }
}
