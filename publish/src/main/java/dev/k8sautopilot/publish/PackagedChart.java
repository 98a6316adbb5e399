package dev.k8sautopilot.publish;

import java.nio.file.Path;

/**
 * A chart packaged as Helm does ({@code helm package}).
 *
 * @param archive the {@code NAME-VERSION.tgz} file
 * @param name    chart name from Chart.yaml
 * @param version chart version from Chart.yaml
 * @param sha256  hex SHA-256 of the archive bytes, as the registry's layer digest will show it
 */
public record PackagedChart(Path archive, String name, String version, String sha256) {
}
