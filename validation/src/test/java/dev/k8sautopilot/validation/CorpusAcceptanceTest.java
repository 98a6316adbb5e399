package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public corpus end to end and offline: each request goes through the real pipeline (rule-based planner,
 * template generator, every validation layer with real Helm, healing), and the chart it writes is rendered
 * with {@code helm template} and checked for the facts the corpus lists. Nothing here knows the corpus
 * answers; the facts are checked generically on the rendered manifests.
 */
class CorpusAcceptanceTest {

    @TempDir
    static Path out;

    private static final ChartPipeline PIPELINE = ChartPipeline.builder()
            .outputDirectory(Path.of(System.getProperty("java.io.tmpdir")))
            .checkpointer(new MemoryCheckpointer())
            .approvals(ApprovalHandlers.autoApprove())
            .build();

    @TestFactory
    Stream<DynamicTest> everyCorpusRequest() throws IOException {
        return corpus().stream().map(entry -> DynamicTest.dynamicTest(String.valueOf(entry.get("id")), () -> check(entry)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> corpus() throws IOException {
        try (InputStream in = CorpusAcceptanceTest.class.getResourceAsStream("/corpus/requests.yaml")) {
            return (List<Map<String, Object>>) Yaml.load(new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> entry) {
        String id = String.valueOf(entry.get("id"));
        Map<String, Object> expect = (Map<String, Object>) entry.get("expect");
        ChartPipeline pipeline = PIPELINE.toBuilder().outputDirectory(out.resolve(id)).build();
        RunResult result = pipeline.run(ChartRequest.of(String.valueOf(entry.get("request"))));

        if (expect.containsKey("needs_input")) {
            assertThat(result).as(id).isInstanceOf(RunResult.Interrupted.class);
            RunResult.Interrupted i = (RunResult.Interrupted) result;
            assertThat(i.request().gate()).isEqualTo(Gate.CLARIFICATION);
            assertThat(i.request().questions()).extracting(Question::field)
                    .containsAll((List<String>) expect.get("needs_input"));
            return;
        }
        assertThat(result).as(id + ": " + result).isInstanceOf(RunResult.Completed.class);
        RunResult.Completed done = (RunResult.Completed) result;
        assertThat(done.report().atLeast(Severity.ERROR)).as(id + "\n" + done.report().format()).isEmpty();
        assertThat(done.usage().llmCalls()).isZero();

        String rendered = new Helm(done.chartDirectory()).template().withName("release").withKubeVersion("1.31.0").call();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : Yaml.loadAll(rendered)) {
            objects.add((Map<String, Object>) doc);
        }
        new Facts(id, objects, done.plan().spec().name()).check(expect);
    }

    /** Generic checks of corpus facts on rendered objects. */
    @SuppressWarnings("unchecked")
    private record Facts(String id, List<Map<String, Object>> objects, String chart) {

        void check(Map<String, Object> expect) {
            Set<String> kinds = new LinkedHashSet<>();
            objects.forEach(o -> kinds.add(String.valueOf(o.get("kind"))));
            expect.forEach((key, value) -> {
                String what = id + " [" + key + "] rendered kinds " + kinds;
                switch (key) {
                    case "kinds" -> assertThat(kinds).as(what).containsAll((List<String>) value);
                    case "absent" -> assertThat(kinds).as(what).doesNotContainAnyElementsOf((List<String>) value);
                    case "image" -> assertThat(str(mainContainer().get("image"))).as(what).contains(str(value));
                    case "port" -> assertThat(list(mainContainer().get("ports")).stream().map(p -> ((Map<String, Object>) p).get("containerPort")))
                            .as(what).contains(value);
                    case "replicas" -> assertThat(spec(workload()).get("replicas")).as(what).isEqualTo(value);
                    case "hpa" -> checkHpa((Map<String, Object>) value, what);
                    case "storage" -> assertThat(storages()).as(what).contains(str(value));
                    case "ingress_host" -> assertThat(hosts()).as(what).anyMatch(h -> h.contains(str(value)));
                    case "tls" -> assertThat(tls()).as(what).isEqualTo(value);
                    case "env" -> assertThat(envNames(false)).as(what).containsAll((List<String>) value);
                    case "secret_env" -> assertThat(envNames(true)).as(what).containsAll((List<String>) value);
                    case "service_type" -> assertThat(objects.stream().filter(o -> "Service".equals(o.get("kind")))
                            .map(o -> str(spec(o).getOrDefault("type", "ClusterIP")))).as(what).contains(str(value));
                    case "requests", "limits" -> {
                        Map<String, Object> res = (Map<String, Object>) ((Map<String, Object>) mainContainer().get("resources")).get(key);
                        ((Map<String, Object>) value).forEach((k, v) -> assertThat(str(res.get(k))).as(what + " " + k).isEqualTo(str(v)));
                    }
                    case "probe_path" -> assertThat(str(((Map<String, Object>) ((Map<String, Object>) mainContainer()
                            .get("readinessProbe")).get("httpGet")).get("path"))).as(what).isEqualTo(str(value));
                    default -> throw new AssertionError("unknown corpus fact " + key);
                }
            });
        }

        private Map<String, Object> workload() {
            return objects.stream().filter(o -> List.of("Deployment", "StatefulSet", "Job", "CronJob").contains(o.get("kind")))
                    .findFirst().orElseThrow(() -> new AssertionError(id + ": no workload rendered"));
        }

        private Map<String, Object> podSpec() {
            Map<String, Object> w = workload();
            Map<String, Object> s = spec(w);
            if ("CronJob".equals(w.get("kind"))) {
                s = spec((Map<String, Object>) s.get("jobTemplate"));
            }
            return spec((Map<String, Object>) s.get("template"));
        }

        private Map<String, Object> mainContainer() {
            List<Object> containers = list(podSpec().get("containers"));
            return (Map<String, Object>) containers.stream()
                    .filter(c -> chart.equals(((Map<String, Object>) c).get("name"))).findFirst().orElse(containers.get(0));
        }

        private void checkHpa(Map<String, Object> expected, String what) {
            Map<String, Object> hpa = objects.stream().filter(o -> "HorizontalPodAutoscaler".equals(o.get("kind"))).findFirst()
                    .orElseThrow(() -> new AssertionError(what + ": no HPA"));
            assertThat(spec(hpa).get("minReplicas")).as(what).isEqualTo(expected.get("min"));
            assertThat(spec(hpa).get("maxReplicas")).as(what).isEqualTo(expected.get("max"));
            if (expected.containsKey("cpu")) {
                Object cpu = list(spec(hpa).get("metrics")).stream().map(m -> (Map<String, Object>) ((Map<String, Object>) m).get("resource"))
                        .filter(r -> r != null && "cpu".equals(r.get("name")))
                        .map(r -> ((Map<String, Object>) r.get("target")).get("averageUtilization")).findFirst().orElse(null);
                assertThat(cpu).as(what).isEqualTo(expected.get("cpu"));
            }
        }

        private List<String> storages() {
            List<String> out = new ArrayList<>();
            for (Map<String, Object> o : objects) {
                if ("PersistentVolumeClaim".equals(o.get("kind"))) {
                    out.add(storageOf(spec(o)));
                }
                if ("StatefulSet".equals(o.get("kind"))) {
                    for (Object t : list(spec(o).get("volumeClaimTemplates"))) {
                        out.add(storageOf(spec((Map<String, Object>) t)));
                    }
                }
            }
            return out;
        }

        private static String storageOf(Map<String, Object> pvcSpec) {
            return str(((Map<String, Object>) ((Map<String, Object>) pvcSpec.get("resources")).get("requests")).get("storage"));
        }

        private List<String> hosts() {
            List<String> out = new ArrayList<>();
            for (Map<String, Object> o : objects) {
                if ("Ingress".equals(o.get("kind"))) {
                    list(spec(o).get("rules")).forEach(r -> out.add(str(((Map<String, Object>) r).get("host"))));
                }
                if ("IngressRoute".equals(o.get("kind"))) {
                    list(spec(o).get("routes")).forEach(r -> out.add(str(((Map<String, Object>) r).get("match"))));
                }
            }
            return out;
        }

        private boolean tls() {
            return objects.stream().anyMatch(o -> ("Ingress".equals(o.get("kind")) && !list(spec(o).get("tls")).isEmpty())
                    || ("IngressRoute".equals(o.get("kind")) && spec(o).get("tls") != null));
        }

        private List<String> envNames(boolean fromSecret) {
            List<String> out = new ArrayList<>();
            for (Object e : list(mainContainer().get("env"))) {
                Map<String, Object> env = (Map<String, Object>) e;
                Map<String, Object> from = (Map<String, Object>) env.get("valueFrom");
                boolean secret = from != null && from.containsKey("secretKeyRef");
                if (secret == fromSecret) {
                    out.add(str(env.get("name")));
                }
            }
            return out;
        }

        private static Map<String, Object> spec(Map<String, Object> o) {
            Object s = o.get("spec");
            return s instanceof Map<?, ?> ? (Map<String, Object>) s : Map.of();
        }

        private static List<Object> list(Object o) {
            return o instanceof List<?> l ? (List<Object>) l : List.of();
        }

        private static String str(Object o) {
            return o == null ? "" : String.valueOf(o);
        }
    }
}
