package dev.k8sautopilot.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.PushCommand;
import com.marcnuri.helm.RegistryCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packages charts and pushes them to OCI registries with Helm itself (helm-java, in-process), then reads
 * them back over the OCI distribution API to prove the registry holds exactly the pushed bytes.
 *
 * <pre>{@code
 * ChartPublisher publisher = ChartPublisher.builder()
 *     .credentials(RegistryCredentials.of("ci", token))   // optional: anonymous when absent
 *     .plainHttp(true)                                    // a registry without TLS, e.g. on 127.0.0.1
 *     .build();
 * PushResult r = publisher.push(Path.of("charts/web"), OciReference.parse("oci://127.0.0.1:5000/charts"));
 * assert r.verified();
 * }</pre>
 *
 * <p>Credentials: Helm keeps registry logins in its registry config file ({@code $HELM_REGISTRY_CONFIG}, or
 * {@code helm/registry/config.json} under {@code $HELM_CONFIG_HOME}, {@code $XDG_CONFIG_HOME} or
 * {@code ~/.config}). When credentials are given, the publisher logs in for the push and logs out again
 * afterwards unless that host already had a login before, so a user's own {@code helm registry login} is
 * kept. Passwords are never logged. Instances are immutable and thread-safe; logins are serialized because
 * Helm's registry config is one file.
 */
public final class ChartPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ChartPublisher.class);
    private static final Object REGISTRY_CONFIG_LOCK = new Object();
    private static final Pattern PUSHED = Pattern.compile("(?m)^Pushed:\\s*(\\S+)\\s*$");
    private static final Pattern DIGEST = Pattern.compile("(?m)^Digest:\\s*(sha256:[0-9a-f]{64})\\s*$");
    private static final Pattern TGZ = Pattern.compile("^(.+)-(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)\\.tgz$");

    private final Optional<RegistryCredentials> credentials;
    private final boolean plainHttp;
    private final boolean insecureSkipTlsVerify;
    private final Optional<Path> caFile;
    private final Duration timeout;
    private final boolean verify;

    private ChartPublisher(Builder b) {
        this.credentials = Optional.ofNullable(b.credentials);
        this.plainHttp = b.plainHttp;
        this.insecureSkipTlsVerify = b.insecureSkipTlsVerify;
        this.caFile = Optional.ofNullable(b.caFile);
        this.timeout = b.timeout;
        this.verify = b.verify;
    }

    /**
     * A builder with the defaults: anonymous, TLS verified, 60 s network timeout, pushes verified by pulling back.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with this publisher's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.credentials = credentials.orElse(null);
        b.plainHttp = plainHttp;
        b.insecureSkipTlsVerify = insecureSkipTlsVerify;
        b.caFile = caFile.orElse(null);
        b.timeout = timeout;
        b.verify = verify;
        return b;
    }

    /**
     * Packages a chart directory as {@code helm package} does.
     *
     * @param chartDirectory the chart (with Chart.yaml)
     * @param destination    directory the {@code NAME-VERSION.tgz} is written into (created when missing)
     * @return the archive with its name, version and SHA-256
     * @throws PublishException when the directory is no chart or Helm refuses it
     */
    public PackagedChart pack(Path chartDirectory, Path destination) {
        Objects.requireNonNull(chartDirectory, "chartDirectory");
        Objects.requireNonNull(destination, "destination");
        if (!Files.isRegularFile(chartDirectory.resolve("Chart.yaml"))) {
            throw new PublishException(chartDirectory + " is not a chart directory (no Chart.yaml)", "give the directory that holds Chart.yaml");
        }
        Path tmp = null;
        try {
            Files.createDirectories(destination);
            // Package into an empty directory so the archive Helm wrote is the only file there.
            tmp = Files.createTempDirectory("k8s-autopilot-package-");
            new Helm(chartDirectory.toAbsolutePath()).packageIt().withDestination(tmp.toAbsolutePath()).call();
            Path written;
            try (Stream<Path> files = Files.list(tmp)) {
                written = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new PublishException("helm package wrote no archive for " + chartDirectory, "check the chart"));
            }
            Path archive = Files.move(written, destination.resolve(written.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            return describe(archive);
        } catch (IOException e) {
            throw new PublishException("cannot package " + chartDirectory + ": " + e.getMessage(), "check that the destination is writable", e);
        } catch (IllegalStateException e) {
            throw new PublishException("helm package refused " + chartDirectory + ": " + oneLine(e.getMessage()),
                    "run `k8s-autopilot validate " + chartDirectory + "` and fix what it reports");
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Pushes a chart to an OCI registry: a directory is packaged first (into a temporary directory), a
     * {@code .tgz} is pushed as it is. When verification is on (the default) the chart is pulled back and its
     * manifest digest and bytes compared with what was pushed.
     *
     * @param chart  a chart directory or a packaged {@code .tgz}
     * @param target the remote, e.g. {@code oci://registry.example.com/charts}
     * @return the pushed reference and digest, and the pulled-back chart when verified
     * @throws PublishException when packaging, the login, the push or the verification fails
     */
    public PushResult push(Path chart, OciReference target) {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(target, "target");
        if (Files.isDirectory(chart)) {
            Path tmp = null;
            try {
                tmp = Files.createTempDirectory("k8s-autopilot-push-");
                return pushArchive(pack(chart, tmp), target);
            } catch (IOException e) {
                throw new PublishException("cannot create a temporary directory: " + e.getMessage(), "check the temp directory", e);
            } finally {
                deleteQuietly(tmp);
            }
        }
        if (!Files.isRegularFile(chart) || !chart.getFileName().toString().endsWith(".tgz")) {
            throw new PublishException(chart + " is neither a chart directory nor a packaged chart (.tgz)", "give a chart directory or NAME-VERSION.tgz");
        }
        return pushArchive(describe(chart), target);
    }

    /**
     * Reads a chart version back from an OCI registry.
     *
     * @param remote    the remote it was pushed to, e.g. {@code oci://registry.example.com/charts}
     * @param chartName the chart name
     * @param version   the chart version
     * @return the chart bytes with the manifest and layer digests, both checked
     * @throws PublishException when the registry cannot be read or the content does not match its digest
     */
    public PulledChart pull(OciReference remote, String chartName, String version) {
        return client().pull(remote, chartName, version);
    }

    private OciRegistryClient client() {
        return new OciRegistryClient(credentials, plainHttp, insecureSkipTlsVerify, caFile, timeout);
    }

    private PushResult pushArchive(PackagedChart archive, OciReference target) {
        String output;
        synchronized (REGISTRY_CONFIG_LOCK) {
            boolean loggedIn = false;
            boolean hadLogin = hasLogin(target.host());
            try {
                if (credentials.isPresent()) {
                    login(target.host(), credentials.get());
                    loggedIn = true;
                }
                PushCommand push = Helm.push().withChart(archive.archive().toAbsolutePath()).withRemote(URI.create(target.uri()));
                if (plainHttp) {
                    push.plainHttp();
                }
                if (insecureSkipTlsVerify) {
                    push.insecureSkipTlsVerify();
                }
                caFile.ifPresent(f -> push.withCaFile(f.toAbsolutePath()));
                output = push.call();
            } catch (IllegalStateException e) {
                throw new PublishException("pushing " + archive.archive().getFileName() + " to " + target + " failed: " + oneLine(e.getMessage()),
                        pushHint(e.getMessage()));
            } finally {
                if (loggedIn && !hadLogin) {
                    logout(target.host());
                }
            }
        }
        Matcher pushed = PUSHED.matcher(output);
        Matcher digest = DIGEST.matcher(output);
        if (!pushed.find() || !digest.find()) {
            throw new PublishException("Helm pushed " + archive.archive().getFileName() + " but reported no reference and digest: "
                    + oneLine(output), "check the registry");
        }
        LOG.info("pushed {} ({})", pushed.group(1), digest.group(1));
        Optional<PulledChart> pulled = Optional.empty();
        if (verify) {
            pulled = Optional.of(pull(target, archive.name(), archive.version()));
        }
        PushResult result = new PushResult(pushed.group(1), digest.group(1), archive, pulled);
        if (verify && !result.verified()) {
            throw new PublishException("the registry holds " + pulled.get().manifestDigest() + " for " + result.reference()
                    + " but " + result.digest() + " was pushed", "another push of the same version may have raced this one; push again");
        }
        return result;
    }

    private void login(String host, RegistryCredentials c) {
        RegistryCommand.LoginCommand login = Helm.registry().login().withHost(host).withUsername(c.username()).withPassword(c.password());
        if (plainHttp) {
            login.plainHttp();
        }
        if (insecureSkipTlsVerify) {
            login.insecureSkipTlsVerify();
        }
        caFile.ifPresent(f -> login.withCaFile(f.toAbsolutePath()));
        try {
            login.call();
        } catch (IllegalStateException e) {
            throw new PublishException("login to " + host + " as " + c.username() + " failed: " + oneLine(e.getMessage()),
                    "check the user name and password");
        }
    }

    private void logout(String host) {
        RegistryCommand.LogoutCommand logout = Helm.registry().logout().withHost(host);
        if (plainHttp) {
            logout.plainHttp();
        }
        try {
            logout.call();
        } catch (IllegalStateException e) {
            LOG.warn("could not remove the temporary registry login for {}: {}", host, oneLine(e.getMessage()));
        }
    }

    /** True when Helm's registry config already holds a login for the host. */
    static boolean hasLogin(String host) {
        Path config = registryConfig();
        if (!Files.isRegularFile(config)) {
            return false;
        }
        try {
            JsonNode auths = new ObjectMapper().readTree(config.toFile()).path("auths");
            return auths.has(host);
        } catch (IOException e) {
            return false;
        }
    }

    /** Helm's registry config file, resolved the way Helm resolves it. */
    static Path registryConfig() {
        Map<String, String> env = System.getenv();
        String explicit = env.getOrDefault("HELM_REGISTRY_CONFIG", "");
        if (!explicit.isBlank()) {
            return Path.of(explicit);
        }
        String helmHome = env.getOrDefault("HELM_CONFIG_HOME", "");
        if (!helmHome.isBlank()) {
            return Path.of(helmHome, "registry", "config.json");
        }
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
        Path base = xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg);
        return base.resolve("helm").resolve("registry").resolve("config.json");
    }

    private static PackagedChart describe(Path archive) {
        Matcher m = TGZ.matcher(archive.getFileName().toString());
        if (!m.matches()) {
            throw new PublishException(archive.getFileName() + " is not named NAME-VERSION.tgz", "package the chart with helm package or k8s-autopilot push DIR");
        }
        return new PackagedChart(archive, m.group(1), m.group(2), OciRegistryClient.sha256(archive));
    }

    private static String pushHint(String message) {
        String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("http response to https client") || m.contains("server gave http response")) {
            return "the registry speaks plain HTTP: add --plain-http";
        }
        if (m.contains("unauthorized") || m.contains("credential") || m.contains("401")) {
            return "give registry credentials (--username, --password-stdin)";
        }
        if (m.contains("connection refused") || m.contains("no such host")) {
            return "check the registry host and port";
        }
        if (m.contains("certificate")) {
            return "give the registry's CA with --ca-file, or --insecure-skip-tls-verify for a test registry";
        }
        return "check the registry address and your access to it";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}: {}", dir, e.getMessage());
        }
    }

    /** Builds a {@link ChartPublisher}. Not thread-safe; the built publisher is. */
    public static final class Builder {
        private RegistryCredentials credentials;
        private boolean plainHttp;
        private boolean insecureSkipTlsVerify;
        private Path caFile;
        private Duration timeout = Duration.ofSeconds(60);
        private boolean verify = true;

        private Builder() {
        }

        /**
         * Logs in with these credentials for pushes and pulls; null for anonymous access.
         *
         * @param credentials the login, may be null
         * @return this builder
         */
        public Builder credentials(RegistryCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * Talks plain HTTP to the registry (a registry without TLS, e.g. on 127.0.0.1).
         *
         * @param plainHttp whether to use http://
         * @return this builder
         */
        public Builder plainHttp(boolean plainHttp) {
            this.plainHttp = plainHttp;
            return this;
        }

        /**
         * Skips TLS certificate verification (test registries only).
         *
         * @param insecure whether to skip verification
         * @return this builder
         */
        public Builder insecureSkipTlsVerify(boolean insecure) {
            this.insecureSkipTlsVerify = insecure;
            return this;
        }

        /**
         * Verifies the registry's certificate with this PEM CA bundle; null for the JVM's trust store.
         *
         * @param caFile a PEM file, may be null
         * @return this builder
         */
        public Builder caFile(Path caFile) {
            this.caFile = caFile;
            return this;
        }

        /**
         * Network timeout of each registry request made by the verification pull.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new PublishException("timeout must be positive", "give a duration such as 60s");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Pulls every pushed chart back and compares digests and bytes (on by default).
         *
         * @param verify whether to verify pushes
         * @return this builder
         */
        public Builder verify(boolean verify) {
            this.verify = verify;
            return this;
        }

        /**
         * The publisher.
         *
         * @return an immutable publisher
         */
        public ChartPublisher build() {
            if (caFile != null && !Files.isRegularFile(caFile)) {
                throw new PublishException("CA file " + caFile + " does not exist", "give a PEM file with the registry's CA certificate");
            }
            return new ChartPublisher(this);
        }
    }
}
