package dev.k8sautopilot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.k8sautopilot.RunStage;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.RecordJson;
import dev.k8sautopilot.internal.RecordReader;
import dev.k8sautopilot.internal.RunState;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.templates.DefaultTemplateCoordinator;
import org.junit.jupiter.api.DisplayName;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints of random valid {@link ChartSpec}s (every option, edge values, unicode and hostile free text), with the
 * chart generated from them, are written by {@link RecordJson} byte for byte as the shared Jackson mapper writes them;
 * the same specs as documents are read by {@link RecordReader} into what the mapper builds.
 */
@DisplayName("random ChartSpecs: checkpoints and spec documents handled without Jackson as Jackson handles them")
class CheckpointJsonPropertyTest {

    private final DefaultTemplateCoordinator coordinator = new DefaultTemplateCoordinator();

    @Test
    void sameBytesAsJackson() {
        var theory = qt().withExamples(300).withShrinkCycles(30);
        if (System.getenv("CI") != null) {
            theory = theory.withFixedSeed(ChartSpecPropertyTest.CI_SEED);
        }
        theory.forAll(RandomSpecs.specs()).checkAssert(spec -> {
            ChartPlan plan = ChartPlan.of(spec);
            ChartFiles files = coordinator.generate(plan);
            RunState state = RunState.start("20261201-120000-0a1b2c3d", RunState.Mode.GENERATE, RunStage.PLAN,
                    ChartRequest.of(spec), null, "/tmp/charts", null).withPlan(plan).withFiles(files).at(RunStage.VALIDATE);
            assertThat(RecordJson.write(state)).isEqualTo(Json.write(state));
        });
    }

    @Test
    @DisplayName("random ChartSpecs as documents are read by RecordReader into what Jackson builds")
    void specDocumentsReadAsJacksonReadsThem() {
        var theory = qt().withExamples(300).withShrinkCycles(30);
        if (System.getenv("CI") != null) {
            theory = theory.withFixedSeed(ChartSpecPropertyTest.CI_SEED);
        }
        theory.forAll(RandomSpecs.specs()).checkAssert(spec -> {
            Map<String, Object> document = ChartSpecs.toMap(spec);
            ChartSpec fast = RecordReader.read(document, ChartSpec.class);
            assertThat(fast).isEqualTo(Json.mapper().convertValue(document, ChartSpec.class)).isEqualTo(spec);
            assertThat(ChartSpecs.fromMap(document)).isEqualTo(spec);
        });
    }
}
