package dev.k8sautopilot.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.Workload;
import dev.k8sautopilot.spi.PlanningContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("request understanding")
class RequestUnderstandingTest {

    private static final RuleBasedPlanner PLANNER = new RuleBasedPlanner();

    private static ChartPlan plan(ChartRequest request) {
        PlanOutcome outcome = PLANNER.plan(request, PlanningContext.offline());
        assertThat(outcome).as("outcome of %s", request).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) outcome).plan();
    }

    @Nested
    @DisplayName("schedules in words become the CronJob's schedule")
    class Schedules {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "a backup job with image acme/backup:1.0.0 that runs every night at 2am|0 2 * * *",
            "nightly at 02:00 run the cleanup job, image acme/cleanup:2.1.0|0 2 * * *",
            "image acme/sync:3.0.0, a sync task every 15 minutes|*/15 * * * *",
            "cron job acme/report:1.2.3 every monday at 9:30|30 9 * * 1",
        })
        void spokenSchedules(String text, String cron) {
            ChartSpec spec = plan(ChartRequest.of(text)).spec();
            assertThat(spec.workload()).isEqualTo(Workload.CRONJOB);
            assertThat(spec.job().schedule()).isEqualTo(cron);
        }

        @Test
        @DisplayName("a literal cron expression still wins")
        void literal() {
            assertThat(plan(ChartRequest.of("cron job acme/report:1.2.3 with schedule 5 4 * * 2")).spec().job().schedule())
                    .isEqualTo("5 4 * * 2");
        }
    }

    @Nested
    @DisplayName("workers without ports")
    class Workers {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "a queue worker, image acme/worker:2.0.0, with no ports",
            "image acme/consumer:1.4.0: a Kafka consumer",
            "deploy acme/mailer:3.1.0 as a background worker that does not listen on any port",
        })
        void noPortsNoServiceNoNetworkProbes(String text) {
            ChartPlan plan = plan(ChartRequest.of(text));
            ChartSpec spec = plan.spec();
            assertThat(spec.ports()).isEmpty();
            assertThat(spec.hasService()).isFalse();
            // The rendered kinds come from the template module's slices (not on core's test classpath): the spec says it.
            assertThat(spec.workload()).isEqualTo(dev.k8sautopilot.model.Workload.DEPLOYMENT);
            assertThat(spec.probes().liveness().enabled()).isFalse();
            assertThat(spec.probes().readiness().enabled()).isFalse();
        }

        @Test
        @DisplayName("a worker that names its port keeps it")
        void workerWithPort() {
            assertThat(plan(ChartRequest.of("a worker acme/worker:2.0.0 with a health endpoint on port 8081")).spec().ports())
                    .extracting(p -> p.containerPort()).containsExactly(8081);
        }

        @Test
        @DisplayName("a spec without ports is valid (no probes unless written)")
        void specWithoutPorts() {
            ChartSpec spec = ChartSpecs.parse("{name: worker, image: acme/worker:2.0.0}");
            assertThat(spec.probes().liveness().enabled()).isFalse();
            assertThat(spec.hasService()).isFalse();
            ChartPlan plan = plan(ChartRequest.of(ChartSpecs.parseIntent("{name: worker, image: acme/worker:2.0.0, ports: [],"
                    + " probes: {liveness: {type: exec, command: [cat, /tmp/healthy]}}}")));
            assertThat(plan.spec().ports()).isEmpty();
            assertThat(plan.spec().probes().liveness().enabled()).isTrue();
            assertThat(plan.spec().probes().readiness().enabled()).isFalse();
        }
    }

    @Nested
    @DisplayName("untagged images ask, spec and sentence alike")
    class UntaggedImages {

        @Test
        void sentence() {
            PlanOutcome outcome = PLANNER.plan(ChartRequest.of("run image redis with persistence"), PlanningContext.offline());
            assertThat(outcome).isInstanceOf(PlanOutcome.NeedsInput.class);
            Question q = ((PlanOutcome.NeedsInput) outcome).questions().get(0);
            assertThat(q.field()).isEqualTo("image.tag");
            assertThat(q.defaultValue()).isPresent();
            ChartPlan answered = plan(ChartRequest.of("run image redis with persistence").withAnswer("image.tag", q.defaultValue().get()));
            assertThat(answered.spec().image().tag()).isEqualTo(q.defaultValue().get());
        }

        @Test
        void spec() {
            PlanOutcome outcome = PLANNER.plan(ChartRequest.of(ChartSpecs.parseIntent("{name: web, image: nginx, ports: [8080]}")),
                    PlanningContext.offline());
            assertThat(outcome).isInstanceOf(PlanOutcome.NeedsInput.class);
            assertThat(((PlanOutcome.NeedsInput) outcome).questions()).extracting(Question::field).containsExactly("image.tag");
        }

        @Test
        @DisplayName("a built spec with an untagged image asks too")
        void builtSpec() {
            ChartSpec spec = ChartSpec.builder().name("web").image(Image.parse("nginx")).build();
            assertThat(PLANNER.plan(ChartRequest.of(spec), PlanningContext.offline())).isInstanceOf(PlanOutcome.NeedsInput.class);
        }
    }

    @Nested
    @DisplayName("explicit resources win over catalog sizing")
    class Resources {

        @Test
        void explicitLimitsKept() {
            ChartSpec spec = plan(ChartRequest.of("postgres in production with a memory limit of 2Gi and 250m cpu request")).spec();
            assertThat(spec.resources().limitsMemory()).isEqualTo("2Gi");
            assertThat(spec.resources().requestsCpu()).isEqualTo("250m");
        }

        @Test
        void specResourcesKept() {
            ChartSpec spec = plan(ChartRequest.of(ChartSpecs.parseIntent("{app: postgresql, tier: prod,"
                    + " resources: {requestsMemory: 300Mi, limitsMemory: 400Mi}}"))).spec();
            assertThat(spec.resources().requestsMemory()).isEqualTo("300Mi");
            assertThat(spec.resources().limitsMemory()).isEqualTo("400Mi");
        }
    }

    @Nested
    @DisplayName("units, percentages and misspellings")
    class Wording {

        @Test
        @DisplayName("units and percentages in words")
        void unitsInWords() {
            ChartSpec spec = plan(ChartRequest.of("image acme/api:1.0.0 on port 8080 with a memory limit of two gigabytes, half a CPU,"
                    + " autoscaling at seventy percent cpu")).spec();
            assertThat(spec.resources().limitsMemory()).isEqualTo("2Gi");
            assertThat(spec.resources().requestsCpu()).isEqualTo("500m");
            assertThat(spec.autoscaling().enabled()).isTrue();
            assertThat(spec.autoscaling().targetCpu()).isEqualTo(70);
        }

        @Test
        @DisplayName("misspelled keywords are corrected, with a warning")
        void keywords() {
            ChartPlan plan = plan(ChartRequest.of("redis with persistance, 3 replcias, for prodution"));
            assertThat(plan.spec().persistence().enabled()).isTrue();
            assertThat(plan.spec().replicas()).isEqualTo(3);
            assertThat(plan.spec().tier()).isEqualTo(dev.k8sautopilot.model.Tier.PROD);
            assertThat(plan.warnings()).anyMatch(w -> w.contains("'persistance' read as 'persistence'"))
                    .anyMatch(w -> w.contains("'prodution' read as 'production'"));
        }

        @Test
        @DisplayName("a misspelled app name is offered as a question with the closest app as default")
        void appName() {
            PlanOutcome outcome = PLANNER.plan(ChartRequest.of("a chart for postgress with 10Gi"), PlanningContext.offline());
            assertThat(outcome).isInstanceOf(PlanOutcome.NeedsInput.class);
            Question q = ((PlanOutcome.NeedsInput) outcome).questions().get(0);
            assertThat(q.field()).isEqualTo("app");
            assertThat(q.defaultValue()).contains("postgresql");
            ChartPlan plan = plan(ChartRequest.of("a chart for postgress with 10Gi").withAnswer("app", q.defaultValue().get()));
            assertThat(plan.spec().app()).isEqualTo("postgresql");
            assertThat(plan.spec().workload()).isEqualTo(Workload.STATEFULSET);
        }

        @Test
        @DisplayName("image references are never corrected")
        void imagesUntouched() {
            ChartSpec spec = plan(ChartRequest.of("image ghcr.io/acme/persistance:1.0.0 on port 8080")).spec();
            assertThat(spec.image().repository()).isEqualTo("acme/persistance");
        }
    }
}
