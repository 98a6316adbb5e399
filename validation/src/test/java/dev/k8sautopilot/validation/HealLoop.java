package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.HealPolicy;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import dev.k8sautopilot.spi.Healer;
import dev.k8sautopilot.validation.heal.Healers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The validate → heal → validate loop as the pipeline runs it (a patch is kept only when it lowers
 * the report weight; bounded rounds), for tests and the benchmark.
 */
final class HealLoop {

    /** Outcome of healing. */
    record Outcome(ChartFiles files, ValidationReport before, ValidationReport after, List<String> applied) {
    }

    private HealLoop() {
    }

    static Outcome run(DefaultValidator validator, ChartFiles files, ValidationOptions options, int maxRounds) {
        ValidationReport first = validator.validate(files, options);
        ValidationReport report = first;
        ChartFiles current = files;
        List<String> applied = new ArrayList<>();
        for (int round = 1; round <= maxRounds && !report.passed(); round++) {
            ChartFiles candidate = current;
            List<String> changes = new ArrayList<>();
            HealContext ctx = new HealContext(Optional.empty(), options, round);
            for (Healer h : Healers.builtIns()) {
                HealResult r = h.heal(candidate, report, ctx);
                candidate = r.files();
                changes.addAll(r.applied());
            }
            if (changes.isEmpty()) {
                break;
            }
            ValidationReport next = validator.validate(candidate, options);
            if (!HealPolicy.standard().judge(current, report, candidate, next).kept()) {
                break;
            }
            current = candidate;
            report = next;
            applied.addAll(changes);
        }
        return new Outcome(current, first, report, applied);
    }
}
