package dev.k8sautopilot.model;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.k8sautopilot.internal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A typed field of a {@link ChartIntent}: its path in the spec document (the one place the name is
 * written), the Java type of its value, and whether it is a {@link ChartSpec} field or a planning hint.
 * The constants below are the whole vocabulary; {@link #all()} lists them in document order.
 *
 * <pre>{@code
 * ChartIntent intent = ChartIntent.builder()
 *     .set(IntentField.NAME, "web")
 *     .set(IntentField.REPLICAS, 1)
 *     .set(IntentField.TIER, Tier.PROD)
 *     .build();
 * intent.value(IntentField.REPLICAS);   // Optional[1]
 * intent.source(IntentField.REPLICAS);  // Optional[SPEC]
 * intent.has(IntentField.PDB_CREATE);   // false: not set, the resolver decides
 * }</pre>
 *
 * <p>A field whose value is a record (an {@link Image}, a list of {@link Port}s) is set as a whole; nested
 * records with independent leaves (ingress, persistence, probes, ...) have one field per leaf, so that
 * "TLS on" from a request and "host" from a spec can meet. Hints ({@link #HIGH_AVAILABILITY},
 * {@link #RUNTIME}, ...) steer the resolver but are not spec fields.
 *
 * <p>Instances are immutable singletons compared by identity; thread-safe.
 *
 * @param <T> the type of the field's value
 */
public final class IntentField<T> {

    private static final List<IntentField<?>> REGISTRY = new ArrayList<>();
    private static final Map<String, IntentField<?>> BY_PATH = new LinkedHashMap<>();

    /** Whether a field is part of the {@link ChartSpec} document or a planning hint. */
    public enum Kind {
        /** A field of the spec document (a leaf or a whole value). */
        SPEC,
        /** A hint for the resolver that the spec document does not have. */
        HINT
    }

    // ------------------------------------------------------------------------------------ chart
    /** Chart name (a DNS label). */
    public static final IntentField<String> NAME = spec("name", String.class);
    /** One-line description. */
    public static final IntentField<String> DESCRIPTION = spec("description", String.class);
    /** Chart version (SemVer). */
    public static final IntentField<String> CHART_VERSION = spec("chartVersion", String.class);
    /** Application version shown in Chart.yaml. */
    public static final IntentField<String> APP_VERSION = spec("appVersion", String.class);
    /** Catalog id (or alias) of the app the chart packages. */
    public static final IntentField<String> APP = spec("app", String.class);
    /** Chart metadata (home, sources, keywords, maintainers, ...). */
    public static final IntentField<ChartMetadata> METADATA = spec("metadata", ChartMetadata.class);
    /** Workload kind. */
    public static final IntentField<Workload> WORKLOAD = spec("workload", Workload.class);
    /** Main image (its pull policy is {@link #IMAGE_PULL_POLICY}). */
    public static final IntentField<Image> IMAGE = spec("image", Image.class);
    /** Pull policy of the main image. */
    public static final IntentField<PullPolicy> IMAGE_PULL_POLICY = spec("image.pullPolicy", PullPolicy.class);
    /** Command override. */
    public static final IntentField<List<String>> COMMAND = list("command", String.class, false);
    /** Arguments. */
    public static final IntentField<List<String>> ARGS = list("args", String.class, false);
    /** Container ports; an empty list means "no ports" (a worker). */
    public static final IntentField<List<Port>> PORTS = list("ports", Port.class, false);
    /** Fixed replica count. */
    public static final IntentField<Integer> REPLICAS = spec("replicas", Integer.class);

    // ------------------------------------------------------------------------------------ autoscaling
    /** HorizontalPodAutoscaler on or off. */
    public static final IntentField<Boolean> AUTOSCALING_ENABLED = spec("autoscaling.enabled", Boolean.class);
    /** HPA minimum. */
    public static final IntentField<Integer> AUTOSCALING_MIN_REPLICAS = spec("autoscaling.minReplicas", Integer.class);
    /** HPA maximum. */
    public static final IntentField<Integer> AUTOSCALING_MAX_REPLICAS = spec("autoscaling.maxReplicas", Integer.class);
    /** HPA CPU target in percent. */
    public static final IntentField<Integer> AUTOSCALING_TARGET_CPU = spec("autoscaling.targetCpu", Integer.class);
    /** HPA memory target in percent. */
    public static final IntentField<Integer> AUTOSCALING_TARGET_MEMORY = spec("autoscaling.targetMemory", Integer.class);

    // ------------------------------------------------------------------------------------ service
    /** Service type. */
    public static final IntentField<ServiceType> SERVICE_TYPE = spec("service.type", ServiceType.class);
    /** Service annotations. */
    public static final IntentField<Map<String, String>> SERVICE_ANNOTATIONS = stringMap("service.annotations");
    /** Service port of the main port when it differs from the container port (hint: it lands on the first port). */
    public static final IntentField<Integer> SERVICE_PORT = hint("service.port", Integer.class);

    // ------------------------------------------------------------------------------------ ingress
    /** Ingress on or off. */
    public static final IntentField<Boolean> INGRESS_ENABLED = spec("ingress.enabled", Boolean.class);
    /** Ingress controller. */
    public static final IntentField<IngressController> INGRESS_CONTROLLER = spec("ingress.controller", IngressController.class);
    /** IngressClass name. */
    public static final IntentField<String> INGRESS_CLASS_NAME = spec("ingress.className", String.class);
    /** Host names. */
    public static final IntentField<List<String>> INGRESS_HOSTS = list("ingress.hosts", String.class, false);
    /** Path. */
    public static final IntentField<String> INGRESS_PATH = spec("ingress.path", String.class);
    /** Path type. */
    public static final IntentField<PathType> INGRESS_PATH_TYPE = spec("ingress.pathType", PathType.class);
    /** TLS on or off. */
    public static final IntentField<Boolean> INGRESS_TLS = spec("ingress.tls", Boolean.class);
    /** TLS Secret name. */
    public static final IntentField<String> INGRESS_TLS_SECRET_NAME = spec("ingress.tlsSecretName", String.class);
    /** Traefik certificate resolver. */
    public static final IntentField<String> INGRESS_CERT_RESOLVER = spec("ingress.certResolver", String.class);
    /** Traefik entry points. */
    public static final IntentField<List<String>> TRAEFIK_ENTRY_POINTS = list("ingress.traefik.entryPoints", String.class, false);
    /** Traefik http→https redirect. */
    public static final IntentField<Boolean> TRAEFIK_REDIRECT_HTTPS = spec("ingress.traefik.redirectHttps", Boolean.class);
    /** Traefik strip-prefix middleware. */
    public static final IntentField<Boolean> TRAEFIK_STRIP_PREFIX = spec("ingress.traefik.stripPrefix", Boolean.class);
    /** Traefik rate limit average (requests per second). */
    public static final IntentField<Integer> TRAEFIK_RATE_LIMIT_AVERAGE = spec("ingress.traefik.rateLimit.average", Integer.class);
    /** Traefik rate limit burst. */
    public static final IntentField<Integer> TRAEFIK_RATE_LIMIT_BURST = spec("ingress.traefik.rateLimit.burst", Integer.class);
    /** Traefik response headers. */
    public static final IntentField<Map<String, String>> TRAEFIK_HEADERS = stringMap("ingress.traefik.headers");
    /** Traefik basic-auth Secret. */
    public static final IntentField<String> TRAEFIK_BASIC_AUTH_SECRET = spec("ingress.traefik.basicAuthSecret", String.class);

    // ------------------------------------------------------------------------------------ persistence
    /** Persistence on or off. */
    public static final IntentField<Boolean> PERSISTENCE_ENABLED = spec("persistence.enabled", Boolean.class);
    /** Volume size. */
    public static final IntentField<String> PERSISTENCE_SIZE = spec("persistence.size", String.class);
    /** Access mode. */
    public static final IntentField<AccessMode> PERSISTENCE_ACCESS_MODE = spec("persistence.accessMode", AccessMode.class);
    /** Storage class. */
    public static final IntentField<String> PERSISTENCE_STORAGE_CLASS = spec("persistence.storageClass", String.class);
    /** Mount path. */
    public static final IntentField<String> PERSISTENCE_MOUNT_PATH = spec("persistence.mountPath", String.class);
    /** Existing claim. */
    public static final IntentField<String> PERSISTENCE_EXISTING_CLAIM = spec("persistence.existingClaim", String.class);

    // ------------------------------------------------------------------------------------ env, config
    /** Plain environment variables (merged by name across sources). */
    public static final IntentField<List<EnvVar>> ENV = list("env", EnvVar.class, true);
    /** Environment variables from a Secret (merged by name across sources). */
    public static final IntentField<List<SecretEnv>> SECRET_ENV = list("secretEnv", SecretEnv.class, true);
    /** Existing Secret holding the secret env keys. */
    public static final IntentField<String> EXISTING_SECRET = spec("existingSecret", String.class);
    /** Mounted configuration files (merged by file name across sources). */
    public static final IntentField<List<ConfigFile>> CONFIG_FILES = list("configFiles", ConfigFile.class, true);

    // ------------------------------------------------------------------------------------ resources
    /** Sizing preset. */
    public static final IntentField<ResourcesPreset> RESOURCES_PRESET = spec("resources.preset", ResourcesPreset.class);
    /** CPU request. */
    public static final IntentField<String> RESOURCES_REQUESTS_CPU = spec("resources.requestsCpu", String.class);
    /** Memory request. */
    public static final IntentField<String> RESOURCES_REQUESTS_MEMORY = spec("resources.requestsMemory", String.class);
    /** CPU limit. */
    public static final IntentField<String> RESOURCES_LIMITS_CPU = spec("resources.limitsCpu", String.class);
    /** Memory limit. */
    public static final IntentField<String> RESOURCES_LIMITS_MEMORY = spec("resources.limitsMemory", String.class);

    // ------------------------------------------------------------------------------------ probes
    /** Liveness probe leaves. */
    public static final ProbeFields LIVENESS = ProbeFields.of("liveness");
    /** Readiness probe leaves. */
    public static final ProbeFields READINESS = ProbeFields.of("readiness");
    /** Startup probe leaves. */
    public static final ProbeFields STARTUP = ProbeFields.of("startup");

    // ------------------------------------------------------------------------------------ security
    /** Run-as UID. */
    public static final IntentField<Long> SECURITY_RUN_AS_USER = spec("security.runAsUser", Long.class);
    /** Run-as GID. */
    public static final IntentField<Long> SECURITY_RUN_AS_GROUP = spec("security.runAsGroup", Long.class);
    /** fsGroup. */
    public static final IntentField<Long> SECURITY_FS_GROUP = spec("security.fsGroup", Long.class);
    /** Read-only root filesystem. */
    public static final IntentField<Boolean> SECURITY_READ_ONLY_ROOT_FILESYSTEM = spec("security.readOnlyRootFilesystem", Boolean.class);
    /** Writable paths under a read-only root. */
    public static final IntentField<List<String>> SECURITY_WRITABLE_PATHS = list("security.writablePaths", String.class, false);
    /** Added capabilities. */
    public static final IntentField<List<String>> SECURITY_CAPABILITIES = list("security.capabilities", String.class, false);

    // ------------------------------------------------------------------------------------ placement, reliability
    /** Environment tier. */
    public static final IntentField<Tier> TIER = spec("tier", Tier.class);
    /** Pod anti-affinity preset: soft, hard or none. */
    public static final IntentField<String> POD_ANTI_AFFINITY_PRESET = spec("podAntiAffinityPreset", String.class);
    /** PodDisruptionBudget on or off. */
    public static final IntentField<Boolean> PDB_CREATE = spec("pdb.create", Boolean.class);
    /** PDB minAvailable. */
    public static final IntentField<String> PDB_MIN_AVAILABLE = spec("pdb.minAvailable", String.class);
    /** PDB maxUnavailable. */
    public static final IntentField<String> PDB_MAX_UNAVAILABLE = spec("pdb.maxUnavailable", String.class);
    /** NetworkPolicy on or off. */
    public static final IntentField<Boolean> NETWORK_POLICY_ENABLED = spec("networkPolicy.enabled", Boolean.class);
    /** NetworkPolicy admits unlabelled clients. */
    public static final IntentField<Boolean> NETWORK_POLICY_ALLOW_EXTERNAL = spec("networkPolicy.allowExternal", Boolean.class);
    /** NetworkPolicy allows any egress. */
    public static final IntentField<Boolean> NETWORK_POLICY_ALLOW_EXTERNAL_EGRESS = spec("networkPolicy.allowExternalEgress", Boolean.class);
    /** Namespace override. */
    public static final IntentField<String> NAMESPACE = spec("namespace", String.class);

    // ------------------------------------------------------------------------------------ metrics
    /** Metrics on or off. */
    public static final IntentField<Boolean> METRICS_ENABLED = spec("metrics.enabled", Boolean.class);
    /** Metrics port (0 = the main port). */
    public static final IntentField<Integer> METRICS_PORT = spec("metrics.port", Integer.class);
    /** Metrics path. */
    public static final IntentField<String> METRICS_PATH = spec("metrics.path", String.class);
    /** ServiceMonitor on or off. */
    public static final IntentField<Boolean> METRICS_SERVICE_MONITOR = spec("metrics.serviceMonitor", Boolean.class);
    /** Scrape interval. */
    public static final IntentField<String> METRICS_INTERVAL = spec("metrics.interval", String.class);

    // ------------------------------------------------------------------------------------ containers, rbac, job, labels
    /** Init containers (merged by name across sources). */
    public static final IntentField<List<ExtraContainer>> INIT_CONTAINERS = list("initContainers", ExtraContainer.class, true);
    /** Sidecars (merged by name across sources). */
    public static final IntentField<List<ExtraContainer>> SIDECARS = list("sidecars", ExtraContainer.class, true);
    /** Role rules. */
    public static final IntentField<List<RbacRule>> RBAC = list("rbac", RbacRule.class, false);
    /** CronJob schedule. */
    public static final IntentField<String> JOB_SCHEDULE = spec("job.schedule", String.class);
    /** Job backoff limit. */
    public static final IntentField<Integer> JOB_BACKOFF_LIMIT = spec("job.backoffLimit", Integer.class);
    /** Seconds a finished Job is kept. */
    public static final IntentField<Integer> JOB_TTL_SECONDS_AFTER_FINISHED = spec("job.ttlSecondsAfterFinished", Integer.class);
    /** CronJob concurrency policy. */
    public static final IntentField<String> JOB_CONCURRENCY_POLICY = spec("job.concurrencyPolicy", String.class);
    /** Labels on every object. */
    public static final IntentField<Map<String, String>> COMMON_LABELS = stringMap("commonLabels");
    /** Annotations on every object. */
    public static final IntentField<Map<String, String>> COMMON_ANNOTATIONS = stringMap("commonAnnotations");
    public static final IntentField<DaemonSetSpec> DAEMON_SET = spec("daemonSet", DaemonSetSpec.class);
    public static final IntentField<HttpRouteSpec> HTTP_ROUTE = spec("httpRoute", HttpRouteSpec.class);
    public static final IntentField<List<Companion>> COMPANIONS = list("companions", Companion.class, false);

    // ------------------------------------------------------------------------------------ hints
    /** High availability asked for (or refused): 3 replicas, hard anti-affinity, a disruption budget. */
    public static final IntentField<Boolean> HIGH_AVAILABILITY = hint("highAvailability", Boolean.class);
    /** Version of the app named with it, e.g. {@code 16} in "PostgreSQL 16"; the resolver picks the tag. */
    public static final IntentField<String> REQUESTED_VERSION = hint("requestedVersion", String.class);
    /** Catalog id of a language runtime named (defaults only: the image is the user's). */
    public static final IntentField<String> RUNTIME = hint("runtime", String.class);
    /** Catalog ids of other apps named besides the main one (not data stores the app uses: see dependencies). */
    public static final IntentField<List<String>> OTHER_APPS = list("otherApps", String.class, Kind.HINT, false);

    private final String path;
    private final JavaType type;
    private final Kind kind;
    private final boolean mergedByName;

    private IntentField(String path, JavaType type, Kind kind, boolean mergedByName) {
        this.path = path;
        this.type = type;
        this.kind = kind;
        this.mergedByName = mergedByName;
        if (BY_PATH.putIfAbsent(path, this) != null) {
            throw new IllegalStateException("intent field " + path + " is defined twice");
        }
        REGISTRY.add(this);
    }

    private static <T> IntentField<T> spec(String path, Class<T> type) {
        return new IntentField<>(path, TypeFactory.defaultInstance().constructType(type), Kind.SPEC, false);
    }

    private static <T> IntentField<T> hint(String path, Class<T> type) {
        return new IntentField<>(path, TypeFactory.defaultInstance().constructType(type), Kind.HINT, false);
    }

    private static <E> IntentField<List<E>> list(String path, Class<E> element, boolean mergedByName) {
        return list(path, element, Kind.SPEC, mergedByName);
    }

    private static <E> IntentField<List<E>> list(String path, Class<E> element, Kind kind, boolean mergedByName) {
        return new IntentField<>(path, TypeFactory.defaultInstance().constructCollectionType(List.class, element), kind, mergedByName);
    }

    private static IntentField<Map<String, String>> stringMap(String path) {
        return new IntentField<>(path, TypeFactory.defaultInstance().constructMapType(LinkedHashMap.class, String.class, String.class),
                Kind.SPEC, false);
    }

    /** Every field, in document order. */
    public static List<IntentField<?>> all() {
        return Collections.unmodifiableList(REGISTRY);
    }

    /** The field with this document path, e.g. {@code ingress.tls}. */
    public static Optional<IntentField<?>> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path == null ? "" : path.strip()));
    }

    /** The path in the spec document, e.g. {@code persistence.size}; the name of the field. */
    public String path() {
        return path;
    }

    /** Whether this is a spec field or a planning hint. */
    public Kind kind() {
        return kind;
    }

    /** True for list fields whose entries are merged by name when sources are layered (env, secretEnv, ...). */
    public boolean mergedByName() {
        return mergedByName;
    }

    /**
     * Converts a document value (as read from YAML/JSON, shorthands already expanded) into this field's type.
     *
     * @throws IllegalArgumentException when the value does not fit (Jackson's error, with the path inside the value)
     */
    @SuppressWarnings("unchecked")
    T fromDocument(Object raw) {
        return (T) Json.mapper().convertValue(raw, type);
    }

    /** This field's value in document form (maps, lists, strings, numbers, booleans). */
    Object toDocument(Object value) {
        return Json.mapper().convertValue(value, Object.class);
    }

    /** Checks that a value has this field's type. */
    T cast(Object value) {
        if (value == null) {
            throw new SpecException(path, "is null", "leave the field out instead of setting it to null");
        }
        if (!type.getRawClass().isInstance(value)) {
            throw new SpecException(path, "expects a " + type.getRawClass().getSimpleName() + ", got " + value.getClass().getSimpleName(),
                    "give a value of the field's type");
        }
        @SuppressWarnings("unchecked")
        T t = (T) value;
        return t;
    }

    @Override
    public String toString() {
        return path;
    }

    /**
     * The leaves of one probe ({@code probes.liveness}, {@code probes.readiness}, {@code probes.startup}).
     *
     * @param enabled             probe on or off
     * @param type                http, tcp, grpc or exec
     * @param path                HTTP path
     * @param port                name of the probed port
     * @param command             exec command
     * @param initialDelaySeconds initial delay
     * @param periodSeconds       period
     * @param timeoutSeconds      timeout
     * @param failureThreshold    failure threshold
     * @param successThreshold    success threshold
     */
    public record ProbeFields(IntentField<Boolean> enabled, IntentField<ProbeType> type, IntentField<String> path,
                              IntentField<String> port, IntentField<List<String>> command,
                              IntentField<Integer> initialDelaySeconds, IntentField<Integer> periodSeconds,
                              IntentField<Integer> timeoutSeconds, IntentField<Integer> failureThreshold,
                              IntentField<Integer> successThreshold) {

        private static ProbeFields of(String probe) {
            String p = "probes." + probe + ".";
            return new ProbeFields(spec(p + "enabled", Boolean.class), spec(p + "type", ProbeType.class), spec(p + "path", String.class),
                    spec(p + "port", String.class), list(p + "command", String.class, false), spec(p + "initialDelaySeconds", Integer.class),
                    spec(p + "periodSeconds", Integer.class), spec(p + "timeoutSeconds", Integer.class),
                    spec(p + "failureThreshold", Integer.class), spec(p + "successThreshold", Integer.class));
        }

        /** Every leaf of this probe. */
        public List<IntentField<?>> all() {
            return List.of(enabled, type, path, port, command, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold,
                    successThreshold);
        }
    }
}
