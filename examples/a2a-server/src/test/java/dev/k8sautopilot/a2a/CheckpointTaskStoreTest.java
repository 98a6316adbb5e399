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
}
