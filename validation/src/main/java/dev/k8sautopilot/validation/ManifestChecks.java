package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The strict Kubernetes schema and custom-resource checks of the kubernetes layer, for manifests that are not
 * part of a chart, such as a generated Argo CD {@code Application}.
 *
 * <pre>{@code
 * List<Finding> findings = ManifestChecks.check("argocd/web-application.yaml", Files.readString(file));
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class ManifestChecks {

    private ManifestChecks() {
    }

    /**
     * Checks every document of a YAML stream as the kubernetes layer checks rendered objects.
     *
     * @param file the file name findings name
     * @param yaml one or more YAML documents
     * @return the findings; empty when every object is valid
     */
    @SuppressWarnings("unchecked")
    public static List<Finding> check(String file, String yaml) {
        List<Finding> out = new ArrayList<>();
        List<Object> documents;
        try {
            documents = Yaml.loadAll(yaml);
        } catch (RuntimeException e) {
            return List.of(Finding.of(Severity.ERROR, "rendered-yaml-invalid", KubernetesLayer.NAME, file, 0,
                    "the manifest is not valid YAML: " + Rendering.firstLine(e.getMessage()), "fix the YAML syntax"));
        }
        for (Object doc : documents) {
            if (doc instanceof Map<?, ?> m) {
                out.addAll(KubernetesLayer.check(new RenderedObject("", file, (Map<String, Object>) m), ""));
            } else if (doc != null) {
                out.add(Finding.of(Severity.ERROR, "rendered-yaml-invalid", KubernetesLayer.NAME, file, 0,
                        "a document is not a YAML mapping", "write one Kubernetes object per document"));
            }
        }
        return List.copyOf(out);
    }
}
