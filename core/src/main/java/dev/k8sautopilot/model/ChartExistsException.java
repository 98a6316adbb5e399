package dev.k8sautopilot.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The chart directory exists already and the {@link WriteMode} is {@link WriteMode#FAIL_IF_EXISTS}. Nothing was
 * changed on disk. The pipeline detects this right after planning (once the chart name is known), before it
 * generates or validates anything, and reports it as {@link dev.k8sautopilot.RunResult.Failed} with
 * {@link dev.k8sautopilot.RunResult.Failed.Kind#CHART_EXISTS}.
 */
public class ChartExistsException extends ChartWriteException {

    private final transient Path target;

    /**
     * @param target the existing chart directory
     */
    public ChartExistsException(Path target) {
        super("chart directory " + Objects.requireNonNull(target, "target") + " exists already",
                "choose another output directory, or replace it (WriteMode.OVERWRITE) or update it in place (WriteMode.UPDATE)");
        this.target = target;
    }

    /** The existing chart directory. */
    public Path target() {
        return target;
    }
}
