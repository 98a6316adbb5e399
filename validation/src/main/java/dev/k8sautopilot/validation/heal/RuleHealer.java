package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import dev.k8sautopilot.spi.Healer;
import java.util.List;
import java.util.Set;

/**
 * A deterministic {@link Healer} keyed by the rule ids it fixes. It is a pure function of the chart
 * and the report: it only looks at findings of its rules and returns the input unchanged when there
 * are none or when it cannot fix them safely. Subclasses are stateless and thread-safe.
 */
public abstract class RuleHealer implements Healer {

    /** For subclasses. */
    protected RuleHealer() {
    }

    /** The rule ids this healer fixes. */
    public abstract Set<String> ruleIds();

    @Override
    public final HealResult heal(ChartFiles files, ValidationReport report, HealContext context) {
        List<Finding> mine = report.findings().stream().filter(f -> ruleIds().contains(f.ruleId())).toList();
        if (mine.isEmpty()) {
            return HealResult.unchanged(files);
        }
        return fix(files, mine, context == null ? HealContext.offline() : context);
    }

    @Override
    public String id() {
        return getClass().getSimpleName();
    }

    /**
     * Fixes the findings.
     *
     * @param files    the chart
     * @param findings findings of {@link #ruleIds()} only, never empty
     * @param context  options in force
     * @return patched files, or {@link HealResult#unchanged} when nothing could be fixed
     */
    protected abstract HealResult fix(ChartFiles files, List<Finding> findings, HealContext context);
}
