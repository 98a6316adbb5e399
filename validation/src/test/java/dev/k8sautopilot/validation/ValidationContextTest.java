package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.ValidationOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ValidationContext rendering")
class ValidationContextTest {

    @Test
    @DisplayName("scenarios rendered concurrently, finishing in any order, give the same render in scenario order")
    void concurrentEqualsSequential(@TempDir Path temp) throws Exception {
        ChartFiles chart = TestCharts.webapp().with("ci/b-values.yaml", "replicaCount: 2\n").with("ci/a-values.yaml", "replicaCount: 3\n");
        Path dir = DefaultValidator.write(chart, temp);
        Rendering sequential = new ValidationContext(chart, ValidationOptions.defaults(), Optional.of(dir), "").rendering();

        // Runs the tasks in reverse order of submission, the last one first.
        List<Runnable> tasks = new ArrayList<>();
        Executor reversed = tasks::add;
        ValidationContext ctx = new ValidationContext(chart, ValidationOptions.defaults(), Optional.of(dir), "");
        ctx.startRendering(reversed);
        ctx.startRendering(reversed);
        assertThat(tasks).as("started once, one task per scenario").hasSize(4);
        Collections.reverse(tasks);
        tasks.forEach(Runnable::run);
        Rendering concurrent = ctx.rendering();

        List<String> order = new ArrayList<>(List.of(""));
        order.addAll(ctx.ciValuesFiles());
        assertThat(order).hasSize(4);
        assertThat(concurrent.scenarios()).extracting(Rendering.Scenario::valuesFile).containsExactlyElementsOf(order);
        assertThat(concurrent).isEqualTo(sequential);
        assertThat(concurrent.scenarios()).allSatisfy(s -> assertThat(s.objects()).isNotEmpty());
    }

    @Test
    @DisplayName("a chart helm cannot load starts no render")
    void notRunnable(@TempDir Path temp) throws Exception {
        ChartFiles chart = TestCharts.webapp().without("Chart.yaml");
        List<Runnable> tasks = new ArrayList<>();
        ValidationContext ctx = new ValidationContext(chart, ValidationOptions.defaults(), Optional.of(temp), "");
        ctx.startRendering(tasks::add);
        assertThat(tasks).isEmpty();
        assertThat(ctx.rendering().scenarios()).isEmpty();
        ctx.awaitRendering();
    }

    @Test
    @DisplayName("a ci scenario that sets nothing ({} or an empty file) renders what the defaults render: it is not rendered again")
    void scenariosThatSetNothing(@TempDir Path temp) throws Exception {
        ChartFiles chart = TestCharts.webapp().with("ci/default-values.yaml", "# Scenario: the chart's default values.\n{}\n")
                .with("ci/blank-values.yaml", "\n").with("ci/two-values.yaml", "replicaCount: 2\n");
        Path dir = DefaultValidator.write(chart, temp);
        ValidationContext ctx = new ValidationContext(chart, ValidationOptions.defaults(), Optional.of(dir), "");

        assertThat(ctx.ciValuesFiles()).contains("ci/default-values.yaml", "ci/blank-values.yaml", "ci/two-values.yaml");
        assertThat(ctx.rendering().scenarios()).extracting(Rendering.Scenario::valuesFile)
                .contains("", "ci/two-values.yaml").doesNotContain("ci/default-values.yaml", "ci/blank-values.yaml");
    }

    @Test
    @DisplayName("the kubernetes checks made on the render threads are the ones the layer makes itself, in the same order")
    void kubernetesChecksOnRenderThreads(@TempDir Path temp) throws Exception {
        ChartFiles chart = TestCharts.webapp().with("templates/odd-service.yaml", "apiVersion: v1\nkind: Service\n"
                + "metadata:\n  name: odd\nspec:\n  ports:\n    - port: eighty\n      protocol: TCP\n");
        Path dir = DefaultValidator.write(chart, temp);
        ValidationContext onThisThread = new ValidationContext(chart, ValidationOptions.defaults(), Optional.of(dir), "");
        List<Finding> expected = new ArrayList<>();
        for (Rendering.Scenario s : onThisThread.rendering().scenarios()) {
            for (RenderedObject o : s.objects()) {
                expected.addAll(KubernetesLayer.check(o, s.label()));
            }
        }

        List<Runnable> tasks = new ArrayList<>();
        ValidationContext pooled = new ValidationContext(chart, ValidationOptions.defaults(), Optional.of(dir), "");
        pooled.startRendering(tasks::add);
        Collections.reverse(tasks);
        tasks.forEach(Runnable::run);
        assertThat(new KubernetesLayer().run(pooled)).isEqualTo(new KubernetesLayer().run(onThisThread)).containsAll(expected);
        assertThat(expected).extracting(Finding::ruleId).contains("k8s-schema");
    }
}
