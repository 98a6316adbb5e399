package dev.k8sautopilot.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.a2a.client.ClientEvent;
import io.a2a.client.TaskEvent;
import io.a2a.client.TaskUpdateEvent;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.DataPart;
import io.a2a.spec.FilePart;
import io.a2a.spec.FileWithBytes;
import io.a2a.spec.Task;
import io.a2a.spec.TaskArtifactUpdateEvent;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.a2a.spec.TextPart;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in-process on 127.0.0.1 with a port of its own, driven by the official A2A Java SDK client (a client
 * that only knows A2A v0.3 JSON-RPC): the acceptance of issue 16.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class A2aServerIT {

    private Path dir;
    private A2aServer server;
    private SdkClient client;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        server = A2aServer.start(ServerSettings.builder().port(0).outputDirectory(dir.resolve("charts"))
                .checkpointer("file:" + dir.resolve("store")).build());
        client = new SdkClient(server.url(), null);
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    @Test
    @DisplayName("the agent card says protocol 0.3.0, its URL, streaming, the three skills and the modes")
    void card() {
        AgentCard card = client.card();
        assertThat(card.protocolVersion()).isEqualTo("0.3.0");
        assertThat(card.url()).isEqualTo(server.url()).startsWith("http://127.0.0.1:");
        assertThat(card.preferredTransport()).isEqualTo("JSONRPC");
        assertThat(card.capabilities().streaming()).isTrue();
        assertThat(card.capabilities().pushNotifications()).isFalse();
        assertThat(card.skills()).extracting(AgentSkill::id).containsExactly("generate", "validate", "repair");
        assertThat(card.defaultInputModes()).contains("text/plain", "application/json");
        assertThat(card.defaultOutputModes()).contains("application/yaml", "application/gzip");
        assertThat(card.securitySchemes()).isNullOrEmpty();
    }

    @Test
    @DisplayName("'Create a Helm chart for nginx' ends completed after approve, with files, package and report")
    void nginx() throws Exception {
        Task task = client.send("Create a Helm chart for nginx");
        if (task.getStatus().state() == TaskState.INPUT_REQUIRED) {
            assertThat(Tasks.statusData(task)).containsEntry("gate", "generation_review");
            assertThat((List<Object>) Tasks.statusData(task).get("files")).contains("Chart.yaml", "templates/deployment.yaml");
            assertThat(Tasks.statusText(task)).contains("approve").contains("Chart nginx");
            task = client.reply(task, "approve");
        }
        assertThat(task.getStatus().state()).as(Tasks.statusText(task)).isEqualTo(TaskState.COMPLETED);
        Map<String, String> files = Tasks.chartFiles(task);
        assertThat(files).containsKeys("Chart.yaml", "values.yaml", "templates/deployment.yaml");
        assertThat(files.get("Chart.yaml")).contains("name: nginx");
        FilePart pkg = (FilePart) Tasks.artifact(task, ChartArtifacts.PACKAGE).orElseThrow().parts().get(0);
        FileWithBytes tgz = (FileWithBytes) pkg.getFile();
        assertThat(tgz.name()).isEqualTo("nginx-0.1.0.tgz");
        assertThat(tgz.mimeType()).isEqualTo("application/gzip");
        byte[] archive = Base64.getDecoder().decode(tgz.bytes());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("nginx/Chart.yaml");
        }
        assertThat(Tasks.report(task)).containsEntry("passed", true).containsEntry("errors", 0);
        // Written under --output only, in the task's own directory.
        assertThat(dir.resolve("charts").resolve(task.getId()).resolve("nginx/Chart.yaml")).exists();
        assertThat(dir.resolve("charts").resolve(task.getId()).resolve("nginx-0.1.0.tgz")).exists();
        // tasks/get returns the same task.
        Task again = client.get(task.getId());
        assertThat(again.getStatus().state()).isEqualTo(TaskState.COMPLETED);
        assertThat(again.getArtifacts()).hasSize(3);
    }

    @Nested
    @DisplayName("a request that leaves the image open")
    class NeedsInput {

        @Test
        @DisplayName("'make a chart for our app' ends input-required with the questions as data")
        void asks() throws Exception {
            Task task = client.send("make a chart for our app");
            assertThat(task.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
            Map<String, Object> data = Tasks.statusData(task);
            assertThat(data).containsEntry("gate", "clarification");
            assertThat((List<?>) data.get("questions")).anySatisfy(q -> assertThat(((Map<?, ?>) q).get("field")).isEqualTo("image"));
            assertThat(Tasks.statusText(task)).contains("image=");
        }

        @Test
        @DisplayName("answering with an image and a port in the same task ends completed with a chart")
        void answered() throws Exception {
            Task task = client.send("make a chart for our app");
            assertThat(task.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
            task = client.reply(task, "image=ghcr.io/acme/shop:1.4.2 port=8080");
            task = approveReview(task);
            assertThat(task.getStatus().state()).as(Tasks.statusText(task)).isEqualTo(TaskState.COMPLETED);
            Map<String, String> files = Tasks.chartFiles(task);
            assertThat(files.get("values.yaml")).contains("acme/shop").contains("1.4.2");
            assertThat(files.get("values.yaml")).contains("8080");
            assertThat(task.getHistory()).extracting(m -> m.getRole().asString()).contains("user", "agent");
        }

        @Test
        @DisplayName("a data part {field: value} answers too")
        void answeredWithData() throws Exception {
            Task task = client.send("make a chart for our app");
            task = client.send(SdkClient.message(task.getId(), task.getContextId(),
                    List.of(new DataPart(Map.of("image", "ghcr.io/acme/cart:2.0.0", "port", 9090)))));
            task = approveReview(task);
            assertThat(task.getStatus().state()).as(Tasks.statusText(task)).isEqualTo(TaskState.COMPLETED);
            assertThat(Tasks.chartFiles(task).get("values.yaml")).contains("acme/cart").contains("9090");
        }

        @Test
        @DisplayName("an answer the planner refuses is refused with its message, and the task still waits")
        void badAnswer() throws Exception {
            Task task = client.send("make a chart for our app");
            Task waiting = task;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.reply(waiting, "image=ghcr.io/acme/shop:1.0 port=99999"))
                    .hasMessageContaining("port").hasMessageContaining("still waits");
            assertThat(client.get(task.getId()).getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
            Task done = approveReview(client.reply(task, "image=ghcr.io/acme/shop:1.0 port=8080"));
            assertThat(done.getStatus().state()).as(Tasks.statusText(done)).isEqualTo(TaskState.COMPLETED);
        }

        @Test
        @DisplayName("a reply the gate does not understand is refused and the task still waits")
        void notUnderstood() throws Exception {
            Task task = client.send("Create a Helm chart for nginx");
            assertThat(task.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
            Task waiting = task;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.reply(waiting, "maybe later"))
                    .hasMessageContaining("approve");
            assertThat(client.get(task.getId()).getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
        }
    }

    @Test
    @DisplayName("'reject: <feedback>' at the generation review re-plans with the feedback and asks again")
    void rejectReplans() throws Exception {
        Task task = client.send("Create a Helm chart for nginx");
        assertThat(Tasks.statusText(task)).contains("replicas: 1");
        task = client.reply(task, "reject: use 3 replicas");
        assertThat(task.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
        assertThat(Tasks.statusData(task)).containsEntry("gate", "generation_review");
        assertThat((String) Tasks.statusData(task).get("summary")).contains("replicas: 3");
        task = client.reply(task, "abort");
        assertThat(task.getStatus().state()).isEqualTo(TaskState.CANCELED);
        assertThat(Tasks.statusText(task)).contains("Aborted").contains("nothing was written");
        assertThat(dir.resolve("charts").resolve(task.getId())).doesNotExist();
    }

    @Test
    @DisplayName("message/stream sends the task, working, then input-required as the final event")
    void streams() throws Exception {
        List<ClientEvent> events = client.stream(SdkClient.message(null, null, List.of(new TextPart("make a chart for our app"))));
        assertThat(events.get(0)).isInstanceOf(TaskEvent.class);
        List<String> states = new ArrayList<>();
        for (ClientEvent e : events) {
            if (e instanceof TaskUpdateEvent u && u.getUpdateEvent() instanceof TaskStatusUpdateEvent s) {
                states.add(s.getStatus().state().asString() + (s.isFinal() ? "!" : ""));
            }
        }
        assertThat(states).hasSizeGreaterThan(1).last().isEqualTo("input-required!");
        assertThat(states.subList(0, states.size() - 1)).containsOnly("working");
    }

    @Test
    @DisplayName("message/stream of an approval sends the artifacts, then completed")
    void streamsArtifacts() throws Exception {
        Task task = client.send("Create a Helm chart for redis");
        assertThat(task.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
        List<ClientEvent> events = client.stream(SdkClient.message(task.getId(), task.getContextId(), List.of(new TextPart("approve"))));
        List<String> artifacts = new ArrayList<>();
        for (ClientEvent e : events) {
            if (e instanceof TaskUpdateEvent u && u.getUpdateEvent() instanceof TaskArtifactUpdateEvent a) {
                artifacts.add(a.getArtifact().artifactId());
            }
        }
        assertThat(artifacts).containsExactly(ChartArtifacts.CHART, ChartArtifacts.PACKAGE, ChartArtifacts.REPORT);
        TaskUpdateEvent last = (TaskUpdateEvent) events.get(events.size() - 1);
        assertThat(((TaskStatusUpdateEvent) last.getUpdateEvent()).getStatus().state()).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    @DisplayName("a chart sent as file parts is validated; the report is the artifact")
    void validates() throws Exception {
        Task generated = approveReview(client.send("Create a Helm chart for nginx"));
        List<io.a2a.spec.Part<?>> parts = new ArrayList<>();
        parts.add(new TextPart("Validate this chart"));
        Tasks.chartFiles(generated).forEach((path, content) -> parts.add(new FilePart(new FileWithBytes("text/plain", "nginx/" + path,
                Base64.getEncoder().encodeToString(content.getBytes(java.nio.charset.StandardCharsets.UTF_8))))));
        Task task = client.send(SdkClient.message(null, null, parts));
        assertThat(task.getStatus().state()).as(Tasks.statusText(task)).isEqualTo(TaskState.COMPLETED);
        assertThat(task.getMetadata()).containsEntry(ChartAgent.SKILL, "validate");
        assertThat(Tasks.report(task)).containsEntry("passed", true);
        assertThat(Tasks.statusText(task)).contains("passed validation");
        assertThat(Files.exists(dir.resolve("charts").resolve(task.getId()))).as("validation writes nothing").isFalse();
    }

    @Test
    @DisplayName("the packaged chart (.tgz from the chart-package artifact) is validated too")
    void validatesPackagedChart() throws Exception {
        Task generated = approveReview(client.send("Create a Helm chart for nginx"));
        FileWithBytes tgz = (FileWithBytes) ((FilePart) Tasks.artifact(generated, ChartArtifacts.PACKAGE).orElseThrow().parts().get(0)).getFile();
        Task task = client.send(SdkClient.message(null, null, List.of(new TextPart("Validate this chart"),
                new FilePart(new FileWithBytes("application/gzip", tgz.name(), tgz.bytes())))));
        assertThat(task.getStatus().state()).as(Tasks.statusText(task)).isEqualTo(TaskState.COMPLETED);
        assertThat(Tasks.statusText(task)).startsWith("Chart nginx passed validation");
        assertThat(Tasks.report(task)).containsEntry("passed", true);
    }

    @Test
    @DisplayName("a broken chart sent with 'repair' is healed after approval and comes back as artifacts")
    void repairs() throws Exception {
        Task generated = approveReview(client.send("Create a Helm chart for nginx"));
        List<io.a2a.spec.Part<?>> parts = new ArrayList<>();
        parts.add(new TextPart("Please repair this chart"));
        Tasks.chartFiles(generated).forEach((path, content) -> {
            String broken = path.equals("values.yaml") ? content.replaceFirst("\n  ", "\n\t") : content;
            parts.add(new FilePart(new FileWithBytes("text/plain", path,
                    Base64.getEncoder().encodeToString(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        });
        Task task = client.send(SdkClient.message(null, null, parts));
        assertThat(task.getMetadata()).containsEntry(ChartAgent.SKILL, "repair");
        assertThat(task.getStatus().state()).as(Tasks.statusText(task)).isEqualTo(TaskState.INPUT_REQUIRED);
        assertThat(Tasks.statusData(task)).containsEntry("gate", "generation_review");
        task = client.reply(task, "approve");
        assertThat(task.getStatus().state()).as(Tasks.statusText(task)).isEqualTo(TaskState.COMPLETED);
        assertThat(Tasks.chartFiles(task).get("values.yaml")).doesNotContain("\t");
        assertThat(Tasks.report(task)).containsEntry("passed", true);
        // The upload went to a directory the server chose, under --output.
        assertThat(dir.resolve("charts").resolve(task.getId()).resolve("nginx/values.yaml")).exists();
    }

    private Task approveReview(Task task) throws Exception {
        Task t = task;
        while (t.getStatus().state() == TaskState.INPUT_REQUIRED && "generation_review".equals(Tasks.statusData(t).get("gate"))) {
            t = client.reply(t, "approve");
        }
        return t;
    }
}
