package dev.k8sautopilot.templates;

import static dev.k8sautopilot.templates.Quality.list;
import static dev.k8sautopilot.templates.Quality.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DaemonSet and Gateway API HTTPRoute slices, rendered with real Helm. */
@DisplayName("New kinds rendered by Helm")
class NewKindsIT {

    private static Map<String, Object> one(List<Map<String, Object>> objects, String kind) {
        List<Map<String, Object>> found = objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    @Nested
    @DisplayName("DaemonSet")
    class DaemonSet {

        @Test
        @DisplayName("one pod per node: no replicas, every taint tolerated, rolling update by maxUnavailable, host port only where asked")
        void defaults(@TempDir Path dir) {
            ChartSpec spec = TestSpecs.nodeAgent();
            Path chart = HelmSupport.write(spec, dir);
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, null, Map.of()));
            Map<String, Object> ds = one(objects, "DaemonSet");
            Map<String, Object> dsSpec = map(ds.get("spec"));
            assertThat(dsSpec).doesNotContainKey("replicas");
            assertThat(map(dsSpec.get("updateStrategy"))).isEqualTo(Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("maxUnavailable", "10%")));
            Map<String, Object> pod = Quality.podSpec(ds);
            assertThat(list(pod.get("tolerations"))).containsExactly(Map.of("operator", "Exists"));
            assertThat(pod).doesNotContainKey("affinity");
            Map<String, Object> port = map(list(map(list(pod.get("containers")).get(0)).get("ports")).get(0));
            assertThat(port).containsEntry("containerPort", 9100).containsEntry("hostPort", 9100);
            assertThat(objects).extracting(o -> o.get("kind")).doesNotContain("HorizontalPodAutoscaler", "PodDisruptionBudget")
                    .containsAll(ChartPlan.of(spec).renderedKinds());
            assertThat(KubeSchema.problems(objects)).isEmpty();
            assertThat(Quality.errors(objects)).isEmpty();
        }

        @Test
        @DisplayName("OnDelete drops rollingUpdate; hostPorts empty opens nothing on the node")
        void onDeleteWithoutHostPorts(@TempDir Path dir) throws java.io.IOException {
            Path chart = HelmSupport.write(TestSpecs.nodeAgent(), dir);
            Path values = java.nio.file.Files.writeString(dir.resolve("no-host-ports.yaml"), "hostPorts: []\nupdateStrategy:\n  type: OnDelete\n");
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, values, Map.of()));
            Map<String, Object> ds = one(objects, "DaemonSet");
            assertThat(map(map(ds.get("spec")).get("updateStrategy"))).isEqualTo(Map.of("type", "OnDelete"));
            Map<String, Object> port = map(list(map(list(Quality.podSpec(ds).get("containers")).get(0)).get("ports")).get(0));
            assertThat(port).doesNotContainKey("hostPort");
            assertThat(KubeSchema.problems(objects)).isEmpty();
        }

        @Test
        @DisplayName("a DaemonSet without hostPorts in the spec renders no hostPort")
        void noHostPortUnlessAsked(@TempDir Path dir) {
            ChartSpec spec = TestSpecs.nodeAgent().toBuilder().daemonSet(null).build();
            Path chart = HelmSupport.write(spec, dir);
            String rendered = HelmSupport.template(chart, null, Map.of());
            assertThat(rendered).doesNotContain("hostPort");
        }
    }

    @Nested
    @DisplayName("Gateway API HTTPRoute")
    class HttpRoute {

        @Test
        @DisplayName("parentRefs to the named Gateway and its TLS listener, host names, path match, backend on the Service port")
        void route(@TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.gatewayApp(), dir);
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, null, Map.of()));
            Map<String, Object> route = one(objects, "HTTPRoute");
            assertThat(route).containsEntry("apiVersion", "gateway.networking.k8s.io/v1");
            Map<String, Object> spec = map(route.get("spec"));
            assertThat(list(spec.get("parentRefs"))).containsExactly(Map.of("group", "gateway.networking.k8s.io", "kind", "Gateway",
                    "name", "public-gw", "namespace", "gateway-system", "sectionName", "https"));
            assertThat(list(spec.get("hostnames"))).containsExactly("shop.example.com");
            Map<String, Object> rule = map(list(spec.get("rules")).get(0));
            assertThat(list(rule.get("matches"))).containsExactly(Map.of("path", Map.of("type", "PathPrefix", "value", "/")));
            assertThat(list(rule.get("backendRefs"))).containsExactly(Map.of("name", "rel-shop", "port", 8080));
            assertThat(Quality.name(one(objects, "Service"))).isEqualTo("rel-shop");
        }

        @Test
        @DisplayName("httpRoute.enabled=false renders no route")
        void switchOff(@TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.gatewayApp(), dir);
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, null, Map.of("httpRoute.enabled", false)));
            assertThat(objects).extracting(o -> o.get("kind")).doesNotContain("HTTPRoute");
        }
    }

    @Nested
    @DisplayName("Companion subcharts (umbrella chart)")
    class Companions {

        private Map<String, Object> env(Map<String, Object> workload, String name) {
            List<Object> env = list(map(list(Quality.podSpec(workload).get("containers")).get(0)).get("env"));
            return env.stream().map(Quality::map).filter(e -> name.equals(e.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " not in " + env));
        }

        @Test
        @DisplayName("renders the subchart's objects; host from its Service name, password by secretKeyRef from its Secret")
        void wired(@TempDir Path dir) {
            ChartSpec spec = TestSpecs.umbrella();
            Path chart = HelmSupport.write(spec, dir);
            assertThat(HelmSupport.lintProblems(chart)).isEmpty();
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, null, Map.of()));
            Map<String, Object> mysql = one(objects, "StatefulSet");
            assertThat(Quality.name(mysql)).isEqualTo("rel-mysql");
            assertThat(objects).filteredOn(o -> "Service".equals(o.get("kind"))).extracting(Quality::name).contains("rel-mysql");
            assertThat(objects).filteredOn(o -> "Secret".equals(o.get("kind"))).extracting(Quality::name).contains("rel-mysql");
            Map<String, Object> app = one(objects, "Deployment");
            assertThat(env(app, "database__connection__host")).containsEntry("value", "rel-mysql");
            assertThat(env(app, "database__connection__port")).containsEntry("value", "3306");
            assertThat(env(app, "database__connection__user")).containsEntry("value", "root");
            assertThat(env(app, "database__connection__password")).doesNotContainKey("value")
                    .extracting(e -> map(map(e.get("valueFrom")).get("secretKeyRef")))
                    .isEqualTo(Map.of("name", "rel-mysql", "key", "mysql-root-password"));
            Map<String, Object> secret = objects.stream().filter(o -> "Secret".equals(o.get("kind")) && "rel-mysql".equals(Quality.name(o)))
                    .findFirst().orElseThrow();
            assertThat(map(secret.get("data"))).containsKey("mysql-root-password");
            assertThat(objects).extracting(o -> o.get("kind")).containsAll(dev.k8sautopilot.model.ChartPlan.of(spec).renderedKinds());
            assertThat(KubeSchema.problems(objects)).isEmpty();
            assertThat(Quality.errors(objects)).isEmpty();
        }

        @Test
        @DisplayName("overrides of the subchart (fullnameOverride, auth.existingSecret, service port) follow into the app's wiring")
        void followsSubchartValues(@TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.umbrella(), dir);
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, null, Map.of(
                    "mysql.fullnameOverride", "blog-db", "mysql.auth.existingSecret", "blog-db-creds", "mysql.service.ports.mysql", 3307)));
            Map<String, Object> app = one(objects, "Deployment");
            assertThat(env(app, "database__connection__host")).containsEntry("value", "blog-db");
            assertThat(env(app, "database__connection__port")).containsEntry("value", "3307");
            assertThat(map(map(env(app, "database__connection__password").get("valueFrom")).get("secretKeyRef")))
                    .containsEntry("name", "blog-db-creds");
            assertThat(objects).filteredOn(o -> "Service".equals(o.get("kind"))).extracting(Quality::name).contains("blog-db");
        }

        @Test
        @DisplayName("<name>.enabled=false drops the subchart; the app reads externalMysql.* and refuses to render without a host")
        void external(@TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.umbrella(), dir);
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, chart.resolve("ci/external-mysql-values.yaml"), Map.of()));
            assertThat(objects).extracting(o -> o.get("kind")).doesNotContain("StatefulSet");
            Map<String, Object> app = one(objects, "Deployment");
            assertThat(env(app, "database__connection__host")).containsEntry("value", "mysql.example.internal");
            assertThat(map(map(env(app, "database__connection__password").get("valueFrom")).get("secretKeyRef")))
                    .isEqualTo(Map.of("name", "ghost-mysql-credentials", "key", "mysql-root-password"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> HelmSupport.template(chart, null, Map.of("mysql.enabled", false)))
                    .hasMessageContaining("externalMysql.host is required when mysql.enabled is false");
        }

        @Test
        @DisplayName("two companions: PostgreSQL with a password, Redis without; default variable names")
        void twoCompanions(@TempDir Path dir) {
            Path chart = HelmSupport.write(TestSpecs.twoCompanions(), dir);
            assertThat(HelmSupport.lintProblems(chart)).isEmpty();
            List<Map<String, Object>> objects = HelmSupport.objects(HelmSupport.template(chart, null, Map.of()));
            Map<String, Object> app = objects.stream().filter(o -> "Deployment".equals(o.get("kind")) && "rel-orders".equals(Quality.name(o)))
                    .findFirst().orElseThrow();
            assertThat(env(app, "POSTGRES_HOST")).containsEntry("value", "rel-postgresql");
            assertThat(env(app, "REDIS_HOST")).containsEntry("value", "rel-redis");
            assertThat(env(app, "REDIS_PORT")).containsEntry("value", "6379");
            assertThat(map(map(env(app, "POSTGRES_PASSWORD").get("valueFrom")).get("secretKeyRef"))).containsEntry("name", "rel-postgresql");
            assertThat(KubeSchema.problems(objects)).isEmpty();
            assertThat(Quality.errors(objects)).isEmpty();
        }
    }
}
