package dev.k8sautopilot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Tier;
import dev.k8sautopilot.spi.PlanningContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RuleBasedPlanner")
class RuleBasedPlannerTest {

    private final RuleBasedPlanner planner = new RuleBasedPlanner();

    private PlanOutcome plan(ChartRequest r) {
        return planner.plan(r, PlanningContext.offline());
    }

    private ChartPlan planned(ChartRequest r) {
        PlanOutcome o = plan(r);
        assertThat(o).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) o).plan();
    }

    @Test
    @DisplayName("has id rules and priority 0")
    void identity() {
        assertThat(planner.id()).isEqualTo("rules");
        assertThat(planner.priority()).isZero();
        assertThat(planner.requiresChatModel()).isFalse();
    }

    @Nested
    @DisplayName("the defaults docs/chart-spec.md documents")
    class DocumentedDefaults {

        private ChartSpec smallest(Tier tier, dev.k8sautopilot.model.Autoscaling autoscaling) {
            return ChartSpec.builder().name("web").image(Image.parse("nginx:1.27.3")).ports(List.of(Port.of("http", 8080)))
                    .tier(tier).autoscaling(autoscaling).build();
        }

        @Test
        @DisplayName("networkPolicy is on, admitting any pod outside production")
        void networkPolicyOn() {
            ChartSpec spec = planned(ChartRequest.of(smallest(Tier.DEV, null))).spec();
            assertThat(spec.networkPolicy().enabled()).isTrue();
            assertThat(spec.networkPolicy().allowExternal()).isTrue();
            assertThat(spec.networkPolicy().allowExternalEgress()).isTrue();
        }

        @Test
        @DisplayName("autoscaling: minReplicas max(replicas, tier floor), maxReplicas max(3 x min, 5), 80 % CPU")
        void autoscaling() {
            ChartSpec dev = planned(ChartRequest.of(smallest(Tier.DEV, new dev.k8sautopilot.model.Autoscaling(true, 2, 0, 0, 0)))).spec();
            assertThat(dev.autoscaling().minReplicas()).isEqualTo(2);
            assertThat(dev.autoscaling().maxReplicas()).isEqualTo(6);
            assertThat(dev.autoscaling().targetCpu()).isEqualTo(80);
            ChartSpec prod = planned(ChartRequest.of(smallest(Tier.PROD, null))).spec();
            assertThat(prod.autoscaling().minReplicas()).isEqualTo(2);
            assertThat(prod.autoscaling().maxReplicas()).isEqualTo(6);
            ChartSpec one = planned(ChartRequest.of(smallest(Tier.DEV, null))).spec();
            assertThat(one.autoscaling().maxReplicas()).isEqualTo(5);
        }
    }

    @Nested
    @DisplayName("questions")
    class Questions {

        @Test
        @DisplayName("an unknown app without image asks a critical image question without default")
        void unknownApp() {
            PlanOutcome.NeedsInput n = (PlanOutcome.NeedsInput) plan(ChartRequest.of("A chart for our internal billing service"));
            Question q = n.questions().get(0);
            assertThat(q.field()).isEqualTo("image");
            assertThat(q.priority()).isEqualTo(Priority.CRITICAL);
            assertThat(q.hasDefault()).isFalse();
        }

        @Test
        @DisplayName("answering the image question yields a plan named after the image")
        void answered() {
            ChartPlan p = planned(ChartRequest.of("A chart for our internal billing service on port 9000")
                    .withAnswer("image", "ghcr.io/acme/billing:1.2.0"));
            assertThat(p.spec().name()).isEqualTo("billing");
            assertThat(p.spec().mainPort().orElseThrow().containerPort()).isEqualTo(9000);
        }

        @Test
        @DisplayName("contradictions carry a default that the answer (as --yes would give it) resolves")
        void contradictionDefault() {
            PlanOutcome.NeedsInput n = (PlanOutcome.NeedsInput) plan(ChartRequest.of("nginx with 2 replicas, actually 4 replicas"));
            Question q = n.questions().get(0);
            assertThat(q.field()).isEqualTo("replicas");
            assertThat(q.defaultValue()).contains("4");
            ChartPlan p = planned(ChartRequest.of("nginx with 2 replicas, actually 4 replicas").withAnswer("replicas", q.defaultValue().get()));
            assertThat(p.spec().replicas()).isEqualTo(4);
        }

        @Test
        @DisplayName("non-critical gaps get defaults and a warning, not a question")
        void defaultsWithWarning() {
            ChartPlan p = planned(ChartRequest.of("image acme/api:1.0.0"));
            assertThat(p.spec().mainPort().orElseThrow().containerPort()).isEqualTo(8080);
            assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("assuming"));
        }
    }

    @Nested
    @DisplayName("sources")
    class Sources {

        @Test
        @DisplayName("a spec's explicit fields win over the text; the text adds facts")
        void specBase() {
            ChartSpec spec = ChartSpec.builder().name("shop").image(Image.parse("acme/shop:2.0.0"))
                    .ports(List.of(Port.of("http", 9000))).replicas(4).build();
            ChartRequest r = new ChartRequest("2 replicas with an ingress at shop.example.com", Optional.of(spec), Map.of(), List.of());
            ChartPlan p = planned(r);
            assertThat(p.spec().replicas()).isEqualTo(4);
            assertThat(p.spec().ingress().hosts()).containsExactly("shop.example.com");
            assertThat(p.spec().mainPort().orElseThrow().containerPort()).isEqualTo(9000);
        }

        @Test
        @DisplayName("reviewer feedback is parsed like later request text and wins")
        void feedback() {
            ChartPlan p = planned(ChartRequest.of("nginx with 2 replicas").withFeedback("make it 5 replicas and production"));
            assertThat(p.spec().replicas()).isEqualTo(5);
            assertThat(p.spec().tier()).isEqualTo(Tier.PROD);
        }

        @Test
        @DisplayName("complete() fills a partial map; present keys win")
        void complete() {
            Map<String, Object> partial = new LinkedHashMap<>();
            partial.put("app", "postgres");
            partial.put("persistence", Map.of("size", "50Gi"));
            partial.put("replicas", 1);
            PlanOutcome o = planner.complete(partial, ChartRequest.of("x"), PlanningContext.offline());
            ChartSpec s = ((PlanOutcome.Planned) o).plan().spec();
            assertThat(s.name()).isEqualTo("postgresql");
            assertThat(s.persistence().size()).isEqualTo("50Gi");
            assertThat(s.persistence().mountPath()).isEqualTo("/var/lib/postgresql/data");
            assertThat(s.workload().wire()).isEqualTo("StatefulSet");
        }

        @Test
        @DisplayName("complete() asks for the image when the map has neither image nor app")
        void completeNeedsImage() {
            PlanOutcome o = planner.complete(Map.of("replicas", 2), null, null);
            assertThat(((PlanOutcome.NeedsInput) o).questions()).extracting(Question::field).contains("image");
        }

        @Test
        @DisplayName("complete() reports an invalid present value with its field")
        void completeInvalid() {
            assertThatThrownBy(() -> planner.complete(Map.of("image", "nginx:1.27.3", "replicas", 5000), null, null))
                    .isInstanceOf(SpecException.class).hasMessageContaining("replicas");
        }
    }

    @Nested
    @DisplayName("rules")
    class Rules {

        @Test
        @DisplayName("only requests given: a memory limit is added and said so")
        void memoryLimitAdded() {
            ChartPlan p = planned(ChartRequest.of("image acme/api:1.0.0 requests 200m cpu and 300Mi memory"));
            assertThat(p.spec().resources().limitsMemory()).isEqualTo("450Mi");
            assertThat(p.decisions()).anySatisfy(d -> assertThat(d.reason()).contains("memory limit"));
        }

        @Test
        @DisplayName("replicas of 2 or more always get a PDB")
        void pdb() {
            assertThat(planned(ChartRequest.of("image acme/api:1.0.0, 2 replicas")).spec().pdb().create()).isTrue();
            assertThat(planned(ChartRequest.of("image acme/api:1.0.0")).spec().pdb().create()).isFalse();
        }

        @Test
        @DisplayName("TLS without a cert resolver uses the <host>-tls secret; with one, none")
        void tlsSecret() {
            assertThat(planned(ChartRequest.of("nginx at a.example.com with tls")).spec().ingress().tlsSecretName()).isEqualTo("a.example.com-tls");
            assertThat(planned(ChartRequest.of("nginx behind traefik at a.example.com with tls, cert resolver le")).spec().ingress().tlsSecretName()).isEmpty();
        }

        @Test
        @DisplayName("nginx prefers the vendor's non-root image and records why")
        void nonRootImage() {
            ChartPlan p = planned(ChartRequest.of("nginx"));
            assertThat(p.spec().image().repository()).isEqualTo("nginxinc/nginx-unprivileged");
            assertThat(p.spec().security().writablePaths()).contains("/var/cache/nginx");
            assertThat(p.decisions()).anySatisfy(d -> assertThat(d.reason()).contains("UID 101"));
        }
    }
}
