package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("deprecation layer")
class DeprecationLayerTest {

    static Optional<Finding> check(String apiVersion, String kind, int minor) {
        return DeprecationLayer.check(KubernetesLayerTest.obj("apiVersion: " + apiVersion + "\nkind: " + kind
                + "\nmetadata: {name: x}\n"), minor, "");
    }

    @Test
    @DisplayName("the severity follows the target Kubernetes version")
    void target() {
        assertThat(check("autoscaling/v2beta2", "HorizontalPodAutoscaler", 22)).isEmpty();
        assertThat(check("autoscaling/v2beta2", "HorizontalPodAutoscaler", 25)).map(Finding::severity).contains(Severity.WARNING);
        assertThat(check("autoscaling/v2beta2", "HorizontalPodAutoscaler", 26)).map(Finding::ruleId).contains("api-removed");
        assertThat(check("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", 31)).map(Finding::ruleId).contains("api-deprecated");
        assertThat(check("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", 32)).map(Finding::ruleId).contains("api-removed");
    }

    @Test
    @DisplayName("hints name the replacement and its field changes; current APIs pass")
    void hints() {
        assertThat(check("extensions/v1beta1", "Ingress", 31)).map(Finding::hint).hasValueSatisfying(h ->
                assertThat(h).contains("networking.k8s.io/v1").contains("pathType"));
        assertThat(check("policy/v1beta1", "PodSecurityPolicy", 31)).map(Finding::hint).hasValueSatisfying(h ->
                assertThat(h).contains("no replacement"));
        assertThat(check("extensions/v1beta1", "Deployment", 31)).map(Finding::hint).hasValueSatisfying(h ->
                assertThat(h).contains("apps/v1"));
        assertThat(check("apps/v1", "Deployment", 31)).isEmpty();
        assertThat(check("traefik.containo.us/v1alpha1", "IngressRoute", 31)).map(Finding::ruleId).contains("api-traefik-legacy");
    }

    @Test
    @DisplayName("the table covers every group of docs/quality.md §4")
    void table() {
        assertThat(RemovedApi.table()).extracting(RemovedApi::apiVersion).contains("extensions/v1beta1", "apps/v1beta1",
                "apps/v1beta2", "networking.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1beta1", "batch/v1beta1",
                "policy/v1beta1", "autoscaling/v2beta1", "autoscaling/v2beta2", "admissionregistration.k8s.io/v1beta1",
                "apiextensions.k8s.io/v1beta1", "apiregistration.k8s.io/v1beta1", "scheduling.k8s.io/v1beta1",
                "storage.k8s.io/v1beta1", "coordination.k8s.io/v1beta1", "certificates.k8s.io/v1beta1",
                "discovery.k8s.io/v1beta1", "events.k8s.io/v1beta1", "node.k8s.io/v1beta1",
                "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2", "flowcontrol.apiserver.k8s.io/v1beta3");
        assertThat(RemovedApi.find("storage.k8s.io/v1beta1", "CSIStorageCapacity")).map(RemovedApi::removedIn).contains(27);
        assertThat(RemovedApi.find("storage.k8s.io/v1beta1", "StorageClass")).map(RemovedApi::removedIn).contains(22);
    }

    @Test
    @DisplayName("a chart with a v2beta2 HPA passes for Kubernetes 1.24 and fails for 1.31")
    void endToEnd() {
        var chart = TestCharts.replace(TestCharts.replace(TestCharts.webapp(), "templates/hpa.yaml", "apiVersion: autoscaling/v2",
                "apiVersion: autoscaling/v2beta2"), "Chart.yaml", "kubeVersion: \">=1.25.0-0\"", "kubeVersion: \">=1.23.0-0\"");
        ValidationReport old = new DefaultValidator().validate(chart, ValidationOptions.defaults().withKubeVersion("1.24"));
        ValidationReport now = new DefaultValidator().validate(chart, ValidationOptions.defaults());
        assertThat(old.byRule("api-removed")).isEmpty();
        assertThat(old.byRule("api-deprecated")).isNotEmpty();
        assertThat(now.byRule("api-removed")).hasSize(1);
        assertThat(now.byRule("api-removed").get(0).message()).contains("[with ci/full-values.yaml]");
    }
}
