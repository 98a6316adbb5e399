package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.spi.Healer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in deterministic healers, in run order, and which one fixes a rule id.
 *
 * <pre>{@code
 * for (Healer h : Healers.builtIns()) { files = h.heal(files, report, HealContext.offline()).files(); }
 * }</pre>
 */
public final class Healers {

    private static final List<RuleHealer> BUILT_INS = List.of(new TabIndentHealer(), new YamlIndentHealer(),
                    new ChartMetadataHealer(), new ApiVersionHealer(), new SelectorHealer(), new IngressPathTypeHealer(),
                    new ContainerDefaultsHealer(), new UnknownFieldHealer(), new TemplateIndentHealer())
            .stream().sorted(Comparator.comparingInt(Healer::order)).toList();

    private Healers() {
    }

    /** Every built-in healer, sorted by {@link Healer#order()}. Instances are stateless and shared. */
    public static List<Healer> builtIns() {
        return List.copyOf(BUILT_INS);
    }

    /** Rule id → the built-in healer that fixes it. */
    public static Map<String, Healer> byRule() {
        Map<String, Healer> out = new LinkedHashMap<>();
        for (RuleHealer h : BUILT_INS) {
            for (String rule : h.ruleIds().stream().sorted().toList()) {
                out.put(rule, h);
            }
        }
        return Map.copyOf(out);
    }

    /** The built-in healer for a rule id, when there is one. */
    public static Optional<Healer> forRule(String ruleId) {
        return Optional.ofNullable(byRule().get(ruleId));
    }
}
