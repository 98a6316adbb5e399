package dev.k8sautopilot.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for the Kubernetes API on {@code 127.0.0.1} (ephemeral port) that lets Helm render a chart
 * like {@code helm template} while returning the whole release, hooks included.
 *
 * <p>Why it exists: helm-java 0.0.21 renders {@code template} with the dry-run option {@code none}, so a
 * chart's {@code lookup} calls contact the cluster of the user's kubeconfig, or {@code http://localhost:8080}
 * without one, and its output omits hook objects. Here Helm performs a real (not dry-run) install against
 * this server: discovery answers with the API versions of {@code helm template}'s default capabilities, every
 * read of an object answers 404 (so {@code lookup} returns an empty map, exactly as in {@code helm template}),
 * the release record Helm stores as a Secret is captured (it carries the manifest and every hook), and every
 * other write is refused, so nothing is ever "installed" and no hook runs.
 *
 * <p>One server serves one render; it is closed afterwards. Thread-safe.
 */
final class OfflineApiServer implements AutoCloseable {

    /** Group versions of {@code helm template}'s default capabilities (Helm 3.21, client-go 0.35). */
    static final List<String> DEFAULT_API_VERSIONS = List.of("v1", "admissionregistration.k8s.io/v1",
            "admissionregistration.k8s.io/v1alpha1", "admissionregistration.k8s.io/v1beta1",
            "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1",
            "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1",
            "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1",
            "autoscaling/v2beta2", "batch/v1", "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1",
            "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1",
            "coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1",
            "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
            "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
            "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "node.k8s.io/v1",
            "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
            "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1",
            "resource.k8s.io/v1beta2", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha1",
            "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1",
            "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1",
            "apiextensions.k8s.io/v1");

    /** Kinds each group serves (the same kinds in every version of the group). */
    private static final Map<String, List<String>> KINDS_BY_GROUP = Map.ofEntries(
            Map.entry("", List.of("Pod", "Service", "ConfigMap", "Secret", "ServiceAccount", "PersistentVolumeClaim",
                    "PersistentVolume", "Namespace", "Endpoints", "ResourceQuota", "LimitRange", "Node", "Event",
                    "ReplicationController", "PodTemplate", "Binding", "ComponentStatus")),
            Map.entry("apps", List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision")),
            Map.entry("extensions", List.of("Deployment", "DaemonSet", "ReplicaSet", "Ingress", "NetworkPolicy",
                    "PodSecurityPolicy")),
            Map.entry("batch", List.of("Job", "CronJob")),
            Map.entry("autoscaling", List.of("HorizontalPodAutoscaler")),
            Map.entry("policy", List.of("PodDisruptionBudget", "PodSecurityPolicy", "Eviction")),
            Map.entry("networking.k8s.io", List.of("Ingress", "IngressClass", "NetworkPolicy", "IPAddress", "ServiceCIDR")),
            Map.entry("rbac.authorization.k8s.io", List.of("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding")),
            Map.entry("storage.k8s.io", List.of("StorageClass", "CSIDriver", "CSINode", "VolumeAttachment",
                    "CSIStorageCapacity", "VolumeAttributesClass")),
            Map.entry("scheduling.k8s.io", List.of("PriorityClass")),
            Map.entry("node.k8s.io", List.of("RuntimeClass")),
            Map.entry("coordination.k8s.io", List.of("Lease")),
            Map.entry("discovery.k8s.io", List.of("EndpointSlice")),
            Map.entry("events.k8s.io", List.of("Event")),
            Map.entry("certificates.k8s.io", List.of("CertificateSigningRequest", "ClusterTrustBundle")),
            Map.entry("admissionregistration.k8s.io", List.of("ValidatingWebhookConfiguration",
                    "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding")),
            Map.entry("apiextensions.k8s.io", List.of("CustomResourceDefinition")),
            Map.entry("flowcontrol.apiserver.k8s.io", List.of("FlowSchema", "PriorityLevelConfiguration")),
            Map.entry("resource.k8s.io", List.of("ResourceClaim", "ResourceClaimTemplate", "DeviceClass", "ResourceSlice")));

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume", "ClusterRole",
            "ClusterRoleBinding", "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment", "PriorityClass",
            "RuntimeClass", "CertificateSigningRequest", "ClusterTrustBundle", "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
            "CustomResourceDefinition", "FlowSchema", "PriorityLevelConfiguration", "PodSecurityPolicy", "IngressClass",
            "ComponentStatus", "DeviceClass", "ResourceSlice", "IPAddress", "ServiceCIDR", "VolumeAttributesClass");

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every small response waits
        // for a delayed ACK (~40 ms), and Helm makes a few hundred discovery requests per render. The property
        // is read once, when the first HttpServer of the JVM is created; an explicit setting is respected.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    /** Where Helm keeps release records (Secrets by default, ConfigMaps with HELM_DRIVER=configmap). */
    private static final String STORAGE = "/api/v1/namespaces/[^/]+/(secrets|configmaps)";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String kubeVersion;
    /** group version → kinds, in discovery order; starts with the defaults, grows with {@link #learn}. */
    private final Map<String, Set<String>> kinds = new LinkedHashMap<>();
    private final AtomicReference<String> release = new AtomicReference<>();
    private final List<String> refusedWrites = new ArrayList<>();
    private final Path kubeconfig;

    private OfflineApiServer(String kubeVersion, Map<String, Set<String>> extra, Path workDir) throws IOException {
        this.kubeVersion = kubeVersion;
        for (String gv : DEFAULT_API_VERSIONS) {
            String group = gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : "";
            kinds.put(gv, new LinkedHashSet<>(KINDS_BY_GROUP.getOrDefault(group, List.of())));
        }
        extra.forEach((gv, ks) -> kinds.computeIfAbsent(gv, k -> new LinkedHashSet<>()).addAll(ks));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        // client-go fetches the discovery documents of every group version in parallel.
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "offline-kube-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        kubeconfig = workDir.resolve("offline-kubeconfig.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: offline
                  cluster:
                    server: %s
                contexts:
                - name: offline
                  context:
                    cluster: offline
                    user: offline
                    namespace: %s
                current-context: offline
                users:
                - name: offline
                  user: {}
                """.formatted(url(), HelmRunner.NAMESPACE), StandardCharsets.UTF_8);
    }

    /**
     * Starts a server.
     *
     * @param kubeVersion version reported as the server version (Helm's {@code .Capabilities.KubeVersion})
     * @param extraKinds  group version → kinds served in addition to the built-in ones (custom resources)
     * @param workDir     directory for the generated kubeconfig
     */
    static OfflineApiServer start(String kubeVersion, Map<String, Set<String>> extraKinds, Path workDir) throws IOException {
        return new OfflineApiServer(kubeVersion, extraKinds, workDir);
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** A kubeconfig file pointing at this server. */
    Path kubeconfig() {
        return kubeconfig;
    }

    /** The release Helm stored, decoded to its JSON document, when Helm got that far. */
    Optional<JsonNode> release() {
        String r = release.get();
        if (r == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(r));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The writes that were refused (method and path), in order. */
    synchronized List<String> refusedWrites() {
        return List.copyOf(refusedWrites);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (method.equals("GET")) {
                get(ex, path);
            } else if (method.equals("POST") && path.matches(STORAGE) && captureRelease(body, ex.getRequestHeaders().getFirst("Content-Type"))) {
                send(ex, 201, new String(body, StandardCharsets.UTF_8));
            } else {
                synchronized (this) {
                    refusedWrites.add(method + " " + path);
                }
                send(ex, 403, status(403, "Forbidden", "k8s-autopilot renders offline: nothing is created or changed"));
            }
        }
    }

    private void get(HttpExchange ex, String path) throws IOException {
        if (path.equals("/version")) {
            String[] parts = kubeVersion.replaceFirst("^v", "").split("\\.");
            send(ex, 200, JSON.writeValueAsString(Map.of("major", parts[0], "minor", parts.length > 1 ? parts[1] : "0",
                    "gitVersion", "v" + kubeVersion.replaceFirst("^v", ""), "platform", "linux/amd64")));
            return;
        }
        String accept = String.valueOf(ex.getRequestHeaders().getFirst("Accept"));
        if ((path.equals("/api") || path.equals("/apis")) && accept.contains("g=apidiscovery.k8s.io;v=v2")) {
            // Aggregated discovery: every group, version and resource in one response instead of one per version.
            send(ex, 200, JSON.writeValueAsString(aggregated(path.equals("/api"))), AGGREGATED);
            return;
        }
        if (path.equals("/api")) {
            send(ex, 200, JSON.writeValueAsString(Map.of("kind", "APIVersions", "versions", List.of("v1"),
                    "serverAddressByClientCIDRs", List.of())));
            return;
        }
        if (path.equals("/apis")) {
            send(ex, 200, JSON.writeValueAsString(groupList()));
            return;
        }
        String gv = path.startsWith("/api/") ? path.substring(5) : path.startsWith("/apis/") ? path.substring(6) : "";
        boolean served;
        synchronized (this) {
            served = kinds.containsKey(gv) && (path.startsWith("/apis/") || gv.equals("v1"));
        }
        if (!served && path.matches("/apis/[^/]+/[^/]+")) {
            // A group this server does not know (a custom resource read by lookup): no resources, and an empty
            // "items" so that a list lookup falling back to this path reads as empty instead of failing.
            send(ex, 200, JSON.writeValueAsString(Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", gv,
                    "resources", List.of(), "items", List.of())));
            return;
        }
        if (served) {
            List<Map<String, Object>> resources = new ArrayList<>();
            synchronized (this) {
                for (String kind : kinds.get(gv)) {
                    resources.add(Map.of("name", plural(kind), "singularName", kind.toLowerCase(Locale.ROOT),
                            "namespaced", !CLUSTER_SCOPED.contains(kind) && !kind.startsWith("Cluster"), "kind", kind,
                            "verbs", List.of("create", "delete", "get", "list", "patch", "update", "watch")));
                }
            }
            send(ex, 200, JSON.writeValueAsString(Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", gv,
                    "resources", resources, "items", List.of())));
            return;
        }
        String query = ex.getRequestURI().getRawQuery();
        if (path.matches(STORAGE) && query != null && query.contains("owner%3Dhelm")) {
            // Helm's release history: none.
            send(ex, 200, "{\"kind\":\"" + (path.endsWith("/secrets") ? "SecretList" : "ConfigMapList")
                    + "\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}");
            return;
        }
        // Every object read (lookup, conflict checks) finds nothing, like `helm template`.
        send(ex, 404, status(404, "NotFound", "not found (k8s-autopilot renders offline)"));
    }

    /** The apidiscovery.k8s.io/v2 document of the core group ({@code /api}) or of every named group ({@code /apis}). */
    private synchronized Map<String, Object> aggregated(boolean core) {
        Map<String, List<Map<String, Object>>> versionsByGroup = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : kinds.entrySet()) {
            String gv = e.getKey();
            int slash = gv.indexOf('/');
            String group = slash < 0 ? "" : gv.substring(0, slash);
            String version = slash < 0 ? gv : gv.substring(slash + 1);
            if (core != group.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> resources = new ArrayList<>();
            for (String kind : e.getValue()) {
                resources.add(Map.of("resource", plural(kind), "singularResource", kind.toLowerCase(Locale.ROOT),
                        "responseKind", Map.of("group", group, "version", version, "kind", kind),
                        "scope", !CLUSTER_SCOPED.contains(kind) && !kind.startsWith("Cluster") ? "Namespaced" : "Cluster",
                        "verbs", List.of("create", "delete", "get", "list", "patch", "update", "watch")));
            }
            versionsByGroup.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(Map.of("version", version, "resources", resources, "freshness", "Current"));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        versionsByGroup.forEach((group, versions) -> items.add(Map.of("metadata", Map.of("name", group), "versions", versions)));
        return Map.of("kind", "APIGroupDiscoveryList", "apiVersion", "apidiscovery.k8s.io/v2", "metadata", Map.of(),
                "items", items);
    }

    private synchronized Map<String, Object> groupList() {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        for (String gv : kinds.keySet()) {
            int slash = gv.indexOf('/');
            if (slash > 0) {
                versionsByGroup.computeIfAbsent(gv.substring(0, slash), g -> new ArrayList<>()).add(gv.substring(slash + 1));
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        versionsByGroup.forEach((group, versions) -> {
            List<Map<String, String>> vs = versions.stream().map(v -> Map.of("groupVersion", group + "/" + v, "version", v)).toList();
            groups.add(Map.of("name", group, "versions", vs, "preferredVersion", vs.get(0)));
        });
        return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
    }

    /**
     * Keeps the body when it is Helm's release record: a Secret (or ConfigMap) labelled {@code owner=helm}
     * whose {@code release} entry is base64 of gzipped JSON. client-go sends it as JSON or as Kubernetes
     * protobuf; both are read.
     */
    private boolean captureRelease(byte[] body, String contentType) {
        try {
            Map<String, String> labels;
            Optional<byte[]> data;
            if (contentType != null && contentType.contains("protobuf")) {
                Protobuf.StoredObject o = Protobuf.storedObject(body);
                labels = o.labels();
                data = Optional.ofNullable(o.data().get("release"));
            } else {
                JsonNode object = JSON.readTree(body);
                labels = new LinkedHashMap<>();
                object.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                JsonNode r = object.path("data").path("release");
                // Secret data is base64 in JSON; ConfigMap data is plain text.
                data = r.isTextual() ? Optional.of(object.path("kind").asText().equals("Secret")
                        ? Base64.getDecoder().decode(r.asText()) : r.asText().getBytes(StandardCharsets.US_ASCII)) : Optional.empty();
            }
            if (!"helm".equals(labels.get("owner")) || data.isEmpty()) {
                return false;
            }
            byte[] record = Base64.getDecoder().decode(data.get());
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(record))) {
                release.compareAndSet(null, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Adds kinds Helm could not map (custom resources); returns false when all were known already. */
    synchronized boolean learn(String groupVersion, String kind) {
        return kinds.computeIfAbsent(groupVersion, gv -> new LinkedHashSet<>()).add(kind);
    }

    /** The kinds served beyond the built-in ones, for a fresh server. */
    synchronized Map<String, Set<String>> learned() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        kinds.forEach((gv, ks) -> {
            String group = gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : "";
            Set<String> extra = new LinkedHashSet<>(ks);
            extra.removeAll(DEFAULT_API_VERSIONS.contains(gv) ? KINDS_BY_GROUP.getOrDefault(group, List.of()) : List.of());
            if (!extra.isEmpty()) {
                out.put(gv, extra);
            }
        });
        return out;
    }

    static String plural(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (k.equals("endpoints")) {
            return k;
        }
        if (k.endsWith("s") || k.endsWith("x") || k.endsWith("ch") || k.endsWith("sh")) {
            return k + "es";
        }
        if (k.endsWith("y") && k.length() > 1 && "aeiou".indexOf(k.charAt(k.length() - 2)) < 0) {
            return k.substring(0, k.length() - 1) + "ies";
        }
        return k + "s";
    }

    private static String status(int code, String reason, String message) throws IOException {
        return JSON.writeValueAsString(Map.of("kind", "Status", "apiVersion", "v1", "metadata", Map.of(), "status", "Failure",
                "message", message, "reason", reason, "code", code));
    }

    private static void send(HttpExchange ex, int code, String json) throws IOException {
        send(ex, code, json, "application/json");
    }

    private static void send(HttpExchange ex, int code, String json, String contentType) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        // Keeps client-go's HTTP disk cache from storing anything about this throwaway server.
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
