package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.ProbeType;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One well-known application of the {@link AppCatalog}: its official image pinned to a tag, ports,
 * probes, workload kind, storage, run-as user, required environment and notes. Entries are read from
 * {@code catalog.yaml}; the fields are documented in {@code docs/app-catalog.md}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id                     catalog id, a DNS label (also the default chart name), e.g. {@code postgresql}
 * @param name                   display name, e.g. {@code PostgreSQL}
 * @param category               web-server, proxy, cache, database, search, broker, coordination, observability,
 *                               cms, identity, storage, devtools, utility or runtime
 * @param aliases                lowercase names people use in requests, matched on word boundaries
 * @param notFollowedBy          words that, right after an alias, mean something else ("nginx ingress")
 * @param notPrecededBy          words that, right before an alias, mean something else ("ingress-nginx")
 * @param ambiguous              aliases that only count when one of the listed words follows within two words
 * @param description            one-line description
 * @param home                   project home page; may be empty
 * @param image                  the default image, pinned
 * @param officialImage          the Docker official image repository when {@link #image} is a vendor variant; may be empty
 * @param imageNote              why this image was chosen (e.g. the official non-root variant); may be empty
 * @param ports                  container ports, first is the main one; may be empty for utilities
 * @param command                command override; may be empty
 * @param args                   arguments; may be empty
 * @param probes                 probe defaults
 * @param workload               workload kind the app needs regardless of storage (StatefulSet for databases)
 * @param scalable               whether more than one replica is meaningful without an operator
 * @param runAsUser              UID the image runs as (non-root)
 * @param readOnlyRootFilesystem whether the app tolerates a read-only root filesystem
 * @param writablePaths          directories it writes to besides /tmp
 * @param persistence            storage defaults, if the app keeps data
 * @param env                    required plain environment variables with their defaults
 * @param secretEnv              required environment variables whose values must come from a Secret
 * @param metrics                Prometheus endpoint, if the app serves one
 * @param heavy                  needs a larger resources preset than the tier default
 * @param runtime                a language runtime: the catalog gives defaults, the image must be the user's
 * @param keywords               Chart.yaml keywords
 * @param notes                  caveats shown in the plan
 */
public record AppEntry(String id, String name, String category, List<String> aliases, List<String> notFollowedBy,
                       List<String> notPrecededBy, Map<String, List<String>> ambiguous, String description, String home,
                       Image image, String officialImage, String imageNote, List<Port> ports, List<String> command,
                       List<String> args, ProbeDefaults probes, Workload workload, boolean scalable, long runAsUser,
                       boolean readOnlyRootFilesystem, List<String> writablePaths, Optional<StorageDefaults> persistence,
                       Map<String, String> env, List<String> secretEnv, Optional<MetricsDefaults> metrics, boolean heavy,
                       boolean runtime, List<String> keywords, String notes) {

    public AppEntry {
        if (id == null || !id.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") || id.length() > 53) {
            throw new SpecException("id", "'" + id + "' is not a DNS label", "use lowercase letters, digits and '-'");
        }
        name = name == null || name.isBlank() ? id : name;
        category = category == null || category.isBlank() ? "app" : category;
        aliases = List.copyOf(aliases == null ? List.of() : aliases);
        notFollowedBy = List.copyOf(notFollowedBy == null ? List.of() : notFollowedBy);
        notPrecededBy = List.copyOf(notPrecededBy == null ? List.of() : notPrecededBy);
        ambiguous = Map.copyOf(ambiguous == null ? Map.of() : ambiguous);
        description = description == null || description.isBlank() ? name : description;
        home = home == null ? "" : home;
        if (image == null) {
            throw new SpecException("image", "is required", "give the official image, e.g. {repository: redis, tag: 7.4.2}");
        }
        if (!image.pinned()) {
            throw new SpecException("image.tag", "'" + image.reference() + "' is not pinned", "give a version tag, never latest");
        }
        officialImage = officialImage == null ? "" : officialImage;
        imageNote = imageNote == null ? "" : imageNote;
        ports = List.copyOf(ports == null ? List.of() : ports);
        command = List.copyOf(command == null ? List.of() : command);
        args = List.copyOf(args == null ? List.of() : args);
        probes = probes == null ? new ProbeDefaults(ProbeType.TCP, "", "", "", "", List.of(), false) : probes;
        workload = workload == null ? Workload.DEPLOYMENT : workload;
        if (runAsUser <= 0) {
            throw new SpecException("runAsUser", runAsUser + " is root or invalid", "give the non-root UID the image runs as");
        }
        writablePaths = List.copyOf(writablePaths == null ? List.of() : writablePaths);
        persistence = persistence == null ? Optional.empty() : persistence;
        env = Map.copyOf(env == null ? Map.of() : env);
        secretEnv = List.copyOf(secretEnv == null ? List.of() : secretEnv);
        metrics = metrics == null ? Optional.empty() : metrics;
        keywords = List.copyOf(keywords == null ? List.of() : keywords);
        notes = notes == null ? "" : notes;
    }

    /** True for databases, caches, search engines and brokers: storage makes them StatefulSets. */
    public boolean dataStore() {
        return switch (category) {
            case "database", "cache", "search", "broker", "coordination", "storage" -> true;
            default -> false;
        };
    }

    /**
     * Probe defaults of a catalog entry.
     *
     * @param type          http, tcp, grpc or exec
     * @param path          HTTP path of both probes (http only)
     * @param readinessPath readiness path when it differs from {@code path}; may be empty
     * @param livenessPath  liveness path when it differs from {@code path}; may be empty
     * @param port          name of the probed port; empty = the main port
     * @param command       exec command
     * @param startup       add a startup probe (slow starters)
     */
    public record ProbeDefaults(ProbeType type, String path, String readinessPath, String livenessPath, String port,
                                List<String> command, boolean startup) {
        public ProbeDefaults {
            type = type == null ? ProbeType.TCP : type;
            path = path == null || path.isBlank() ? "/" : path;
            readinessPath = readinessPath == null ? "" : readinessPath;
            livenessPath = livenessPath == null ? "" : livenessPath;
            port = port == null ? "" : port;
            command = List.copyOf(command == null ? List.of() : command);
            if (type == ProbeType.EXEC && command.isEmpty()) {
                throw new SpecException("probes.command", "is required for an exec probe", "give the command, e.g. [redis-cli, ping]");
            }
        }
    }

    /**
     * Storage defaults of a catalog entry.
     *
     * @param mountPath where the data volume is mounted
     * @param size      default size
     * @param enabled   whether persistence is on unless the request turns it off
     */
    public record StorageDefaults(String mountPath, String size, boolean enabled) {
        public StorageDefaults {
            if (mountPath == null || !mountPath.startsWith("/")) {
                throw new SpecException("persistence.mountPath", "'" + mountPath + "' is not an absolute path", "use a path such as /data");
            }
            size = size == null || size.isBlank() ? "8Gi" : size;
        }
    }

    /**
     * Prometheus endpoint of a catalog entry.
     *
     * @param port metrics port; 0 = the main port
     * @param path metrics path
     */
    public record MetricsDefaults(int port, String path) {
        public MetricsDefaults {
            path = path == null || path.isBlank() ? "/metrics" : path;
        }
    }
}
