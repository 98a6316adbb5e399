package dev.k8sautopilot.spi;

import dev.k8sautopilot.model.ChartFiles;
import java.util.List;

/**
 * A healer's proposal: patched files and what was changed. The pipeline keeps it only when
 * re-validation shows fewer or less severe findings.
 *
 * @param files   the patched chart (the input unchanged when nothing applied)
 * @param applied one line per fix, e.g. {@code templates/ingress.yaml: migrated Ingress to networking.k8s.io/v1}
 */
public record HealResult(ChartFiles files, List<String> applied) {

    public HealResult {
        if (files == null) {
            throw new IllegalArgumentException("files is required");
        }
        applied = applied == null ? List.of() : List.copyOf(applied);
    }

    /** Nothing to do. */
    public static HealResult unchanged(ChartFiles files) {
        return new HealResult(files, List.of());
    }

    /** True when at least one fix applied. */
    public boolean changed() {
        return !applied.isEmpty();
    }
}
