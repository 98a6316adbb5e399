package dev.k8sautopilot.publish;

/**
 * A chart version read back from an OCI registry.
 *
 * @param reference      {@code host/repository/name:version}
 * @param manifestDigest digest of the manifest, {@code sha256:...}
 * @param contentDigest  digest of the chart layer, {@code sha256:...}
 * @param content        the chart archive bytes (verified against {@code contentDigest})
 */
public record PulledChart(String reference, String manifestDigest, String contentDigest, byte[] content) {

    /** Copies the bytes. */
    public PulledChart {
        content = content.clone();
    }

    /**
     * The archive bytes.
     *
     * @return a copy of the chart archive
     */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /**
     * Hex SHA-256 of the content.
     *
     * @return the digest without its {@code sha256:} prefix
     */
    public String contentSha256() {
        return contentDigest.startsWith("sha256:") ? contentDigest.substring("sha256:".length()) : contentDigest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PulledChart p && p.reference.equals(reference) && p.manifestDigest.equals(manifestDigest)
                && p.contentDigest.equals(contentDigest) && java.util.Arrays.equals(p.content, content);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(reference, manifestDigest, contentDigest, java.util.Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "PulledChart[" + reference + "@" + manifestDigest + ", " + content.length + " bytes]";
    }
}
