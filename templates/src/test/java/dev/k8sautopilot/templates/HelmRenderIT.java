package dev.k8sautopilot.templates;

import static dev.k8sautopilot.templates.Quality.list;
import static dev.k8sautopilot.templates.Quality.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ResourcesPreset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Generated charts, checked with real Helm")
class HelmRenderIT {

    static Stream<Arguments> specs() {
        Map<String, ChartSpec> all = new LinkedHashMap<>();
        all.put("web", TestSpecs.webApp());
        all.put("database", TestSpecs.database());
        all.put("traefik", TestSpecs.traefikApp());
        all.put("job", TestSpecs.job());
        all.put("cronjob", TestSpecs.cronJob());
        all.put("nginx-ingress-tls", TestSpecs.nginxIngressTls());
        all.put("hpa", TestSpecs.hpa());
        all.put("everything", TestSpecs.everything());
        all.put("internal statefulset", TestSpecs.internalStatefulSet());
        all.put("daemonset node agent", TestSpecs.nodeAgent());
        all.put("gateway api httproute", TestSpecs.gatewayApp());
        all.put("umbrella ghost with mysql", TestSpecs.umbrella());
        all.put("umbrella with postgres and redis", TestSpecs.twoCompanions());
        for (String app : List.of("mariadb", "mongodb", "rabbitmq")) {
            all.put("umbrella with " + app, TestSpecs.twoCompanions().toBuilder()
                    .companions(List.of(dev.k8sautopilot.model.Companion.of(app))).build());
        }
        all.put("job with metrics", TestSpecs.job().toBuilder()
                .metrics(new dev.k8sautopilot.model.Metrics(true, 9102, null, true, null)).build());
        TestSpecs.corpus().forEach((id, spec) -> all.put("corpus " + id, spec));
        // -Drender.only=daemonset,gateway runs only the specs whose id contains one of the words (for quick local runs).
        List<String> only = List.of(System.getProperty("render.only", "").split(",")).stream().filter(w -> !w.isBlank()).toList();
        return all.entrySet().stream().filter(e -> only.isEmpty() || only.stream().anyMatch(w -> e.getKey().contains(w)))
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    @DisplayName("helm lint --strict reports no error and no warning")
    void lintClean(String id, ChartSpec spec, @TempDir Path dir) {
        Path chart = HelmSupport.write(spec, dir);
        assertThat(HelmSupport.lintProblems(chart)).as(id).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    @DisplayName("renders with defaults and every ci/ scenario: strict schema valid, no QUALITY §3 error")
    void rendersEveryScenario(String id, ChartSpec spec, @TempDir Path dir) throws IOException {
        Path chart = HelmSupport.write(spec, dir);
        List<Path> scenarios;
        try (Stream<Path> s = Files.list(chart.resolve("ci"))) {
            scenarios = s.sorted().toList();
        }
        assertThat(scenarios).extracting(p -> p.getFileName().toString()).contains("default-values.yaml", "all-features-values.yaml");
        for (Path scenario : scenarios) {
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, scenario, Map.of()));
            String what = id + " with " + scenario.getFileName();
            assertThat(KubeSchema.problems(objects)).as(what).isEmpty();
            assertThat(Quality.errors(objects)).as(what).isEmpty();
            assertThat(objects).as(what).allSatisfy(o -> assertThat((String) o.get("apiVersion")).doesNotContain("containo.us"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    @DisplayName("default render shows exactly ChartPlan.renderedKinds() (plus the helm test Pod)")
    void renderedKindsMatchThePlan(String id, ChartSpec spec, @TempDir Path dir) {
        Path chart = HelmSupport.write(spec, dir);
        List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, null, Map.of()));
        Set<String> kinds = new TreeSet<>();
        objects.stream().filter(o -> !"Pod".equals(o.get("kind"))).forEach(o -> kinds.add((String) o.get("kind")));
        assertThat(kinds).as(id).isEqualTo(new TreeSet<>(ChartPlan.of(spec).renderedKinds()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    @DisplayName("the main container is hardened, probed by named ports and uses a pinned image")
    void hardenedMainContainer(String id, ChartSpec spec, @TempDir Path dir) {
        Path chart = HelmSupport.write(spec, dir);
        Map<String, Object> workload = workload(HelmSupport.objects(HelmSupport.template(chart, null, Map.of())), spec);
        Map<String, Object> pod = Quality.podSpec(workload);
        Map<String, Object> main = map(list(pod.get("containers")).get(0));
        Map<String, Object> sc = map(main.get("securityContext"));
        assertThat(sc).containsEntry("runAsNonRoot", true).containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true).containsEntry("runAsUser", (int) spec.security().runAsUser());
        assertThat(map(sc.get("seccompProfile"))).containsEntry("type", "RuntimeDefault");
        assertThat(pod).containsEntry("automountServiceAccountToken", !spec.rbac().isEmpty());
        assertThat((String) main.get("image")).doesNotEndWith(":latest").contains(spec.image().repository());
        assertThat(list(main.get("volumeMounts"))).extracting(m -> map(m).get("mountPath")).contains("/tmp");
        for (String path : spec.security().writablePaths()) {
            assertThat(list(main.get("volumeMounts"))).extracting(m -> map(m).get("mountPath")).contains(path);
        }
        if (spec.longRunning()) {
            assertThat(main).containsKeys("livenessProbe", "readinessProbe");
            assertThat(workload.get("spec")).satisfies(s -> assertThat(map(s).containsKey("replicas"))
                    .isEqualTo(spec.replicated() && !spec.autoscaling().enabled()));
        }
    }

    @Nested
    @DisplayName("helm template --set of each optional switch")
    class Switches {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.k8sautopilot.templates.HelmRenderIT#switches")
        void rendersValidObjects(String key, String kind, @TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.webApp(), dir);
            Map<String, Object> sets = new LinkedHashMap<>();
            sets.put(key, true);
            if (key.startsWith("ingressRoute.middlewares")) {
                sets.put("ingressRoute.enabled", true);
                sets.put("ingressRoute.tls.enabled", true);
                sets.put("ingressRoute.middlewares.basicAuth.secret", "users");
            }
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, null, sets));
            assertThat(objects).extracting(o -> o.get("kind")).contains(kind);
            assertThat(KubeSchema.problems(objects)).isEmpty();
            assertThat(Quality.errors(objects)).isEmpty();
        }
    }

    static Stream<Arguments> switches() {
        return Stream.of(Arguments.of("ingress.enabled", "Ingress"), Arguments.of("ingressRoute.enabled", "IngressRoute"),
                Arguments.of("ingressRoute.middlewares.rateLimit.enabled", "Middleware"),
                Arguments.of("ingressRoute.middlewares.redirectScheme.enabled", "Middleware"),
                Arguments.of("autoscaling.enabled", "HorizontalPodAutoscaler"), Arguments.of("networkPolicy.enabled", "NetworkPolicy"),
                Arguments.of("persistence.enabled", "PersistentVolumeClaim"), Arguments.of("metrics.serviceMonitor.enabled", "ServiceMonitor"),
                Arguments.of("pdb.create", "PodDisruptionBudget"), Arguments.of("rbac.create", "Role"),
                Arguments.of("serviceAccount.create", "ServiceAccount"));
    }

    @Nested
    @DisplayName("impossible values fail with a clear message")
    class Impossible {

        @Test
        void autoscalingMinAboveMax(@TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.hpa(), dir);
            assertThatThrownBy(() -> HelmSupport.template(chart, null, Map.of("autoscaling.minReplicas", 8, "autoscaling.maxReplicas", 4)))
                    .hasMessageContaining("minReplicas (8) is greater than maxReplicas (4)");
        }

        @Test
        void pdbWithBothBounds(@TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.webApp(), dir);
            assertThatThrownBy(() -> HelmSupport.template(chart, null, Map.of("pdb.minAvailable", 1, "pdb.maxUnavailable", 1)))
                    .hasMessageContaining("set only one of pdb.minAvailable and pdb.maxUnavailable");
        }

        @Test
        void basicAuthWithoutSecret(@TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.webApp(), dir);
            assertThatThrownBy(() -> HelmSupport.template(chart, null, Map.of("ingressRoute.enabled", true,
                    "ingressRoute.middlewares.basicAuth.enabled", true)))
                    .hasMessageContaining("ingressRoute.middlewares.basicAuth.secret");
        }

        @Test
        void probeOnUndeclaredPort(@TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.webApp(), dir);
            assertThatThrownBy(() -> HelmSupport.template(chart, null, Map.of("livenessProbe.port", "nope")))
                    .hasMessageContaining("livenessProbe.port: \"nope\" is not a key of containerPorts");
        }

        @Test
        void wrongTypeIsRejectedBySchema(@TempDir Path dir) throws IOException {
            Path chart = HelmSupport.write(TestSpecs.webApp(), dir);
            assertThatThrownBy(() -> HelmSupport.template(chart, null, Map.of("replicaCount", "three")))
                    .hasMessageContaining("replicaCount");
            Path values = chart.resolve("values.yaml");
            Files.writeString(values, Files.readString(values).replace("replicaCount: 2", "replicaCount: three"));
            assertThat(HelmSupport.lint(chart).isFailed()).isTrue();
            assertThat(String.join("\n", HelmSupport.lint(chart).getMessages())).contains("replicaCount");
        }

        @Test
        void unknownEnumValueIsRejected(@TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.webApp(), dir);
            assertThatThrownBy(() -> HelmSupport.template(chart, null, Map.of("service.type", "Magic"))).hasMessageContaining("/service/type");
        }
    }

    @Test
    @DisplayName("user strings such as {{ .Release.Name }} stay literal in rendered manifests")
    void userDataIsNeverEvaluated(@TempDir Path dir) {
        Path chart = HelmSupport.write(TestSpecs.everything(), dir);
        List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, null, Map.of()));
        Map<String, Object> cm = objects.stream().filter(o -> "ConfigMap".equals(o.get("kind"))).findFirst().orElseThrow();
        assertThat(map(cm.get("data"))).containsEntry("TEMPLATE", "{{ .Release.Name }}")
                .containsEntry("QUOTED", "it's \"quoted\": yes")
                .containsEntry("app.yaml", "server:\n  port: 8080\nname: \"{{ .Values.x }}\"\n");
        assertThat(map(map(cm.get("metadata")).get("annotations"))).containsEntry("acme.io/tmpl", "{{ .Release.Name }}");
        Map<String, Object> secret = objects.stream().filter(o -> "Secret".equals(o.get("kind"))).findFirst().orElseThrow();
        assertThat(map(secret.get("data")).values()).allSatisfy(v -> assertThat(v).isEqualTo(""));
    }

    @ParameterizedTest
    @EnumSource(value = ResourcesPreset.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("the preset table in _helpers.tpl equals the Java table")
    void presetTableMatches(ResourcesPreset preset, @TempDir Path dir) {
        Path chart = HelmSupport.write(TestSpecs.webApp(), dir);
        Map<String, Object> workload = workload(HelmSupport.objects(HelmSupport.template(chart, null, Map.of("resourcesPreset", preset.wire()))),
                TestSpecs.webApp());
        Map<String, Object> res = map(map(list(Quality.podSpec(workload).get("containers")).get(0)).get("resources"));
        Map<String, String> expected = ResourcePresets.of(preset);
        assertThat(String.valueOf(map(res.get("requests")).get("cpu"))).isEqualTo(expected.get("requests.cpu"));
        assertThat(map(res.get("requests")).get("memory")).isEqualTo(expected.get("requests.memory"));
        assertThat(String.valueOf(map(res.get("limits")).get("cpu"))).isEqualTo(expected.get("limits.cpu"));
        assertThat(map(res.get("limits")).get("memory")).isEqualTo(expected.get("limits.memory"));
    }

    @Nested
    @DisplayName("corpus: the facts of corpus/requests.yaml hold on the default render")
    class Corpus {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.k8sautopilot.templates.HelmRenderIT#corpus")
        void factsHold(String id, ChartSpec spec, Map<String, Object> expect, @TempDir Path dir) {
            Path chart = HelmSupport.write(spec, dir);
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, null, Map.of()));
            CorpusFacts.check(id, spec, expect, objects);
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> out = new ArrayList<>();
        Map<String, ChartSpec> specs = TestSpecs.corpus();
        try (InputStream in = HelmRenderIT.class.getResourceAsStream("/corpus/requests.yaml")) {
            for (Object o : (List<Object>) Yaml.load(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                Map<String, Object> entry = (Map<String, Object>) o;
                Map<String, Object> expect = (Map<String, Object>) entry.get("expect");
                if (expect.containsKey("needs_input")) {
                    continue;
                }
                String id = (String) entry.get("id");
                assertThat(specs).as("a spec for corpus request " + id).containsKey(id);
                out.add(Arguments.of(id, specs.get(id), expect));
            }
        }
        return out.stream();
    }

    static Map<String, Object> workload(List<Map<String, Object>> objects, ChartSpec spec) {
        // In an umbrella chart the subcharts' workloads render too: the chart's own one is named after it.
        return objects.stream().filter(o -> spec.workload().wire().equals(o.get("kind")))
                .sorted(java.util.Comparator.comparing(o -> Quality.name(o).endsWith(spec.name()) ? 0 : 1)).findFirst().orElseThrow();
    }
}
