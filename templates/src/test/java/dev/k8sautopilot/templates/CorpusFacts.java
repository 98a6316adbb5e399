package dev.k8sautopilot.templates;

import static dev.k8sautopilot.templates.Quality.list;
import static dev.k8sautopilot.templates.Quality.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks the fact vocabulary of corpus/requests.yaml on rendered objects. */
final class CorpusFacts {

    private CorpusFacts() {
    }

    static void check(String id, ChartSpec spec, Map<String, Object> expect, List<Map<String, Object>> objects) {
        List<Object> kinds = objects.stream().map(o -> o.get("kind")).map(Object.class::cast).toList();
        Map<String, Object> workload = HelmRenderIT.workload(objects, spec);
        Map<String, Object> main = map(list(Quality.podSpec(workload).get("containers")).get(0));
        for (Map.Entry<String, Object> e : expect.entrySet()) {
            String what = id + ": " + e.getKey();
            Object v = e.getValue();
            switch (e.getKey()) {
                case "kinds" -> assertThat(kinds).as(what).containsAll(list(v));
                case "absent" -> assertThat(kinds).as(what).doesNotContainAnyElementsOf(list(v));
                case "image" -> assertThat((String) main.get("image")).as(what).contains((String) v);
                case "port" -> assertThat(list(main.get("ports"))).as(what).extracting(p -> map(p).get("containerPort")).contains(v);
                case "replicas" -> assertThat(map(workload.get("spec")).get("replicas")).as(what).isEqualTo(v);
                case "hpa" -> {
                    Map<String, Object> hpa = one(objects, "HorizontalPodAutoscaler");
                    Map<String, Object> hs = map(hpa.get("spec"));
                    assertThat(hs.get("minReplicas")).as(what).isEqualTo(map(v).get("min"));
                    assertThat(hs.get("maxReplicas")).as(what).isEqualTo(map(v).get("max"));
                    assertThat(list(hs.get("metrics"))).as(what)
                            .anySatisfy(m -> assertThat(map(map(map(m).get("resource")).get("target")).get("averageUtilization")).isEqualTo(map(v).get("cpu")));
                }
                case "storage" -> {
                    List<Object> sizes = new ArrayList<>();
                    objects.stream().filter(o -> "PersistentVolumeClaim".equals(o.get("kind")))
                            .forEach(o -> sizes.add(map(map(map(o.get("spec")).get("resources")).get("requests")).get("storage")));
                    for (Object t : list(map(workload.get("spec")).get("volumeClaimTemplates"))) {
                        sizes.add(map(map(map(map(t).get("spec")).get("resources")).get("requests")).get("storage"));
                    }
                    assertThat(sizes).as(what).contains(v);
                }
                case "ingress_host" -> {
                    List<String> hosts = new ArrayList<>();
                    objects.stream().filter(o -> "Ingress".equals(o.get("kind")))
                            .forEach(o -> list(map(o.get("spec")).get("rules")).forEach(r -> hosts.add((String) map(r).get("host"))));
                    objects.stream().filter(o -> "IngressRoute".equals(o.get("kind")))
                            .forEach(o -> list(map(o.get("spec")).get("routes")).forEach(r -> hosts.add((String) map(r).get("match"))));
                    assertThat(hosts).as(what).anySatisfy(h -> assertThat(h).contains((String) v));
                }
                case "tls" -> assertThat(objects.stream().filter(o -> List.of("Ingress", "IngressRoute").contains(o.get("kind")))
                        .anyMatch(o -> map(o.get("spec")).containsKey("tls"))).as(what).isEqualTo(v);
                case "env" -> assertThat(list(main.get("env"))).as(what).extracting(x -> map(x).get("name")).containsAll(list(v));
                case "secret_env" -> assertThat(list(main.get("env"))).as(what)
                        .filteredOn(x -> map(map(x).get("valueFrom")).containsKey("secretKeyRef"))
                        .extracting(x -> map(x).get("name")).containsAll(list(v));
                case "service_type" -> assertThat(map(one(objects, "Service").get("spec")).get("type")).as(what).isEqualTo(v);
                case "requests" -> assertThat(map(map(main.get("resources")).get("requests"))).as(what).containsAllEntriesOf(map(v));
                case "limits" -> assertThat(map(map(main.get("resources")).get("limits"))).as(what).containsAllEntriesOf(map(v));
                case "probe_path" -> assertThat(map(map(main.get("readinessProbe")).get("httpGet")).get("path")).as(what).isEqualTo(v);
                default -> throw new AssertionError(what + " is not a known fact");
            }
        }
    }

    private static Map<String, Object> one(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))
                && !Quality.name(o).endsWith("-headless")).findFirst().orElseThrow(() -> new AssertionError("no " + kind));
    }
}
