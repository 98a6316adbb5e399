package dev.k8sautopilot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Dependency;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.IntentField;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.ProbeType;
import dev.k8sautopilot.model.SecretEnv;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Tier;
import dev.k8sautopilot.model.ValueSource;
import dev.k8sautopilot.model.Workload;
import dev.k8sautopilot.spi.PlanningContext;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("intent → resolver")
class ResolverTest {

    private static final RuleBasedPlanner PLANNER = new RuleBasedPlanner();
    private static final String SPRING = "Create a Helm chart for a Spring Boot API called orders-api, image ghcr.io/acme/orders-api:1.2.0"
            + " on port 8080, with Postgres credentials DB_USER and DB_PASSWORD in a secret";

    private static ChartPlan plan(ChartRequest request) {
        PlanOutcome outcome = PLANNER.plan(request, PlanningContext.offline());
        assertThat(outcome).as("outcome of %s", request).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) outcome).plan();
    }

    private static PlanDecision decision(ChartPlan plan, String topic) {
        return plan.decisions().stream().filter(d -> d.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new AssertionError("no decision " + topic + " in " + plan.decisions()));
    }

    @Nested
    @DisplayName("explicit values win over tier rules")
    class ExplicitWins {

        @Test
        @DisplayName("spec {replicas: 1, tier: prod} keeps 1 replica (it used to render 2)")
        void specReplicasOneInProd() {
            ChartIntent intent = ChartSpecs.parseIntent("{name: web, image: nginx:1.27.3, ports: [8080], replicas: 1, tier: prod}");
            assertThat(intent.value(IntentField.REPLICAS)).contains(1);
            assertThat(intent.source(IntentField.REPLICAS)).contains(ValueSource.SPEC);
            assertThat(intent.has(IntentField.PDB_CREATE)).isFalse();

            ChartPlan plan = plan(ChartRequest.of(intent));
            assertThat(plan.spec().replicas()).isEqualTo(1);
            assertThat(plan.spec().tier()).isEqualTo(Tier.PROD);
            PlanDecision replicas = decision(plan, "replicas");
            assertThat(replicas.source()).isEqualTo(ValueSource.SPEC);
            assertThat(replicas.reason()).isEqualTo("given in the spec");
            assertThat(decision(plan, "tier").source()).isEqualTo(ValueSource.SPEC);
            // What the spec did not say is still decided by the production rules.
            assertThat(plan.spec().pdb().create()).isTrue();
            assertThat(decision(plan, "disruption budget").source()).isEqualTo(ValueSource.RULE);
        }

        @Test
        @DisplayName("without replicas the production rule still chooses 2")
        void specWithoutReplicasInProd() {
            ChartPlan plan = plan(ChartRequest.of(ChartSpecs.parseIntent("{name: web, image: nginx:1.27.3, ports: [8080], tier: prod}")));
            assertThat(plan.spec().replicas()).isEqualTo(2);
            assertThat(decision(plan, "replicas").source()).isEqualTo(ValueSource.RULE);
        }

        @Test
        @DisplayName("a built ChartSpec: defaults are 'not set' (documented), explicit differences win")
        void builtSpec() {
            ChartSpec spec = ChartSpec.builder().name("web").image(dev.k8sautopilot.model.Image.parse("nginx:1.27.3"))
                    .ports(List.of(dev.k8sautopilot.model.Port.of("http", 8080))).replicas(4).tier(Tier.PROD).build();
            ChartPlan plan = plan(ChartRequest.of(spec));
            assertThat(plan.spec().replicas()).isEqualTo(4);
            assertThat(decision(plan, "replicas").source()).isEqualTo(ValueSource.SPEC);
        }
    }

    @Nested
    @DisplayName("main app versus dependencies")
    class Dependencies {

        @Test
        @DisplayName("Spring Boot API with Postgres credentials: a Deployment of the app, Postgres only a dependency")
        void springBootWithPostgresCredentials() {
            ChartIntent intent = PLANNER.intent(ChartRequest.of(SPRING));
            assertThat(intent.dependencies()).containsExactly(new Dependency("postgresql", ValueSource.REQUEST));
            assertThat(intent.has(IntentField.APP)).isFalse();

            ChartSpec spec = plan(ChartRequest.of(SPRING)).spec();
            assertThat(spec.workload()).isEqualTo(Workload.DEPLOYMENT);
            assertThat(spec.image().reference()).isEqualTo("ghcr.io/acme/orders-api:1.2.0");
            assertThat(spec.name()).isEqualTo("orders-api");
            assertThat(spec.app()).isEmpty();
            assertThat(spec.persistence().enabled()).isFalse();
            assertThat(spec.env()).extracting(EnvVar::name).noneMatch(n -> n.startsWith("PG") || n.startsWith("POSTGRES"));
            assertThat(spec.secretEnv()).extracting(SecretEnv::name).containsExactly("DB_USER", "DB_PASSWORD");
            assertThat(List.of(spec.probes().liveness(), spec.probes().readiness()))
                    .allSatisfy(p -> {
                        assertThat(p.type()).isNotEqualTo(ProbeType.EXEC);
                        assertThat(String.join(" ", p.command())).doesNotContain("pg_isready");
                    });
            assertThat(spec.ports()).extracting(p -> p.containerPort()).containsExactly(8080);
        }

        @Test
        @DisplayName("\"connects to Redis for caching\" does not turn the chart into Redis")
        void connectsToRedis() {
            String text = "Create a Helm chart for a Spring Boot API called orders-api, image ghcr.io/acme/orders-api:1.2.0 on port 8080,"
                    + " connects to Redis for caching";
            ChartPlan plan = plan(ChartRequest.of(text));
            assertThat(plan.spec().workload()).isEqualTo(Workload.DEPLOYMENT);
            assertThat(plan.spec().image().reference()).isEqualTo("ghcr.io/acme/orders-api:1.2.0");
            assertThat(plan.spec().persistence().enabled()).isFalse();
            assertThat(plan.spec().ports()).extracting(p -> p.containerPort()).containsExactly(8080);
            PlanDecision dep = decision(plan, "dependency");
            assertThat(dep.choice()).startsWith("Redis");
            assertThat(dep.source()).isEqualTo(ValueSource.REQUEST);
        }

        @Test
        @DisplayName("a runtime app that uses a database without an image asks for the app's image")
        void runtimeAppUsingDatabaseAsksImage() {
            PlanOutcome outcome = PLANNER.plan(ChartRequest.of("a Node.js app that connects to MongoDB"), PlanningContext.offline());
            assertThat(outcome).isInstanceOf(PlanOutcome.NeedsInput.class);
            assertThat(((PlanOutcome.NeedsInput) outcome).questions()).extracting(q -> q.field()).contains("image");
        }

        @Test
        @DisplayName("a chart for postgres itself is still postgres")
        void chartForPostgres() {
            ChartPlan plan = plan(ChartRequest.of("Create a Helm chart for postgres with 10Gi of storage"));
            assertThat(plan.spec().workload()).isEqualTo(Workload.STATEFULSET);
            assertThat(plan.spec().app()).isEqualTo("postgresql");
        }
    }

    @Nested
    @DisplayName("sources are right")
    class Sources {

        @Test
        @DisplayName("a catalog app: nothing is credited to the request that it did not contain")
        void catalogValuesNameTheCatalog() {
            ChartPlan plan = plan(ChartRequest.of("Create a Helm chart for redis"));
            assertThat(plan.decisions()).noneMatch(d -> d.source() == ValueSource.REQUEST && !d.topic().equals("network policy"));
            assertThat(plan.decisions()).noneMatch(d -> d.reason().contains("request") && d.source() != ValueSource.REQUEST
                    && !d.reason().contains("no ") && !d.reason().contains("say "));
            assertThat(decision(plan, "image").source()).isEqualTo(ValueSource.CATALOG);
            assertThat(decision(plan, "ports").source()).isEqualTo(ValueSource.CATALOG);
            assertThat(decision(plan, "tier").source()).isEqualTo(ValueSource.DEFAULT);
            assertThat(decision(plan, "name").source()).isEqualTo(ValueSource.CATALOG);
        }

        @Test
        @DisplayName("rejecting with feedback re-plans from the feedback, with source feedback")
        void feedbackWins() {
            ChartRequest first = ChartRequest.of("Create a Helm chart for nginx with 2 replicas");
            assertThat(plan(first).spec().replicas()).isEqualTo(2);
            ChartPlan replanned = plan(first.withFeedback("use 4 replicas"));
            assertThat(replanned.spec().replicas()).isEqualTo(4);
            assertThat(decision(replanned, "replicas").source()).isEqualTo(ValueSource.FEEDBACK);
            assertThat(decision(replanned, "replicas").reason()).isEqualTo("asked for in the feedback");
        }

        @Test
        @DisplayName("feedback undoes a dependency takeover: the app stays the main workload")
        void feedbackKeepsTheApp() {
            ChartPlan plan = plan(ChartRequest.of(SPRING).withFeedback("expose it at orders.example.com"));
            assertThat(plan.spec().workload()).isEqualTo(Workload.DEPLOYMENT);
            assertThat(plan.spec().ingress().hosts()).containsExactly("orders.example.com");
            assertThat(decision(plan, "ingress").source()).isIn(ValueSource.RULE, ValueSource.FEEDBACK);
        }

        @Test
        @DisplayName("answers carry source answer")
        void answers() {
            ChartPlan plan = plan(ChartRequest.of("a chart for our billing service").withAnswer("image", "ghcr.io/acme/billing:1.2.0")
                    .withAnswer("replicas", "3"));
            assertThat(decision(plan, "image").source()).isEqualTo(ValueSource.ANSWER);
            assertThat(decision(plan, "replicas").source()).isEqualTo(ValueSource.ANSWER);
            assertThat(decision(plan, "replicas").reason()).isEqualTo("given as an answer");
        }

        @Test
        @DisplayName("an answer for an unknown field names it")
        void unknownAnswer() {
            assertThatThrownBy(() -> PLANNER.plan(ChartRequest.of("nginx").withAnswer("replicaz", "3"), PlanningContext.offline()))
                    .isInstanceOf(SpecException.class).hasMessageContaining("answers.replicaz");
        }
    }

    @Nested
    @DisplayName("the intent itself")
    class Intent {

        @Test
        @DisplayName("survives a JSON round trip (checkpoints) with its sources and dependencies")
        void jsonRoundTrip() {
            ChartIntent intent = PLANNER.intent(ChartRequest.of(SPRING).withFeedback("use 3 replicas"));
            ChartIntent back = Json.mapper().convertValue(Json.mapper().convertValue(intent, Object.class), ChartIntent.class);
            assertThat(back).isEqualTo(intent);
            assertThat(back.source(IntentField.REPLICAS)).contains(ValueSource.FEEDBACK);
        }

        @Test
        @DisplayName("spec documents: unknown fields and bad values name the path")
        void specErrors() {
            assertThatThrownBy(() -> ChartSpecs.parseIntent("{name: web, replica: 2}"))
                    .isInstanceOf(SpecException.class).hasMessageContaining("spec.replica").hasMessageContaining("replicas");
            assertThatThrownBy(() -> ChartSpecs.parseIntent("{name: web, ports: [70000]}"))
                    .isInstanceOf(SpecException.class).hasMessageContaining("spec.ports[0].containerPort");
            assertThatThrownBy(() -> ChartSpecs.parseIntent("{name: web, ingress: {tls: maybe}}"))
                    .isInstanceOf(SpecException.class).hasMessageContaining("spec.ingress.tls");
        }

        @Test
        @DisplayName("a later layer wins and list fields merge by name")
        void overlay() {
            ChartIntent a = ChartIntent.builder().source(ValueSource.REQUEST).set(IntentField.REPLICAS, 2)
                    .add(IntentField.ENV, new EnvVar("A", "1")).build();
            ChartIntent b = ChartIntent.builder().source(ValueSource.FEEDBACK).set(IntentField.REPLICAS, 5)
                    .add(IntentField.ENV, new EnvVar("B", "2")).build();
            ChartIntent both = a.overlay(b);
            assertThat(both.value(IntentField.REPLICAS)).contains(5);
            assertThat(both.source(IntentField.REPLICAS)).contains(ValueSource.FEEDBACK);
            assertThat(both.value(IntentField.ENV).orElseThrow()).extracting(EnvVar::name).containsExactly("A", "B");
        }

        @Test
        @DisplayName("a value of the wrong type is refused with the field name")
        void typeChecked() {
            @SuppressWarnings({"unchecked", "rawtypes"})
            IntentField<Object> raw = (IntentField) IntentField.REPLICAS;
            assertThatThrownBy(() -> ChartIntent.builder().set(raw, "three")).isInstanceOf(SpecException.class).hasMessageContaining("replicas");
        }
    }
}
