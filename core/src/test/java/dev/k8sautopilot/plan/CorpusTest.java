package dev.k8sautopilot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.ProbeType;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.SecretEnv;
import dev.k8sautopilot.spi.PlanningContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Plans every request of the public corpus (a copy of {@code shared/corpus/requests.yaml}) and of our own
 * extra corpus, and checks that the resulting spec carries the listed facts. The Helm-rendered check of the
 * same corpus lives with the pipeline; this one pins the planner's part.
 */
@DisplayName("corpus requests yield specs with the listed facts")
class CorpusTest {

    private static final RuleBasedPlanner PLANNER = new RuleBasedPlanner();

    @TestFactory
    @DisplayName("public corpus")
    Stream<DynamicTest> publicCorpus() throws IOException {
        return tests("/corpus/requests.yaml");
    }

    @TestFactory
    @DisplayName("own corpus: other apps, phrasings and orders")
    Stream<DynamicTest> ownCorpus() throws IOException {
        return tests("/corpus/more-requests.yaml");
    }

    @SuppressWarnings("unchecked")
    private static Stream<DynamicTest> tests(String resource) throws IOException {
        String text;
        try (InputStream in = CorpusTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Map<String, Object>> entries = (List<Map<String, Object>>) Yaml.load(text);
        assertThat(entries).isNotEmpty();
        return entries.stream().map(e -> DynamicTest.dynamicTest(e.get("id") + ": " + e.get("request"),
                () -> check(String.valueOf(e.get("request")), (Map<String, Object>) e.get("expect"))));
    }

    @SuppressWarnings("unchecked")
    static void check(String request, Map<String, Object> expect) {
        PlanOutcome outcome = PLANNER.plan(ChartRequest.of(request), PlanningContext.offline());
        if (expect.containsKey("needs_input")) {
            assertThat(outcome).as("outcome").isInstanceOf(PlanOutcome.NeedsInput.class);
            List<String> fields = ((PlanOutcome.NeedsInput) outcome).questions().stream().map(Question::field).toList();
            assertThat(fields).containsAll((List<String>) expect.get("needs_input"));
            return;
        }
        if (!(outcome instanceof PlanOutcome.Planned planned)) {
            fail("expected a plan but got questions: " + ((PlanOutcome.NeedsInput) outcome).questions());
            return;
        }
        ChartPlan plan = planned.plan();
        ChartSpec spec = plan.spec();
        String summary = plan.summary();
        for (Map.Entry<String, Object> x : expect.entrySet()) {
            Object v = x.getValue();
            switch (x.getKey()) {
                // The rendered kinds come from the template module's feature slices: PlannedKindsTest there checks them.
                case "kinds", "absent" -> { }
                case "workload" -> assertThat(spec.workload().wire()).as(summary).isEqualTo(v);
                case "image" -> assertThat(spec.image().reference()).as(summary).contains(String.valueOf(v));
                case "image_pinned" -> assertThat(spec.image().pinned()).as(summary).isTrue();
                case "port" -> assertThat(spec.ports()).as(summary).extracting(Port::containerPort).contains(((Number) v).intValue());
                case "main_port" -> assertThat(spec.mainPort().orElseThrow().containerPort()).as(summary).isEqualTo(((Number) v).intValue());
                case "replicas" -> {
                    assertThat(spec.autoscaling().enabled()).as("no HPA " + summary).isFalse();
                    assertThat(spec.replicas()).as(summary).isEqualTo(((Number) v).intValue());
                }
                case "hpa" -> {
                    Map<String, Object> h = (Map<String, Object>) v;
                    assertThat(spec.autoscaling().enabled()).as(summary).isTrue();
                    if (h.containsKey("min")) {
                        assertThat(spec.autoscaling().minReplicas()).as(summary).isEqualTo(((Number) h.get("min")).intValue());
                    }
                    if (h.containsKey("max")) {
                        assertThat(spec.autoscaling().maxReplicas()).as(summary).isEqualTo(((Number) h.get("max")).intValue());
                    }
                    if (h.containsKey("cpu")) {
                        assertThat(spec.autoscaling().targetCpu()).as(summary).isEqualTo(((Number) h.get("cpu")).intValue());
                    }
                    if (h.containsKey("memory")) {
                        assertThat(spec.autoscaling().targetMemory()).as(summary).isEqualTo(((Number) h.get("memory")).intValue());
                    }
                }
                case "storage" -> {
                    assertThat(spec.persistence().enabled()).as(summary).isTrue();
                    assertThat(spec.persistence().size()).as(summary).isEqualTo(v);
                }
                case "storage_class" -> assertThat(spec.persistence().storageClass()).as(summary).isEqualTo(v);
                case "access_mode" -> assertThat(spec.persistence().accessMode().wire()).as(summary).isEqualTo(v);
                case "no_storage" -> assertThat(spec.persistence().enabled()).as(summary).isFalse();
                case "ingress_host" -> {
                    assertThat(spec.ingress().enabled()).as(summary).isTrue();
                    assertThat(spec.ingress().hosts()).as(summary).contains(String.valueOf(v));
                }
                case "ingress_path" -> assertThat(spec.ingress().path()).as(summary).isEqualTo(v);
                case "no_ingress" -> assertThat(spec.ingress().enabled()).as(summary).isFalse();
                case "tls" -> assertThat(spec.ingress().tls()).as(summary).isEqualTo(v);
                case "tls_secret" -> assertThat(spec.ingress().tlsSecretName()).as(summary).isEqualTo(v);
                case "cert_resolver" -> assertThat(spec.ingress().certResolver()).as(summary).isEqualTo(v);
                case "controller" -> assertThat(spec.ingress().controller().wire()).as(summary).isEqualTo(v);
                case "ingress_class" -> assertThat(spec.ingress().className()).as(summary).isEqualTo(v);
                case "traefik" -> {
                    Map<String, Object> t = (Map<String, Object>) v;
                    var o = spec.ingress().traefik();
                    t.forEach((k, tv) -> {
                        switch (k) {
                            case "strip_prefix" -> assertThat(o.stripPrefix()).as(summary).isEqualTo(tv);
                            case "redirect_https" -> assertThat(o.redirectHttps()).as(summary).isEqualTo(tv);
                            case "rate_average" -> assertThat(o.rateLimit().average()).as(summary).isEqualTo(((Number) tv).intValue());
                            case "rate_burst" -> assertThat(o.rateLimit().burst()).as(summary).isEqualTo(((Number) tv).intValue());
                            case "headers" -> assertThat(o.headers().isEmpty()).as(summary).isEqualTo(!(Boolean) tv);
                            default -> fail("unknown traefik expectation " + k);
                        }
                    });
                }
                case "env" -> assertThat(spec.env()).as(summary).extracting(EnvVar::name).containsAll((List<String>) v);
                case "env_values" -> ((Map<String, Object>) v).forEach((k, ev) -> assertThat(spec.env())
                        .as(summary).contains(new EnvVar(k, String.valueOf(ev))));
                case "secret_env" -> assertThat(spec.secretEnv()).as(summary).extracting(SecretEnv::name).containsAll((List<String>) v);
                case "no_env" -> assertThat(spec.env()).as(summary).extracting(EnvVar::name).doesNotContainAnyElementsOf((List<String>) v);
                case "existing_secret" -> assertThat(spec.existingSecret()).as(summary).isEqualTo(v);
                case "service_type" -> assertThat(spec.service().type().wire()).as(summary).isEqualTo(v);
                case "requests" -> {
                    Map<String, Object> r = (Map<String, Object>) v;
                    if (r.containsKey("cpu")) {
                        assertThat(spec.resources().requestsCpu()).as(summary).isEqualTo(String.valueOf(r.get("cpu")));
                    }
                    if (r.containsKey("memory")) {
                        assertThat(spec.resources().requestsMemory()).as(summary).isEqualTo(r.get("memory"));
                    }
                }
                case "limits" -> {
                    Map<String, Object> r = (Map<String, Object>) v;
                    if (r.containsKey("cpu")) {
                        assertThat(spec.resources().limitsCpu()).as(summary).isEqualTo(String.valueOf(r.get("cpu")));
                    }
                    if (r.containsKey("memory")) {
                        assertThat(spec.resources().limitsMemory()).as(summary).isEqualTo(r.get("memory"));
                    }
                }
                case "preset" -> assertThat(spec.resources().preset().wire()).as(summary).isEqualTo(v);
                case "probe_path" -> {
                    assertThat(spec.probes().readiness().type()).as(summary).isEqualTo(ProbeType.HTTP);
                    assertThat(spec.probes().readiness().path()).as(summary).isEqualTo(v);
                }
                case "startup_probe" -> assertThat(spec.probes().startup().enabled()).as(summary).isEqualTo(v);
                case "tier" -> assertThat(spec.tier().wire()).as(summary).isEqualTo(v);
                case "anti_affinity" -> assertThat(spec.podAntiAffinityPreset()).as(summary).isEqualTo(v);
                case "network_policy" -> assertThat(spec.networkPolicy().enabled()).as(summary).isEqualTo(v);
                case "egress" -> assertThat(spec.networkPolicy().allowExternalEgress()).as(summary).isEqualTo(v);
                case "namespace" -> assertThat(spec.namespace()).as(summary).isEqualTo(v);
                case "name" -> assertThat(spec.name()).as(summary).isEqualTo(v);
                case "metrics" -> {
                    Map<String, Object> m = (Map<String, Object>) v;
                    assertThat(spec.metrics().enabled()).as(summary).isTrue();
                    if (m.containsKey("port")) {
                        assertThat(spec.metrics().port()).as(summary).isEqualTo(((Number) m.get("port")).intValue());
                    }
                    if (m.containsKey("path")) {
                        assertThat(spec.metrics().path()).as(summary).isEqualTo(m.get("path"));
                    }
                    if (m.containsKey("service_monitor")) {
                        assertThat(spec.metrics().serviceMonitor()).as(summary).isEqualTo(m.get("service_monitor"));
                    }
                }
                case "run_as_user" -> assertThat(spec.security().runAsUser()).as(summary).isEqualTo(((Number) v).longValue());
                case "sidecars" -> assertThat(spec.sidecars()).as(summary).extracting(c -> c.image().reference())
                        .anySatisfy(ref -> assertThat(ref).contains(String.valueOf(v)));
                case "init_containers" -> assertThat(spec.initContainers()).as(summary).extracting(c -> c.image().reference())
                        .anySatisfy(ref -> assertThat(ref).contains(String.valueOf(v)));
                case "config_files" -> assertThat(spec.configFiles()).as(summary).extracting(c -> c.fileName()).containsAll((List<String>) v);
                case "cron" -> assertThat(spec.job().schedule()).as(summary).isEqualTo(v);
                case "warning" -> assertThat(plan.warnings()).as(summary).anySatisfy(w -> assertThat(w).containsIgnoringCase(String.valueOf(v)));
                case "decision" -> assertThat(plan.decisions()).as(summary).anySatisfy(d -> assertThat(d.topic()).isEqualTo(v));
                default -> fail("unknown expectation '" + x.getKey() + "'");
            }
        }
    }
}
