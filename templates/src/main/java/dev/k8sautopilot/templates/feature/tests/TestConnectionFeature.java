package dev.k8sautopilot.templates.feature.tests;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import java.util.Map;

/**
 * The {@code helm test} hook: a pod that connects to the Service (its busybox image is a values leaf), or,
 * for charts without a Service, a hook that only checks the workload object exists.
 */
public final class TestConnectionFeature implements Feature {

    @Override
    public String id() {
        return "test-connection";
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        if (spec.hasService()) {
            v.section("Test parameters");
            ChartValues.image(v, "tests.image", "docker.io", "library/busybox", "1.37.0", "", "IfNotPresent", "the helm test image");
        }
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return Map.of(spec.hasService() ? "test-connection.yaml" : "test-connection-none.yaml", "templates/tests/test-connection.yaml");
    }
}
