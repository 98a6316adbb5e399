package dev.k8sautopilot.publish;

import java.util.Optional;

/**
 * A chart pushed to an OCI registry.
 *
 * @param reference the pushed reference, {@code host/repository/name:version}
 * @param digest    the manifest digest the registry stored, {@code sha256:...}
 * @param chart     the archive that was pushed
 * @param pulled    the chart as pulled back from the registry when verification was asked for
 */
public record PushResult(String reference, String digest, PackagedChart chart, Optional<PulledChart> pulled) {

    /** {@code pulled} may be null (read as empty). */
    public PushResult {
        pulled = pulled == null ? Optional.empty() : pulled;
    }

    /**
     * True when the chart was pulled back and its manifest digest and content equal what was pushed.
     *
     * @return whether the registry provably holds the pushed bytes
     */
    public boolean verified() {
        return pulled.map(p -> p.manifestDigest().equals(digest) && p.contentSha256().equals(chart.sha256())).orElse(false);
    }
}
