package dev.k8sautopilot.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Tier;
import dev.k8sautopilot.validation.ManifestChecks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArgoCdApplicationTest {

    private static final OciReference REGISTRY = OciReference.parse("oci://registry.example.com/charts");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(String yaml) {
        return (Map<String, Object>) ((Map<String, Object>) Yaml.load(yaml)).get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @Nested
    @DisplayName("sync policy follows the tier")
    class SyncPolicy {

        @Test
        void prodSyncsManually() {
            Map<String, Object> spec = spec(ArgoCdApplication.builder("web", "1.0.0").oci(REGISTRY).tier(Tier.PROD).build().applicationYaml());
            assertThat(map(spec, "syncPolicy")).doesNotContainKey("automated");
            assertThat(map(spec, "syncPolicy").get("syncOptions")).asList().contains("CreateNamespace=true");
        }

        @Test
        void devSyncsAutomaticallyWithPruneAndSelfHeal() {
            String yaml = ArgoCdApplication.builder("web", "1.0.0").oci(REGISTRY).tier(Tier.DEV).build().applicationYaml();
            assertThat(map(map(spec(yaml), "syncPolicy"), "automated")).containsEntry("prune", true).containsEntry("selfHeal", true);
            assertThat(yaml).contains("resources-finalizer.argocd.argoproj.io");
        }

        @Test
        void stagingSelfHealsButNeverPrunes() {
            String yaml = ArgoCdApplication.builder("web", "1.0.0").oci(REGISTRY).tier(Tier.STAGING).build().applicationYaml();
            assertThat(map(map(spec(yaml), "syncPolicy"), "automated")).containsEntry("prune", false).containsEntry("selfHeal", true);
            assertThat(yaml).doesNotContain("finalizer");
        }
    }

    @Test
    void ociSourceNamesTheRegistryTheChartAndItsVersion() {
        Map<String, Object> source = map(spec(ArgoCdApplication.builder("web", "1.2.0").oci(REGISTRY).build().applicationYaml()), "source");
        assertThat(source).containsEntry("repoURL", "registry.example.com/charts").containsEntry("chart", "web")
                .containsEntry("targetRevision", "1.2.0").doesNotContainKey("path");
    }

    @Test
    void gitSourceNamesTheRepositoryPathAndRevision() {
        Map<String, Object> source = map(spec(ArgoCdApplication.builder("web", "1.2.0")
                .git("https://github.com/acme/deploy.git", null, "main").build().applicationYaml()), "source");
        assertThat(source).containsEntry("repoURL", "https://github.com/acme/deploy.git").containsEntry("path", "charts/web")
                .containsEntry("targetRevision", "main").doesNotContainKey("chart");
    }

    @Test
    void ownProjectIsLimitedToTheSourceAndTheNamespace() {
        ArgoCdApplication app = ArgoCdApplication.builder("web", "1.0.0").oci(REGISTRY).destinationNamespace("shop").ownProject(true).build();
        assertThat(app.project()).isEqualTo("web");
        String project = app.projectYaml().orElseThrow();
        Map<String, Object> spec = spec(project);
        assertThat(spec.get("sourceRepos")).asList().containsExactly("registry.example.com/charts");
        assertThat(spec.get("destinations")).asList().hasSize(1);
        assertThat(project).contains("namespace: shop");
        assertThat(app.files()).containsOnlyKeys("web-application.yaml", "web-appproject.yaml");
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void everyGeneratedManifestPassesTheStructuralChecks(Tier tier) {
        for (ArgoCdApplication app : List.of(
                ArgoCdApplication.builder("web", "1.0.0").oci(REGISTRY).tier(tier).ownProject(true).build(),
                ArgoCdApplication.builder("web", "1.0.0").git("git@github.com:acme/deploy.git", "apps/web", "v1").tier(tier).build())) {
            for (Map.Entry<String, String> f : app.files().entrySet()) {
                assertThat(ManifestChecks.check(f.getKey(), f.getValue())).as(f.getValue()).isEmpty();
            }
        }
    }

    @Test
    void theChecksCatchABrokenApplication() {
        String broken = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web, namespace: argocd}
                spec:
                  source: {repoURL: registry.example.com/charts, chart: web, path: charts/web}
                  sources: [{repoURL: https://github.com/acme/x.git, path: a}]
                  destination: {namespace: web}
                  syncPolicy: {automated: true, syncOption: [x]}
                """;
        List<Finding> findings = ManifestChecks.check("app.yaml", broken);
        assertThat(findings).extracting(Finding::ruleId).containsOnly("argocd-structure");
        assertThat(findings).extracting(Finding::message).anyMatch(m -> m.contains("spec.project is required"))
                .anyMatch(m -> m.contains("exactly one of spec.source and spec.sources"))
                .anyMatch(m -> m.contains("both chart"))
                .anyMatch(m -> m.contains("exactly one of server and name"))
                .anyMatch(m -> m.contains("automated must be a map"))
                .anyMatch(m -> m.contains("unknown field 'spec.syncPolicy.syncOption'"));
    }

    @Test
    void badInputNamesTheFieldAndTheFix() {
        assertThatThrownBy(() -> ArgoCdApplication.builder("web", "1.0.0").build())
                .isInstanceOf(PublishException.class).hasMessageContaining("exactly one source").hasMessageContaining("--argocd-repo");
        assertThatThrownBy(() -> ArgoCdApplication.builder("web", "1.0.0").oci(REGISTRY).git("https://x/y.git", null, null).build())
                .hasMessageContaining("both given");
        assertThatThrownBy(() -> ArgoCdApplication.builder("web", "1.0.0").git("file:///etc", null, null).build())
                .hasMessageContaining("is not a repository URL");
        assertThatThrownBy(() -> ArgoCdApplication.builder("web", "1.0.0").git("https://x/y.git", "../../etc", null).build())
                .hasMessageContaining("must be relative");
        assertThatThrownBy(() -> ArgoCdApplication.builder("web", "1.0.0").oci(REGISTRY).destinationNamespace("Shop_1").build())
                .hasMessageContaining("destination namespace");
        assertThatThrownBy(() -> ArgoCdApplication.builder("web", "1.0.0").oci(REGISTRY).destinationServer("http://x").build())
                .hasMessageContaining("https://");
    }
}
