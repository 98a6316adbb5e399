package dev.k8sautopilot.publish;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.templates.DefaultTemplateCoordinator;
import java.nio.file.Path;
import java.util.List;

/** Generated charts for publishing tests. */
final class TestCharts {

    private TestCharts() {
    }

    /** Writes the chart {@code name 0.1.0} for nginx into {@code dir/name}. */
    static Path write(Path dir, String name) {
        ChartSpec spec = ChartSpec.builder().name(name).image(Image.parse("nginx:1.27.3"))
                .ports(List.of(Port.of("http", 8080))).build();
        new DefaultTemplateCoordinator().generate(ChartPlan.of(spec)).writeTo(dir, WriteMode.FAIL_IF_EXISTS);
        return dir.resolve(name);
    }
}
