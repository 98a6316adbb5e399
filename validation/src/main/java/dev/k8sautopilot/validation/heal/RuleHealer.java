package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import dev.k8sautopilot.spi.Healer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

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

    /**
     * Rewrites, once each, the files the findings name: {@code rewrite} gets a file's text and returns the
     * new text, or empty when it cannot fix that file; a file whose text does not change is left out.
     *
     * @param what one line describing the fix, recorded per file as {@code path: what}
     */
    protected static HealResult rewriteFiles(ChartFiles files, List<Finding> findings, String what,
                                             UnaryOperator<Optional<String>> rewrite) {
        ChartFiles out = files;
        List<String> applied = new ArrayList<>();
        for (String path : findings.stream().map(Finding::file).distinct().toList()) {
            Optional<String> text = files.get(path);
            if (text.isEmpty()) {
                continue;
            }
            Optional<String> fixed = rewrite.apply(text);
            if (fixed.isPresent() && !fixed.get().equals(text.get())) {
                out = out.with(path, fixed.get());
                applied.add(path + ": " + what);
            }
        }
        return new HealResult(out, applied);
    }
}
