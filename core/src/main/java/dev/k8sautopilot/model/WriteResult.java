package dev.k8sautopilot.model;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ChartFiles#writeTo} did.
 *
 * @param chartDirectory the chart directory written
 * @param written        chart-relative paths written with generated content
 * @param keptUserEdits  paths the user changed since the last generation, kept as they were
 * @param removed        previously generated paths no longer produced, removed
 */
public record WriteResult(Path chartDirectory, List<String> written, List<String> keptUserEdits, List<String> removed) {

    public WriteResult {
        written = Checks.list(written);
        keptUserEdits = Checks.list(keptUserEdits);
        removed = Checks.list(removed);
    }
}
