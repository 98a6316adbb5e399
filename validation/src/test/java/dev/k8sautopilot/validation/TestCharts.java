package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.ChartFiles;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** Test charts kept under src/test/resources/charts. */
public final class TestCharts {

    private TestCharts() {
    }

    /** The hardened Bitnami-style base chart every broken chart of the corpus is derived from. */
    public static ChartFiles webapp() {
        return read("webapp");
    }

    /** A chart from the test resources by directory name. */
    public static ChartFiles read(String name) {
        try {
            Path dir = Path.of(Objects.requireNonNull(TestCharts.class.getResource("/charts/" + name), name).toURI());
            return ChartFiles.read(dir);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the first occurrence of {@code from} in a file; fails when it is not there (the fault must apply). */
    public static ChartFiles replace(ChartFiles files, String path, String from, String to) {
        String text = files.get(path).orElseThrow(() -> new IllegalArgumentException(path + " missing"));
        if (!text.contains(from)) {
            throw new IllegalArgumentException(path + " does not contain: " + from);
        }
        return files.with(path, text.replace(from, to));
    }
}
