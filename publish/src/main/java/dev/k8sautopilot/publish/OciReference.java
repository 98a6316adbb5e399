package dev.k8sautopilot.publish;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An OCI repository that charts are pushed into, written {@code oci://HOST[:PORT]/PATH} like Helm's
 * {@code helm push} remote. Helm appends the chart name and uses the chart version as the tag, so the chart
 * {@code web 0.1.0} pushed to {@code oci://registry.example.com/charts} becomes
 * {@code registry.example.com/charts/web:0.1.0}.
 *
 * @param host       registry host with an optional port, e.g. {@code 127.0.0.1:5000}
 * @param repository repository path below the host, without leading or trailing slashes; may be empty
 */
public record OciReference(String host, String repository) {

    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:]+](:[0-9]{1,5})?$");
    private static final Pattern COMPONENT = Pattern.compile("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*$");

    /** Validates both parts. */
    public OciReference {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new PublishException("registry host '" + printable(host) + "' is not a host[:port]",
                    "write the target like oci://registry.example.com/charts");
        }
        repository = repository == null ? "" : repository;
        if (!repository.isEmpty()) {
            for (String part : repository.split("/", -1)) {
                if (!COMPONENT.matcher(part).matches()) {
                    throw new PublishException("repository path '" + printable(repository) + "' is not a valid OCI repository name",
                            "use lowercase letters, digits and separators '.', '_', '-' between '/'-separated parts");
                }
            }
        }
    }

    /**
     * Parses {@code oci://HOST[:PORT]/PATH}.
     *
     * @param uri the remote, as given to {@code helm push}
     * @return the reference
     * @throws PublishException when it is not an {@code oci://} reference
     */
    public static OciReference parse(String uri) {
        String s = uri == null ? "" : uri.strip();
        if (!s.toLowerCase(Locale.ROOT).startsWith("oci://")) {
            throw new PublishException("target '" + printable(s) + "' is not an OCI reference",
                    "write it like oci://registry.example.com/charts");
        }
        String rest = s.substring("oci://".length());
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int slash = rest.indexOf('/');
        return slash < 0 ? new OciReference(rest, "") : new OciReference(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /**
     * The remote as Helm writes it.
     *
     * @return {@code oci://host/repository}
     */
    public String uri() {
        return "oci://" + host + (repository.isEmpty() ? "" : "/" + repository);
    }

    /**
     * The repository of one chart below this remote.
     *
     * @param chartName the chart name
     * @return {@code repository/chartName} (no host)
     */
    public String chartRepository(String chartName) {
        return repository.isEmpty() ? chartName : repository + "/" + chartName;
    }

    /**
     * The full reference of a pushed chart version.
     *
     * @param chartName the chart name
     * @param version   the chart version (the tag)
     * @return {@code host/repository/name:version}
     */
    public String chartReference(String chartName, String version) {
        return host + "/" + chartRepository(chartName) + ":" + tag(version);
    }

    /** OCI tags cannot hold '+'; Helm writes SemVer build metadata with '_' instead. */
    static String tag(String version) {
        return version.replace('+', '_');
    }

    @Override
    public String toString() {
        return uri();
    }

    private static String printable(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
    }
}
