package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.internal.EditDistance;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code k8s-schema} "unknown field": renames a misspelt field to the closest field of the Kubernetes
 * model at that path ({@code contianerPort} → {@code containerPort}), using the official client's model
 * of the object that holds it. Only when the fix is unambiguous: one field at the smallest edit distance
 * (insertions, deletions, substitutions and swaps of neighbours), at most 2 and at most a third of the
 * name's length. The key is renamed in the template the finding names, or, when the template does not
 * spell it (a block rendered from values), in {@code values.yaml}; values and every other key stay as they are.
 */
public final class UnknownFieldHealer extends RuleHealer {

    private static final Pattern UNKNOWN = Pattern.compile("unknown field '([^']+)' \\(not a property of (\\w+)\\)");
    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    /** Creates the healer. */
    public UnknownFieldHealer() {
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of("k8s-schema");
    }

    @Override
    public int order() {
        return 25;
    }

    @Override
    protected HealResult fix(ChartFiles files, List<Finding> findings, HealContext context) {
        ChartFiles out = files;
        List<String> applied = new ArrayList<>();
        for (Finding f : findings) {
            Matcher m = UNKNOWN.matcher(f.message());
            if (!m.find()) {
                continue;
            }
            String path = m.group(1);
            String field = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
            Optional<String> closest = closest(field, fields(m.group(2)));
            if (closest.isEmpty()) {
                continue;
            }
            for (String file : List.of(f.file(), "values.yaml")) {
                String text = out.get(file).orElse(null);
                if (text == null || file.isEmpty()) {
                    continue;
                }
                String fixed = renameKey(text, field, closest.get());
                if (!fixed.equals(text)) {
                    out = out.with(file, fixed);
                    applied.add(file + ": renamed the unknown field " + field + " to " + closest.get() + " (" + m.group(2) + ")");
                    break;
                }
            }
        }
        return applied.isEmpty() ? HealResult.unchanged(files) : new HealResult(out, applied);
    }

    /** Field names of a Kubernetes client model, e.g. V1ContainerPort; empty when unknown. */
    @SuppressWarnings("unchecked")
    static Set<String> fields(String model) {
        try {
            Class<?> type = Class.forName(MODELS + model);
            Object names = type.getField("openapiFields").get(null);
            return names instanceof Set<?> s ? Set.copyOf((Set<String>) s) : Set.of();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return Set.of();
        }
    }

    /** The single closest known name, when unambiguous and close enough. */
    static Optional<String> closest(String name, Set<String> known) {
        int best = Integer.MAX_VALUE;
        List<String> at = new ArrayList<>();
        for (String k : known) {
            int d = distance(name, k);
            if (d < best) {
                best = d;
                at.clear();
                at.add(k);
            } else if (d == best) {
                at.add(k);
            }
        }
        boolean close = best > 0 && best <= 2 && best * 3 <= name.length();
        return close && at.size() == 1 ? Optional.of(at.get(0)) : Optional.empty();
    }

    static int distance(String a, String b) {
        return EditDistance.osa(a, b);
    }

    /** Renames {@code from:} keys (plain or list-item) to {@code to:}; values and other text stay. */
    static String renameKey(String text, String from, String to) {
        Pattern key = Pattern.compile("(?m)^(\\s*(?:-\\s+)?)" + Pattern.quote(from) + "(\\s*:)");
        return key.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + to + r.group(2)));
    }
}
