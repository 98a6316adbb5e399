package dev.k8sautopilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process, with the real templates and validation modules. */
class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Outcome(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Nested
    @DisplayName("start-up")
    class StartUp {
        @Test
        @DisplayName("a subcommand run builds only that subcommand; help, no command or an unknown one get all of them")
        void onlyTheCommandThatRuns() {
            assertThat(Main.commandLine("generate", "x", "--output", "o").getSubcommands()).containsOnlyKeys("generate");
            assertThat(Main.commandLine("runs").getSubcommands()).containsOnlyKeys("runs");
            for (String[] args : new String[][] {{}, {"--help"}, {"help", "generate"}, {"genrate"}, {"--version"}}) {
                assertThat(Main.commandLine(args).getSubcommands()).containsOnlyKeys("generate", "validate", "repair", "render",
                        "resume", "runs", "package", "push", "help");
            }
        }

        @Test
        @DisplayName("the subcommand's help and errors are the same as with every subcommand built")
        void sameHelpAndErrors() {
            for (String name : java.util.List.of("generate", "validate", "repair", "render", "resume", "runs", "package", "push")) {
                assertThat(Main.commandLine(name).getSubcommands().get(name).getUsageMessage())
                        .isEqualTo(Main.commandLine().getSubcommands().get(name).getUsageMessage());
            }
            Outcome o = cli("generate", "--output");
            assertThat(o.code()).isEqualTo(Main.USAGE);
            assertThat(o.err()).startsWith("error: ").contains("(see: k8s-autopilot generate --help)");
            Outcome all = cli("help", "generate");
            assertThat(all.code()).isZero();
            assertThat(all.out()).isEqualTo(cli("generate", "--help").out());
            assertThat(cli("--help").out()).contains("generate", "validate", "repair", "render", "resume", "runs");
        }
    }

    @Nested
    @DisplayName("generate")
    class Generate {
        @Test
        void nginxOfflineWritesAChartThatPasses(@TempDir Path dir) throws Exception {
            Outcome o = cli("generate", "Create a Helm chart for nginx", "--output", dir.resolve("charts").toString(), "--yes",
                    "--json", "--checkpointer", "memory:");
            assertThat(o.code()).as(o.err() + o.out()).isZero();
            JsonNode doc = o.json();
            assertThat(doc.path("status").asText()).isEqualTo("completed");
            assertThat(doc.path("passed").asBoolean()).isTrue();
            assertThat(doc.path("plan").path("kinds").toString()).contains("Deployment", "Service");
            assertThat(doc.path("usage").path("llmCalls").asInt()).isZero();
            Path chart = dir.resolve("charts/nginx");
            assertThat(chart.resolve("Chart.yaml")).exists();
            assertThat(chart.resolve("values.schema.json")).exists();
            assertThat(o.err()).contains("validate");
        }

        @Test
        @DisplayName("--json lists every decision with a source from the vocabulary and an outcome")
        void jsonDecisionsHaveSources(@TempDir Path dir) throws Exception {
            Outcome o = cli("generate", "Create a Helm chart for redis with 3 replicas", "--output", dir.toString(), "--yes",
                    "--json", "--checkpointer", "memory:");
            assertThat(o.code()).as(o.err() + o.out()).isZero();
            JsonNode decisions = o.json().path("plan").path("decisions");
            assertThat(decisions.size()).isPositive();
            for (JsonNode d : decisions) {
                assertThat(d.path("source").asText()).as(d.toString())
                        .isIn("request", "spec", "answer", "feedback", "catalog", "rule", "default", "llm");
                assertThat(d.path("outcome").asText()).as(d.toString()).isIn("applied", "dropped");
            }
            assertThat(find(decisions, "replicas").path("source").asText()).isEqualTo("request");
            assertThat(find(decisions, "image").path("source").asText()).isEqualTo("catalog");
            assertThat(find(decisions, "tier").path("source").asText()).isEqualTo("default");
        }

        @Test
        @DisplayName("a spec with replicas: 1 and tier: prod renders replicaCount: 1")
        void specReplicasOneInProd(@TempDir Path dir) throws Exception {
            Path spec = dir.resolve("web.yaml");
            Files.writeString(spec, "{name: web, image: nginx:1.27.3, ports: [8080], replicas: 1, tier: prod}\n");
            Outcome o = cli("generate", "--spec", spec.toString(), "--output", dir.resolve("charts").toString(), "--yes", "--json",
                    "--checkpointer", "memory:");
            assertThat(o.code()).as(o.err() + o.out()).isZero();
            assertThat(Files.readString(dir.resolve("charts/web/values.yaml"))).contains("\nreplicaCount: 1\n");
            JsonNode replicas = find(o.json().path("plan").path("decisions"), "replicas");
            assertThat(replicas.path("source").asText()).isEqualTo("spec");
            assertThat(replicas.path("reason").asText()).isEqualTo("given in the spec");
        }

        @Test
        @DisplayName("an API with Postgres credentials: the API's Deployment, Postgres only wired as a dependency")
        void apiWithPostgresCredentials(@TempDir Path dir) throws Exception {
            Outcome o = cli("generate", "Create a Helm chart for a Spring Boot API called orders-api, image ghcr.io/acme/orders-api:1.2.0"
                    + " on port 8080, with Postgres credentials DB_USER and DB_PASSWORD in a secret", "--output", dir.toString(), "--yes",
                    "--json", "--checkpointer", "memory:");
            assertThat(o.code()).as(o.err() + o.out()).isZero();
            JsonNode plan = o.json().path("plan");
            assertThat(plan.path("workload").asText()).isEqualTo("Deployment");
            assertThat(plan.path("image").asText()).isEqualTo("ghcr.io/acme/orders-api:1.2.0");
            assertThat(plan.path("kinds").toString()).contains("Secret").doesNotContain("StatefulSet", "PersistentVolumeClaim");
            assertThat(find(plan.path("decisions"), "dependency").path("source").asText()).isEqualTo("request");
            String deployment = Files.readString(dir.resolve("orders-api/templates/deployment.yaml"));
            String values = Files.readString(dir.resolve("orders-api/values.yaml"));
            assertThat(deployment + values).doesNotContain("pg_isready", "PGDATA", "POSTGRES_");
            assertThat(values).contains("DB_USER", "DB_PASSWORD");
        }

        @Test
        @DisplayName("a worker with no ports: a Deployment without Service or network probes that passes validation")
        void workerWithoutPorts(@TempDir Path dir) throws Exception {
            Outcome o = cli("generate", "a queue worker, image acme/worker:2.0.0, with no ports, in production", "--output", dir.toString(),
                    "--yes", "--json", "--checkpointer", "memory:");
            assertThat(o.code()).as(o.err() + o.out()).isZero();
            JsonNode plan = o.json().path("plan");
            assertThat(plan.path("kinds").toString()).contains("Deployment").doesNotContain("\"Service\"");
            assertThat(o.json().path("passed").asBoolean()).isTrue();
            assertThat(dir.resolve("worker/templates/service.yaml")).satisfiesAnyOf(
                    p -> assertThat(p).doesNotExist(),
                    p -> assertThat(Files.readString(p)).contains("if"));
        }

        @Test
        @DisplayName("a spec with an untagged image asks for the tag; --yes takes the catalog's")
        void untaggedSpecImage(@TempDir Path dir) throws Exception {
            Path spec = dir.resolve("web.yaml");
            Files.writeString(spec, "{name: web, image: nginx, ports: [8080]}\n");
            Outcome asked = cli("generate", "--spec", spec.toString(), "--output", dir.resolve("a").toString(), "--no-input", "--json",
                    "--checkpointer", "memory:");
            assertThat(asked.code()).as(asked.err() + asked.out()).isEqualTo(Main.NEEDS_INPUT);
            assertThat(asked.json().path("questions").get(0).path("field").asText()).isEqualTo("image.tag");
            Outcome taken = cli("generate", "--spec", spec.toString(), "--output", dir.resolve("b").toString(), "--yes", "--json",
                    "--checkpointer", "memory:");
            assertThat(taken.code()).as(taken.err() + taken.out()).isZero();
            assertThat(taken.json().path("plan").path("image").asText()).matches(".*nginx:\\d.*");
        }

        private static JsonNode find(JsonNode decisions, String topic) {
            for (JsonNode d : decisions) {
                if (d.path("topic").asText().equals(topic)) {
                    return d;
                }
            }
            throw new AssertionError("no decision " + topic + " in " + decisions);
        }

        @Test
        void unknownAppWithoutImageStopsWithExit3AndQuestions(@TempDir Path dir) throws Exception {
            Outcome o = cli("generate", "Generate a Helm chart for a Node.js application", "--output", dir.toString(), "--yes",
                    "--json", "--checkpointer", "memory:");
            assertThat(o.code()).isEqualTo(Main.NEEDS_INPUT);
            JsonNode doc = o.json();
            assertThat(doc.path("status").asText()).isEqualTo("interrupted");
            assertThat(doc.path("gate").asText()).isEqualTo("CLARIFICATION");
            assertThat(doc.path("questions").get(0).path("field").asText()).isEqualTo("image");
            assertThat(dir.toFile().list()).isEmpty();
        }

        @Test
        void answerUpFrontCompletesTheRun(@TempDir Path dir) {
            Outcome o = cli("generate", "A chart for our internal billing service", "--answer", "image=ghcr.io/acme/billing:1.4.2",
                    "--output", dir.toString(), "--yes", "--checkpointer", "memory:");
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(o.out()).contains("chart written");
        }

        @Test
        void badSpecIsOneLineAndExit2(@TempDir Path dir) throws Exception {
            Path spec = dir.resolve("spec.yaml");
            Files.writeString(spec, "name: web\nimage: nginx:1.27.3\nports:\n  - containerPort: 70000\n");
            Outcome o = cli("generate", "--spec", spec.toString(), "--output", dir.resolve("out").toString(), "--yes",
                    "--checkpointer", "memory:");
            assertThat(o.code()).isEqualTo(Main.USAGE);
            assertThat(o.err().strip()).startsWith("error: spec.ports[0].containerPort").doesNotContain("\tat ");
            assertThat(dir.resolve("out")).doesNotExist();
        }

        @Test
        void existingChartNeedsForce(@TempDir Path dir) {
            String[] args = {"generate", "Create a Helm chart for nginx", "--output", dir.toString(), "--yes", "--checkpointer", "memory:"};
            assertThat(cli(args).code()).isZero();
            Outcome again = cli(args);
            assertThat(again.code()).isEqualTo(Main.USAGE);
            assertThat(again.err()).contains("exists already");
            Outcome forced = cli("generate", "Create a Helm chart for nginx", "--output", dir.toString(), "--yes", "--force",
                    "--checkpointer", "memory:");
            assertThat(forced.code()).isZero();
        }

        @Test
        void noInputStopsAtReviewAndResumeFinishes(@TempDir Path dir) throws Exception {
            String store = "file:" + dir.resolve("runs");
            Outcome stopped = cli("generate", "Create a Helm chart for nginx", "--output", dir.resolve("charts").toString(),
                    "--no-input", "--json", "--checkpointer", store);
            assertThat(stopped.code()).isEqualTo(Main.NEEDS_INPUT);
            String runId = stopped.json().path("runId").asText();
            assertThat(stopped.json().path("gate").asText()).isEqualTo("GENERATION_REVIEW");

            Outcome runs = cli("runs", "--json", "--checkpointer", store);
            assertThat(runs.out()).contains(runId).contains("GENERATION_REVIEW");

            Outcome resumed = cli("resume", runId, "--approve", "--yes", "--json", "--checkpointer", store);
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(dir.resolve("charts/nginx/Chart.yaml")).exists();

            Outcome twice = cli("resume", runId, "--approve", "--checkpointer", store);
            assertThat(twice.code()).isNotZero();
            assertThat(twice.err()).contains("already ended");
        }
    }

    @Nested
    @DisplayName("validate, render and repair")
    class Others {
        @Test
        void validateRenderAndRepair(@TempDir Path dir) throws Exception {
            assertThat(cli("generate", "Create a chart for redis with persistence, 5Gi of storage", "--output", dir.toString(),
                    "--yes", "--checkpointer", "memory:").code()).isZero();
            Path chart = dir.resolve("redis");

            Outcome valid = cli("validate", chart.toString(), "--json");
            assertThat(valid.code()).as(valid.out()).isZero();
            assertThat(valid.json().path("passed").asBoolean()).isTrue();
            assertThat(valid.json().has("score")).isTrue();

            Outcome rendered = cli("render", chart.toString());
            assertThat(rendered.code()).isZero();
            assertThat(rendered.out()).contains("kind: StatefulSet").containsPattern("storage: \"?5Gi\"?");

            // Break the chart: quote-less appVersion type and a removed API version elsewhere.
            Path chartYaml = chart.resolve("Chart.yaml");
            Files.writeString(chartYaml, Files.readString(chartYaml).replaceAll("(?m)^appVersion: .*$", "appVersion: 7.4"));
            Outcome broken = cli("validate", chart.toString(), "--json");
            assertThat(broken.json().path("findings").toString()).contains("appVersion");

            Outcome repaired = cli("repair", chart.toString(), "--yes", "--json", "--checkpointer", "memory:");
            assertThat(repaired.code()).as(repaired.out() + repaired.err()).isZero();
            assertThat(Files.readString(chartYaml)).containsPattern("appVersion: [\"']7.4[\"']");
        }

        @Test
        void validateMissingDirectoryIsExit2() {
            Outcome o = cli("validate", "/no/such/chart");
            assertThat(o.code()).isEqualTo(Main.USAGE);
            assertThat(o.err()).startsWith("error:");
        }

        @Test
        void everyCommandHasHelpWithExamples() {
            for (String command : new String[] {"generate", "validate", "repair", "render", "resume", "runs"}) {
                Outcome o = cli(command, "--help");
                assertThat(o.code()).isZero();
                assertThat(o.out()).as(command).contains("Usage:").contains("Examples:");
            }
        }

        @Test
        void unknownOptionIsUsageError() {
            Outcome o = cli("generate", "--frobnicate");
            assertThat(o.code()).isEqualTo(Main.USAGE);
            assertThat(o.err()).contains("error:");
        }
    }
}
