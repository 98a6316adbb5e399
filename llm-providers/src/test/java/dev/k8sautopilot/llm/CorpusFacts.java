package dev.k8sautopilot.llm;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.ProbeType;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.SecretEnv;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The public corpus (a copy of shared/corpus/requests.yaml) and a checker of its facts against a plan.
 * The facts are meant for rendered charts; here they are read off the plan the templates render from.
 */
final class CorpusFacts {

    /** One corpus entry. */
    record Entry(String id, String request, Map<String, Object> expect) {
    }

    private CorpusFacts() {
    }

    @SuppressWarnings("unchecked")
    static List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Object o : (List<Object>) Yaml.load(resource("/corpus/requests.yaml"))) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(new Entry((String) m.get("id"), (String) m.get("request"), (Map<String, Object>) m.get("expect")));
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = CorpusFacts.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The facts the outcome violates; empty when it shows them all. */
    @SuppressWarnings("unchecked")
    static List<String> violations(Map<String, Object> expect, PlanOutcome outcome) {
        List<String> bad = new ArrayList<>();
        if (expect.containsKey("needs_input")) {
            if (!(outcome instanceof PlanOutcome.NeedsInput n)) {
                bad.add("expected questions, got a plan");
                return bad;
            }
            List<String> fields = n.questions().stream().map(Question::field).toList();
            for (Object topic : (List<Object>) expect.get("needs_input")) {
                if (!fields.contains(String.valueOf(topic))) {
                    bad.add("no question about " + topic + " (asked " + fields + ")");
                }
            }
            return bad;
        }
        if (!(outcome instanceof PlanOutcome.Planned p)) {
            bad.add("expected a plan, got questions " + ((PlanOutcome.NeedsInput) outcome).questions());
            return bad;
        }
        ChartPlan plan = p.plan();
        ChartSpec s = plan.spec();
        List<String> kinds = plan.renderedKinds();
        expect.forEach((fact, value) -> {
            switch (fact) {
                case "kinds" -> ((List<Object>) value).forEach(k -> check(bad, kinds.contains(k), "kind " + k + " missing from " + kinds));
                case "absent" -> ((List<Object>) value).forEach(k -> check(bad, !kinds.contains(k), "kind " + k + " must not render"));
                case "image" -> check(bad, s.image().reference().contains((String) value), "image " + s.image().reference());
                case "port" -> check(bad, s.ports().stream().map(Port::containerPort).anyMatch(v -> v.equals(value)), "ports " + s.ports());
                case "replicas" -> check(bad, !s.autoscaling().enabled() && s.replicas() == (Integer) value, "replicas " + s.replicas());
                case "hpa" -> {
                    Map<String, Object> h = (Map<String, Object>) value;
                    check(bad, s.autoscaling().enabled() && s.autoscaling().minReplicas() == (Integer) h.get("min")
                            && s.autoscaling().maxReplicas() == (Integer) h.get("max")
                            && s.autoscaling().targetCpu() == (Integer) h.get("cpu"), "autoscaling " + s.autoscaling());
                }
                case "storage" -> check(bad, s.persistence().enabled() && s.persistence().size().equals(value), "persistence " + s.persistence());
                case "ingress_host" -> check(bad, s.ingress().enabled() && s.ingress().hosts().contains(value), "ingress " + s.ingress());
                case "tls" -> check(bad, s.ingress().tls() == (Boolean) value, "tls " + s.ingress().tls());
                case "env" -> ((List<Object>) value).forEach(e -> check(bad, s.env().stream().map(EnvVar::name).anyMatch(e::equals), "env " + e));
                case "secret_env" -> ((List<Object>) value).forEach(e ->
                        check(bad, s.secretEnv().stream().map(SecretEnv::name).anyMatch(e::equals), "secretEnv " + e));
                case "service_type" -> check(bad, s.service().type().toString().equals(value), "service type " + s.service().type());
                case "requests" -> {
                    Map<String, Object> r = (Map<String, Object>) value;
                    check(bad, Objects.equals(r.get("cpu"), s.resources().requestsCpu()) || !r.containsKey("cpu"), "requests cpu");
                    check(bad, Objects.equals(r.get("memory"), s.resources().requestsMemory()) || !r.containsKey("memory"), "requests memory");
                }
                case "limits" -> {
                    Map<String, Object> r = (Map<String, Object>) value;
                    check(bad, Objects.equals(r.get("cpu"), s.resources().limitsCpu()) || !r.containsKey("cpu"), "limits cpu");
                    check(bad, Objects.equals(r.get("memory"), s.resources().limitsMemory()) || !r.containsKey("memory"), "limits memory");
                }
                case "probe_path" -> check(bad, s.probes().readiness().enabled() && s.probes().readiness().type() == ProbeType.HTTP
                        && s.probes().readiness().path().equals(value), "readiness " + s.probes().readiness());
                default -> bad.add("unknown fact " + fact);
            }
        });
        return bad;
    }

    private static void check(List<String> bad, boolean ok, String what) {
        if (!ok) {
            bad.add(what);
        }
    }
}
