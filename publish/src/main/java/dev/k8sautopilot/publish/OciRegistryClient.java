package dev.k8sautopilot.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Reads charts from an OCI registry over the distribution API (v2): the manifest of {@code name:version},
 * then the Helm chart layer, with both digests checked. Anonymous, Basic and Bearer-token registries are
 * supported (the token flow of Docker Hub, GHCR, Harbor and {@code registry:2}). Package-private: reached
 * through {@link ChartPublisher#pull}.
 */
final class OciRegistryClient {

    static final String HELM_CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;
    private static final long MAX_CHART_BYTES = 256L * 1024 * 1024;
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<RegistryCredentials> credentials;
    private final boolean plainHttp;
    private final Duration timeout;
    private final HttpClient http;

    OciRegistryClient(Optional<RegistryCredentials> credentials, boolean plainHttp, boolean insecureSkipTlsVerify,
                      Optional<Path> caFile, Duration timeout) {
        this.credentials = credentials;
        this.plainHttp = plainHttp;
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
        if (!plainHttp && (insecureSkipTlsVerify || caFile.isPresent())) {
            b.sslContext(sslContext(insecureSkipTlsVerify, caFile));
        }
        this.http = b.build();
    }

    PulledChart pull(OciReference remote, String chartName, String version) {
        String repository = remote.chartRepository(chartName);
        String tag = OciReference.tag(version);
        String reference = remote.chartReference(chartName, version);
        URI base = URI.create((plainHttp ? "http" : "https") + "://" + remote.host());
        Session session = new Session();
        HttpResponse<byte[]> manifest = get(session, base.resolve("/v2/" + repository + "/manifests/" + tag), OCI_MANIFEST,
                MAX_MANIFEST_BYTES, reference);
        String manifestDigest = "sha256:" + sha256(manifest.body());
        Optional<String> announced = manifest.headers().firstValue("Docker-Content-Digest");
        if (announced.isPresent() && !announced.get().equals(manifestDigest)) {
            throw new PublishException("the registry announced manifest digest " + announced.get() + " for " + reference
                    + " but sent content with digest " + manifestDigest, "check the registry or a proxy in between");
        }
        JsonNode layers;
        try {
            layers = JSON.readTree(manifest.body()).path("layers");
        } catch (IOException e) {
            throw new PublishException("the manifest of " + reference + " is not JSON", "check that the reference is a Helm chart", e);
        }
        String layerDigest = "";
        for (JsonNode layer : layers) {
            if (HELM_CHART_LAYER.equals(layer.path("mediaType").asText())) {
                layerDigest = layer.path("digest").asText();
            }
        }
        if (!layerDigest.startsWith("sha256:")) {
            throw new PublishException(reference + " has no Helm chart layer (" + HELM_CHART_LAYER + ")",
                    "check that the reference is a chart pushed by Helm, not a container image");
        }
        HttpResponse<byte[]> blob = get(session, base.resolve("/v2/" + repository + "/blobs/" + layerDigest), "*/*",
                MAX_CHART_BYTES, reference);
        String contentDigest = "sha256:" + sha256(blob.body());
        if (!contentDigest.equals(layerDigest)) {
            throw new PublishException("the chart layer of " + reference + " has digest " + contentDigest + ", the manifest says "
                    + layerDigest, "the registry holds corrupted content; push the chart again");
        }
        return new PulledChart(reference, manifestDigest, contentDigest, blob.body());
    }

    /** Authorization learnt from the first challenge, reused for the blob. */
    private static final class Session {
        Optional<String> authorization = Optional.empty();
    }

    private HttpResponse<byte[]> get(Session session, URI uri, String accept, long maxBytes, String reference) {
        HttpResponse<byte[]> r = send(uri, accept, session.authorization, maxBytes);
        if (r.statusCode() == 401 && session.authorization.isEmpty()) {
            session.authorization = Optional.of(authorize(r.headers().firstValue("WWW-Authenticate").orElse(""), reference));
            r = send(uri, accept, session.authorization, maxBytes);
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new PublishException("the registry refused access to " + reference + " (HTTP " + r.statusCode() + ")",
                    credentials.isPresent() ? "check the user name and password" : "give registry credentials (--username, --password-stdin)");
        }
        if (r.statusCode() == 404) {
            throw new PublishException(reference + " is not in the registry", "check the repository, the chart name and the version");
        }
        if (r.statusCode() / 100 != 2) {
            throw new PublishException("the registry answered HTTP " + r.statusCode() + " for " + reference, "check the registry's logs");
        }
        return r;
    }

    private String authorize(String challenge, String reference) {
        String scheme = challenge.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (scheme.equals("basic")) {
            RegistryCredentials c = credentials.orElseThrow(() -> new PublishException("the registry asks for a login to read " + reference,
                    "give registry credentials (--username, --password-stdin)"));
            return basic(c);
        }
        if (!scheme.equals("bearer")) {
            throw new PublishException("the registry asks for an unsupported authentication scheme '" + scheme + "'",
                    "use a registry with Basic or Bearer token authentication");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        String realm = params.getOrDefault("realm", "");
        if (realm.isEmpty()) {
            throw new PublishException("the registry's token challenge names no realm", "check the registry's auth configuration");
        }
        StringBuilder query = new StringBuilder();
        for (String key : new String[] {"service", "scope"}) {
            if (params.containsKey(key)) {
                query.append(query.length() == 0 ? '?' : '&').append(key).append('=')
                        .append(URLEncoder.encode(params.get(key), StandardCharsets.UTF_8));
            }
        }
        HttpResponse<byte[]> r = send(URI.create(realm + query), "application/json", credentials.map(OciRegistryClient::basic), MAX_MANIFEST_BYTES);
        if (r.statusCode() / 100 != 2) {
            throw new PublishException("the registry's token service refused a token for " + reference + " (HTTP " + r.statusCode() + ")",
                    "check the user name and password");
        }
        try {
            JsonNode token = JSON.readTree(r.body());
            String value = token.path("token").asText(token.path("access_token").asText(""));
            if (value.isEmpty()) {
                throw new PublishException("the registry's token service sent no token", "check the registry's auth configuration");
            }
            return "Bearer " + value;
        } catch (IOException e) {
            throw new PublishException("the registry's token service sent no JSON", "check the registry's auth configuration", e);
        }
    }

    private static String basic(RegistryCredentials c) {
        return "Basic " + Base64.getEncoder().encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> send(URI uri, String accept, Optional<String> authorization, long maxBytes) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET();
        authorization.ifPresent(a -> b.header("Authorization", a));
        try {
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (body.length > maxBytes) {
                    throw new PublishException(uri.getPath() + " is larger than " + maxBytes + " bytes", "check the reference");
                }
                return new BytesResponse(r, body);
            }
        } catch (IOException e) {
            throw new PublishException("cannot reach the registry at " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + ": " + e.getMessage(), plainHttp ? "check the host and port" : "check the host and port, or use --plain-http for a registry without TLS", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while reading from the registry", "", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new PublishException("cannot read " + file + ": " + e.getMessage(), "check the file", e);
        }
    }

    private static SSLContext sslContext(boolean insecure, Optional<Path> caFile) {
        try {
            TrustManager[] managers;
            if (insecure) {
                managers = new TrustManager[] {new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {
                        // the user asked to skip verification (--insecure-skip-tls-verify)
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                        // the user asked to skip verification (--insecure-skip-tls-verify)
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                }};
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(caFile.orElseThrow())) {
                    int i = 0;
                    for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, cert);
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                managers = tmf.getTrustManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, managers, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new PublishException("cannot use the CA file " + caFile.map(Path::toString).orElse("") + ": " + e.getMessage(),
                    "give a PEM file with the registry's CA certificate", e);
        }
    }

    /** A response whose body was read with a size limit. */
    private record BytesResponse(HttpResponse<InputStream> delegate, byte[] body) implements HttpResponse<byte[]> {
        @Override
        public int statusCode() {
            return delegate.statusCode();
        }

        @Override
        public HttpRequest request() {
            return delegate.request();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return delegate.headers();
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return delegate.sslSession();
        }

        @Override
        public URI uri() {
            return delegate.uri();
        }

        @Override
        public HttpClient.Version version() {
            return delegate.version();
        }
    }
}
