package dev.k8sautopilot.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Companion;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.SecretEnv;
import dev.k8sautopilot.model.ValueSource;
import dev.k8sautopilot.model.Workload;
import dev.k8sautopilot.spi.PlanningContext;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

@DisplayName("requests for DaemonSets, Gateway API routes and companion subcharts")
class SliceRequestsTest {

    private static final RuleBasedPlanner PLANNER = new RuleBasedPlanner();

    private static ChartPlan plan(ChartRequest request) {
        PlanOutcome outcome = PLANNER.plan(request, PlanningContext.offline());
        assertThat(outcome).as(outcome.toString()).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) outcome).plan();
    }

    private static ChartPlan plan(String text) {
        return plan(ChartRequest.of(text));
    }

    private static PlanDecision decision(ChartPlan plan, String topic) {
        return plan.decisions().stream().filter(d -> d.topic().equals(topic)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no decision " + topic + " in " + plan.decisions()));
    }

    @Nested
    @DisplayName("DaemonSet")
    class DaemonSets {

        @ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {
            "Create a Helm chart for a node exporter on every node, image quay.io/prometheus/node-exporter:v1.8.2 on port 9100",
            "Run quay.io/prometheus/node-exporter:v1.8.2 as a DaemonSet, port 9100",
            "deploy quay.io/prometheus/node-exporter:v1.8.2 as a deamonset on port 9100",
            "node agent quay.io/prometheus/node-exporter:v1.8.2 with one pod per node listening on 9100",
            "A per-node metrics agent, image quay.io/prometheus/node-exporter:v1.8.2, port 9100"})
        @DisplayName("per-node phrasings give a DaemonSet that tolerates every taint, without host ports")
        void phrasings(String text) {
            ChartPlan plan = plan(text);
            ChartSpec spec = plan.spec();
            assertThat(spec.workload()).isEqualTo(Workload.DAEMONSET);
            assertThat(spec.daemonSet().tolerateAllNodes()).isTrue();
            assertThat(spec.daemonSet().hostPorts()).isEmpty();
            assertThat(spec.autoscaling().enabled()).isFalse();
            assertThat(spec.probes().liveness().enabled()).as("a DaemonSet is long-running: it gets probes").isTrue();
            assertThat(decision(plan, "workload").source()).isEqualTo(ValueSource.REQUEST);
        }

        @Test
        @DisplayName("replicas spread over the nodes are no DaemonSet")
        void replicasOnAllNodes() {
            ChartPlan plan = plan("nginx 1.27.3 with 3 replicas spread on all nodes");
            assertThat(plan.spec().workload()).isEqualTo(Workload.DEPLOYMENT);
            assertThat(plan.spec().replicas()).isEqualTo(3);
        }

        @Test
        @DisplayName("fluent-bit from the catalog on each node, with a host port only because it is asked for")
        void catalogAppWithHostPort() {
            ChartPlan plan = plan("Deploy fluent-bit on each node with a hostPort");
            assertThat(plan.spec().workload()).isEqualTo(Workload.DAEMONSET);
            assertThat(plan.spec().daemonSet().hostPorts()).containsExactly(plan.spec().mainPort().orElseThrow().name());
        }

        @Test
        @DisplayName("production: no autoscaling (one pod per node), no PodDisruptionBudget, worker nodes only when said")
        void production() {
            ChartPlan plan = plan("production log shipper ghcr.io/acme/shipper:2.0.0 as a DaemonSet, only on worker nodes, port 2020, with autoscaling");
            ChartSpec spec = plan.spec();
            assertThat(spec.workload()).isEqualTo(Workload.DAEMONSET);
            assertThat(spec.autoscaling().enabled()).isFalse();
            assertThat(spec.pdb().create()).isFalse();
            assertThat(spec.daemonSet().tolerateAllNodes()).isFalse();
            assertThat(plan.decisions()).extracting(PlanDecision::topic).doesNotContain("disruption budget");
        }

        @Test
        @DisplayName("a spec file with workload DaemonSet and tier prod plans without autoscaling")
        void specFile() {
            ChartSpec spec = ChartSpecs.parse("""
                    name: agent
                    image: ghcr.io/acme/agent:1.0.0
                    workload: DaemonSet
                    tier: prod
                    ports: [9100]
                    daemonSet: {maxUnavailable: 25%, hostPorts: [http]}
                    """);
            ChartPlan plan = plan(ChartRequest.of(spec));
            assertThat(plan.spec().workload()).isEqualTo(Workload.DAEMONSET);
            assertThat(plan.spec().autoscaling().enabled()).isFalse();
            assertThat(plan.spec().daemonSet().maxUnavailable()).isEqualTo("25%");
            assertThat(plan.spec().daemonSet().hostPorts()).containsExactly("http");
        }
    }

    @Nested
    @DisplayName("Gateway API HTTPRoute")
    class GatewayApi {

        @Test
        @DisplayName("'through the Gateway API via gateway public-gw' with a host and TLS: a route on the https listener, no Ingress")
        void named() {
            ChartPlan plan = plan("Create a chart for shop, image ghcr.io/acme/shop:3.1.0 on port 8080, "
                    + "exposed through the Gateway API via gateway public-gw at shop.example.com with TLS");
            var route = plan.spec().httpRoute();
            assertThat(route.on()).isTrue();
            assertThat(route.gateway()).isEqualTo("public-gw");
            assertThat(route.hostnames()).containsExactly("shop.example.com");
            assertThat(route.tls()).isTrue();
            assertThat(route.sectionName()).isEqualTo("https");
            assertThat(plan.spec().ingress().enabled()).isFalse();
            assertThat(decision(plan, "routing").choice()).contains("public-gw", "shop.example.com");
        }

        @Test
        @DisplayName("the Gateway's namespace and listener are read")
        void namespaceAndListener() {
            var route = plan("web app ghcr.io/acme/web:1.0.0 port 8080 with an HTTPRoute attached to gateway edge in namespace infra "
                    + "on the public listener, path /api").spec().httpRoute();
            assertThat(route.gateway()).isEqualTo("edge");
            assertThat(route.gatewayNamespace()).isEqualTo("infra");
            assertThat(route.sectionName()).isEqualTo("public");
            assertThat(route.path()).isEqualTo("/api");
        }

        @Test
        @DisplayName("without a Gateway name the planner asks, and the answer completes the route")
        void asks() {
            ChartRequest request = ChartRequest.of("web app ghcr.io/acme/web:1.0.0 port 8080 exposed with the Gateway API at web.example.com");
            PlanOutcome outcome = PLANNER.plan(request, PlanningContext.offline());
            assertThat(outcome).isInstanceOf(PlanOutcome.NeedsInput.class);
            assertThat(((PlanOutcome.NeedsInput) outcome).questions()).extracting(Question::field).contains("httpRoute.gateway");
            var route = plan(request.withAnswer("httpRoute.gateway", "public-gw")).spec().httpRoute();
            assertThat(route.gateway()).isEqualTo("public-gw");
            assertThat(route.hostnames()).containsExactly("web.example.com");
        }

        @Test
        @DisplayName("a gateway that is the app (a payment gateway service) is no Gateway API route")
        void notARoute() {
            ChartPlan plan = plan("Create a chart for a payment gateway service, image ghcr.io/acme/pay:1.0.0 on port 8080");
            assertThat(plan.spec().httpRoute().on()).isFalse();
            assertThat(plan.decisions()).extracting(PlanDecision::topic).doesNotContain("routing");
        }

        @Test
        @DisplayName("a plain Ingress request stays an Ingress")
        void ingressUnchanged() {
            ChartPlan plan = plan("web app ghcr.io/acme/web:1.0.0 port 8080 with ingress at web.example.com");
            assertThat(plan.spec().ingress().enabled()).isTrue();
            assertThat(plan.spec().httpRoute().on()).isFalse();
        }
    }

    @Nested
    @DisplayName("companion subcharts")
    class Companions {

        @Test
        @DisplayName("'ghost with its own mysql': the chart packages Ghost; MySQL is a companion wired with Ghost's variables")
        void ghost() {
            ChartPlan plan = plan("ghost with its own mysql");
            ChartSpec spec = plan.spec();
            assertThat(spec.app()).isEqualTo("ghost");
            assertThat(spec.workload()).isNotEqualTo(Workload.STATEFULSET);
            assertThat(spec.companions()).singleElement().satisfies(c -> {
                assertThat(c.app()).isEqualTo("mysql");
                assertThat(c.hostEnv()).isEqualTo("database__connection__host");
                assertThat(c.passwordEnv()).isEqualTo("database__connection__password");
            });
            // The password comes from the subchart's Secret, not from a second Secret entry of the app.
            assertThat(spec.secretEnv()).extracting(SecretEnv::name).doesNotContain("database__connection__password");
            assertThat(plan.warnings()).noneMatch(w -> w.contains("mysql is mentioned too"));
            assertThat(decision(plan, "companions").source()).isEqualTo(ValueSource.REQUEST);
        }

        @Test
        @DisplayName("a custom API with its own postgres database and a dedicated redis cache: two companions, the app stays the API")
        void customApp() {
            ChartSpec spec = plan("Create a chart for orders, image ghcr.io/acme/orders:1.2.0 on port 8080, "
                    + "with its own postgres database and a dedicated redis cache").spec();
            assertThat(spec.image().repository()).isEqualTo("acme/orders");
            assertThat(spec.workload()).isEqualTo(Workload.DEPLOYMENT);
            assertThat(spec.companions()).extracting(Companion::app).containsExactly("postgresql", "redis");
            assertThat(spec.companions().get(0).hostEnv()).isEqualTo("POSTGRES_HOST");
        }

        @Test
        @DisplayName("wordpress with its own mariadb: WordPress's variables, and no literal database host")
        void wordpress() {
            ChartSpec spec = plan("wordpress with its own mariadb").spec();
            assertThat(spec.companions()).singleElement().satisfies(c -> assertThat(c.hostEnv()).isEqualTo("WORDPRESS_DB_HOST"));
            assertThat(spec.env()).extracting(e -> e.name()).doesNotContain("WORDPRESS_DB_HOST", "WORDPRESS_DB_USER");
        }

        @Test
        @DisplayName("a database the app only uses, or a chart for the database itself, is no companion")
        void notCompanions() {
            assertThat(plan("Create a Helm chart for postgres").spec().companions()).isEmpty();
            assertThat(plan("nginx 1.27.3 that connects to redis").spec().companions()).isEmpty();
        }
    }
}
