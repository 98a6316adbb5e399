package dev.k8sautopilot.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A container image reference split the Bitnami way: {@code registry/repository:tag@digest}.
 *
 * <pre>{@code
 * Image.parse("ghcr.io/acme/orders-api:2.4.1")   // registry ghcr.io, repository acme/orders-api, tag 2.4.1
 * Image.parse("nginx")                           // registry docker.io, repository library/nginx, no tag
 * }</pre>
 *
 * @param registry   registry host, default {@code docker.io}
 * @param repository repository path, never empty
 * @param tag        tag, empty when only a digest pins the image (or when nothing does yet: see {@link #pinned()})
 * @param digest     {@code sha256:…} digest or empty
 * @param pullPolicy pull policy, default {@link PullPolicy#IF_NOT_PRESENT}
 */
public record Image(String registry, String repository, String tag, String digest, PullPolicy pullPolicy) {

    private static final Pattern REPOSITORY = Pattern.compile("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$");
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");
    private static final Pattern DIGEST = Pattern.compile("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$");
    private static final Pattern REGISTRY = Pattern.compile("^[A-Za-z0-9.-]+(?::[0-9]+)?$");

    public Image {
        registry = Checks.orDefault(registry, "docker.io");
        repository = repository == null ? "" : repository.strip();
        tag = tag == null ? "" : tag.strip();
        digest = digest == null ? "" : digest.strip();
        pullPolicy = pullPolicy == null ? PullPolicy.IF_NOT_PRESENT : pullPolicy;
        if (repository.isEmpty()) {
            throw new SpecException("repository", "is required", "name the image, e.g. nginx or ghcr.io/acme/api");
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new SpecException("repository", "'" + Checks.printable(repository) + "' is not a valid image repository",
                    "use lowercase path segments such as acme/orders-api");
        }
        if (!REGISTRY.matcher(registry).matches()) {
            throw new SpecException("registry", "'" + Checks.printable(registry) + "' is not a valid registry host",
                    "use a host such as docker.io or ghcr.io");
        }
        if (!tag.isEmpty() && !TAG.matcher(tag).matches()) {
            throw new SpecException("tag", "'" + Checks.printable(tag) + "' is not a valid image tag",
                    "use letters, digits, '.', '_' and '-', e.g. 1.27.3");
        }
        if (!digest.isEmpty() && !DIGEST.matcher(digest).matches()) {
            throw new SpecException("digest", "'" + Checks.printable(digest) + "' is not a valid digest",
                    "use the form sha256:<64 hex characters>");
        }
    }

    /** An image with the given repository and tag on Docker Hub. */
    public static Image of(String repository, String tag) {
        return new Image(null, repository, tag, null, null);
    }

    /**
     * Parses a reference such as {@code nginx}, {@code nginx:1.27}, {@code ghcr.io/acme/api:2.4.1},
     * {@code localhost:5000/app@sha256:…}. Docker Hub official images get the {@code library/} prefix.
     *
     * @throws SpecException when the reference is malformed
     */
    public static Image parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new SpecException("image", "is empty", "give an image reference such as nginx:1.27.3");
        }
        String ref = reference.strip();
        String digest = "";
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = ref.substring(at + 1);
            ref = ref.substring(0, at);
        }
        String tag = "";
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon > slash) {
            tag = ref.substring(colon + 1);
            ref = ref.substring(0, colon);
        }
        String registry = "docker.io";
        int first = ref.indexOf('/');
        if (first > 0) {
            String head = ref.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                registry = head;
                ref = ref.substring(first + 1);
            }
        }
        if (registry.equals("docker.io") && !ref.contains("/")) {
            ref = "library/" + ref;
        }
        try {
            return new Image(registry.toLowerCase(Locale.ROOT), ref, tag, digest, null);
        } catch (SpecException e) {
            throw e.under("image");
        }
    }

    /** True when a tag other than {@code latest}, or a digest, pins the image. */
    public boolean pinned() {
        return !digest.isEmpty() || (!tag.isEmpty() && !tag.equals("latest"));
    }

    /** The full reference, e.g. {@code docker.io/library/nginx:1.27.3}. */
    public String reference() {
        StringBuilder sb = new StringBuilder(registry).append('/').append(repository);
        if (!tag.isEmpty()) {
            sb.append(':').append(tag);
        }
        if (!digest.isEmpty()) {
            sb.append('@').append(digest);
        }
        return sb.toString();
    }

    /** Repository without the Docker Hub {@code library/} prefix: the name people use. */
    public String shortName() {
        String r = repository.startsWith("library/") ? repository.substring("library/".length()) : repository;
        return r.substring(r.lastIndexOf('/') + 1);
    }

    /** Returns a copy with another tag. */
    public Image withTag(String newTag) {
        return new Image(registry, repository, newTag, digest, pullPolicy);
    }
}
