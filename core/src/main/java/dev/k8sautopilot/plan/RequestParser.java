package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.AccessMode;
import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.ConfigFile;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.ExtraContainer;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.IngressController;
import dev.k8sautopilot.model.IntentField;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.Protocol;
import dev.k8sautopilot.model.SecretEnv;
import dev.k8sautopilot.model.ServiceType;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.ProbeType;
import dev.k8sautopilot.model.PullPolicy;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.SecretNames;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Tier;
import dev.k8sautopilot.model.ValueSource;
import dev.k8sautopilot.model.Workload;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the facts of a chart out of free text, without an LLM. Works in passes: values with a clear
 * shape (environment assignments, URLs, image references, host names, paths, quantities) are taken
 * first and blanked out of a working copy, so that keyword rules that follow (tier, ingress
 * controller, service type, app names, ...) never see the inside of a value. Order, case and
 * punctuation of the request do not matter; values keep their case where it matters (env values,
 * image tags). Every value goes into a typed slot through a strict character class, so template
 * syntax or YAML in a request can reach only environment values (which are escaped downstream).
 *
 * <p>Stateless and thread-safe.
 */
final class RequestParser {

    private static final int CI = Pattern.CASE_INSENSITIVE;
    private static final Pattern ENV = Pattern.compile(
            "(?<![\\w./:-])([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|`([^`]*)`|([^\\s,;]+))");
    private static final Pattern URL = Pattern.compile("\\b(https?)://([a-z0-9.-]+)(?::(\\d+))?(/[A-Za-z0-9_.~/-]*)?", CI);
    private static final Pattern IMAGE = Pattern.compile(
            "(?<![\\w./:@-])((?:[a-z0-9][a-z0-9.-]*(?::[0-9]{1,5})?/)?[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)*)"
                    + "(?::([a-z0-9_][a-z0-9_.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?(?![\\w/@:-])");
    private static final Pattern HOST = Pattern.compile(
            "(?<![\\w.@/:-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]*[a-z0-9])(?![\\w@/-]|\\.[a-z0-9])");
    private static final Pattern PATH = Pattern.compile("(?<![\\w./:-])(/[A-Za-z0-9_.~/-]*)");
    private static final Pattern QUANTITY = Pattern.compile(
            "(?<![\\w.])(\\d+(?:\\.\\d+)?)\\s*(millicores?|millicpus?|mcpu|cores?|vcpus?|cpus?|mib|gib|tib|kib|mi|gi|ti|ki|mb|gb|tb|kb|m|g|t|k)(?![\\w])");
    private static final Pattern NUMBER_WORD = Pattern.compile(
            "\\b(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|a single|single)\\s*(?:x\\s)?(?:replicas?|instances?|pods?|copies)\\b");
    private static final Pattern REPLICAS_AFTER = Pattern.compile("\\b(?:replicas?|replica count|instances)\\s*(?:count\\s)?(?:of|:|=|to|set to)?\\s*(\\d+)\\b");
    private static final Pattern SCALE_TO = Pattern.compile("\\bscaled? (?:out )?to (\\d+)\\b(?!\\s*%)");
    private static final Pattern HPA_RANGE = Pattern.compile(
            "\\b(?:autoscal\\w*|auto-scal\\w*|hpa|scal(?:e|es|ing))\\b[^\\d,;]{0,40}?(\\d+)\\s*(?:-|to|and|\\.\\.)\\s*(\\d+)\\b(?!\\s*(?:%|m\\b|mi|gi|cores?))");
    private static final Pattern RANGE_REPLICAS = Pattern.compile("\\b(\\d+)\\s*(?:-|to|\\.\\.)\\s*(\\d+)\\s(?:replicas|pods|instances)\\b");
    private static final Pattern HPA_MIN = Pattern.compile("\\bmin(?:imum)?(?: replicas)?\\s*(?:of\\s)?[:=]?\\s*(\\d+)\\b(?!\\s*(?:%|m\\b|mi|gi|g\\b|cores?|cpus?))");
    private static final Pattern HPA_MAX = Pattern.compile(
            "\\b(?:max(?:imum)?(?: replicas)?\\s*(?:of\\s)?[:=]?|up to)\\s*(\\d+)\\b(?!\\s*(?:%|m\\b|mi|gi|g\\b|cores?|cpus?|req|rps))");
    private static final Pattern CPU_PCT = Pattern.compile(
            "\\b(\\d{1,3})\\s*%\\s*(?:of\\s)?(?:average\\s)?cpu\\b|\\bcpu\\s*(?:utili[sz]ation|usage|target|threshold|load)?\\s*(?:of|at|=|:|above|over|target|reaches)?\\s*(\\d{1,3})\\s*%");
    private static final Pattern MEM_PCT = Pattern.compile(
            "\\b(\\d{1,3})\\s*%\\s*(?:of\\s)?(?:average\\s)?(?:memory|mem|ram)\\b|\\b(?:memory|mem|ram)\\s*(?:utili[sz]ation|usage|target|threshold)?\\s*(?:of|at|=|:|above|over|target|reaches)?\\s*(\\d{1,3})\\s*%");
    private static final Pattern PORT_LIST = Pattern.compile(
            "\\b(?:(\\w+)\\s)?(?:ports?|listen(?:s|ing)?(?: on)?(?: port)?|containerport|port number)\\s*[:=]?\\s*(\\d+(?![\\w%]|\\.\\d)(?:\\s*(?:,|and|&|/)\\s*(?:port\\s*)?\\d+(?![\\w%]|\\.\\d)(?!\\s*(?:replicas?|pods?|instances?|cores?|cpus?|gi|mi|gb|mb|%)))*)(?:\\s*\\((\\w+)\\))?");
    private static final Pattern RATE = Pattern.compile(
            "\\brate[- ]?limit\\w*\\D{0,20}?(\\d+)\\s*(?:requests?|reqs?|r)?\\s*(?:/\\s*|per\\s)?(s\\b|sec\\w*|min\\w*|rps\\b|rpm\\b)?");
    private static final Pattern BURST = Pattern.compile("\\bburst\\D{0,12}?(\\d+)");
    private static final Pattern IDENT = Pattern.compile("(?<![\\w.-])([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)(?![\\w-]|\\.[A-Za-z0-9])");
    private static final Pattern CONFIG_FILE = Pattern.compile(
            "(?<![\\w./-])([A-Za-z0-9_][A-Za-z0-9_.-]*\\.(?:conf|yaml|yml|json|properties|ini|toml|xml|cfg|txt|env|config))(?![\\w.-])", CI);
    private static final Pattern NAMED = Pattern.compile("\\b(?:named|called|name it|chart name|release name|name:)\\s*[\"'`]?([a-z0-9][a-z0-9_.-]*)");
    private static final Pattern NAMESPACE = Pattern.compile(
            "\\b(?:namespace|ns)\\s*[:=]?\\s*[\"'`]?([a-z0-9][a-z0-9-]*)\\b|\\bin (?:the )?([a-z0-9][a-z0-9-]*) namespace\\b");
    private static final Pattern STORAGE_CLASS = Pattern.compile(
            "\\bstorage\\s*class(?:name)?\\s*[:=]?\\s*[\"'`]?([a-z0-9][a-z0-9.-]*)");
    private static final Pattern STORAGE_CLASS_BEFORE = Pattern.compile("\\b([a-z0-9][a-z0-9.-]*) storage\\s*class\\b");
    private static final Pattern INGRESS_CLASS = Pattern.compile(
            "\\bingress\\s*class(?:name)?\\s*[:=]?\\s*[\"'`]?([a-z0-9][a-z0-9.-]*)|\\b(haproxy|contour|kong|alb|gce|istio|ambassador|cilium|nginx)[- ]ingress\\b|\\bingress[- ]nginx\\b");
    private static final Pattern CERT_RESOLVER = Pattern.compile(
            "\\bcert(?:ificate)?[- ]?resolver\\s*[:=]?\\s*(?:named\\s|called\\s)?[\"'`]?([a-z0-9_-]+)|\\b([a-z0-9_-]+) cert(?:ificate)?[- ]?resolver\\b");
    private static final Pattern EXISTING_SECRET = Pattern.compile("\\bexisting secret\\s*(?:named|called|:)?\\s*[\"'`]?([a-z0-9][a-z0-9.-]*)");
    private static final Pattern BASIC_AUTH = Pattern.compile("\\bbasic[- ]?auth\\w*\\s*(?:with|from|using|in)?\\s*(?:the\\s)?(?:secret\\s)?(?:named\\s)?[\"'`]?([a-z0-9][a-z0-9.-]*)?");
    private static final Pattern ENTRY_POINTS = Pattern.compile("\\bentry\\s*points?\\s*[:=]?\\s*([a-z0-9_-]+(?:\\s*(?:,|and)\\s*[a-z0-9_-]+)*)");
    private static final Pattern RUN_AS = Pattern.compile("\\b(?:run(?:s|ning)? as (?:user|uid)|runasuser|uid)\\s*[:=]?\\s*(\\d+)\\b");
    private static final Pattern CRON = Pattern.compile("((?:[0-9*/,-]+\\s){4}[0-9*/,-]+|@(?:yearly|annually|monthly|weekly|daily|midnight|hourly))");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"|'([^']+)'|`([^`]+)`");
    private static final Pattern WAIT_FOR = Pattern.compile("\\bwait(?:s|ing)? for (?:the\\s)?([a-z0-9][a-z0-9.-]*)");

    private static final Set<String> NOT_IMAGE_NAMES = Set.of("cpu", "cpus", "memory", "mem", "ram", "port", "ports", "replicas",
            "replica", "host", "hostname", "path", "tier", "env", "namespace", "ns", "storage", "size", "limit", "limits",
            "request", "requests", "http", "https", "tcp", "udp", "grpc", "min", "max", "ratio", "version", "v", "time", "at");
    private static final Set<String> IMAGE_KEYWORDS = Set.of("image", "images", "from", "using", "use", "deploy", "run", "runs",
            "container", "pull", "ref", "reference", "tag", "is");
    private static final Set<String> FILE_TLDS = Set.of("conf", "yaml", "yml", "json", "properties", "ini", "toml", "xml", "txt",
            "env", "js", "ts", "py", "sh", "cfg", "html", "php", "java", "go", "rb", "log", "pem", "crt", "key", "sql", "jar",
            "md", "tpl", "config", "cs", "kt", "jsx", "tsx", "css", "lock", "gz", "tgz", "zip", "exe", "so", "dll", "war", "csv");
    private static final Set<String> STORAGE_WORDS = Set.of("storage", "disk", "disks", "volume", "volumes", "pvc", "persistent",
            "persistence", "persist", "persisted", "data", "space", "capacity", "drive", "pv");
    private static final Set<String> MEMORY_WORDS = Set.of("memory", "mem", "ram", "heap");
    private static final Set<String> CPU_WORDS = Set.of("cpu", "cpus", "core", "cores", "vcpu", "vcpus", "millicores", "processor");
    private static final Set<String> LIMIT_WORDS = Set.of("limit", "limits", "limited", "max", "maximum", "cap", "capped", "most", "ceiling");
    private static final Set<String> REQUEST_WORDS = Set.of("request", "requests", "requesting", "requested", "reserve", "reserves",
            "guaranteed", "min", "minimum", "least");
    private static final Set<String> NEGATIONS = Set.of("no", "without", "disable", "disabled", "don't", "dont", "not", "skip",
            "never", "none", "nor", "off");
    private static final Set<String> NAMED_EXCLUDED_CONTEXT = Set.of("secret", "namespace", "container", "sidecar", "file",
            "class", "resolver", "storage", "variable", "var", "user", "port", "entrypoint", "host");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("single", 1), Map.entry("a single", 1));

    private static final Set<String> ARTICLES = Set.of("a", "an", "the", "my", "our", "your", "their", "this", "that", "some");
    /** Words right before an app that make it the subject of the request. */
    private static final Set<String> SUBJECT_WORDS = Set.of("for", "deploy", "deploys", "deploying", "run", "runs", "running",
            "install", "installs", "installing", "package", "packages", "packaging", "chart", "host", "hosting", "create", "generate",
            "standalone", "self-hosted", "up");
    /** Words right before a data store that say the app uses it. */
    private static final Set<String> USES_WORDS = Set.of("to", "uses", "use", "using", "with", "via", "by", "needs", "requires",
            "against", "own", "from", "into", "in", "on", "backed", "behind");
    /** Words right after a data store that say the app uses it ("Postgres credentials", "Redis connection"). */
    private static final Set<String> DEPENDENCY_NOUNS = Set.of("credentials", "credential", "connection", "connections", "url", "uri",
            "host", "hostname", "client", "dsn", "password", "user", "username", "backend", "instance", "server", "broker", "cluster",
            "database", "db", "cache", "queue");

    private final AppCatalog catalog;

    RequestParser(AppCatalog catalog) {
        this.catalog = catalog;
    }

    /** True when an environment variable name says its value is a secret. */
    static boolean secretLooking(String name) {
        return SecretNames.isSecret(name);
    }

    /**
     * Parses one text.
     *
     * @throws SpecException for values that are present but impossible (a port above 65535, ...)
     */
    ChartIntent parse(String text, ValueSource source) {
        ChartIntent.Builder f = ChartIntent.builder().source(source);
        if (text == null || text.isBlank()) {
            return f.build();
        }
        List<String> corrections = new ArrayList<>();
        String normalized = Wording.normalize(text, corrections);
        corrections.forEach(f::warn);
        Work w = new Work(normalized.replaceAll("[ \\t\\u00A0]+", " "));
        env(w, f);
        urls(w, f);
        images(w, f);
        hosts(w, f);
        configFiles(w, f);
        paths(w, f);
        autoscaling(w, f);
        replicas(w, f);
        ports(w, f);
        traefikNumbers(w, f);
        quantities(w, f);
        names(w, f);
        keywords(w, f);
        apps(w, f);
        secrets(w, f);
        extraContainers(w, f);
        return f.build();
    }

    // ===================================================================================== passes

    private void env(Work w, ChartIntent.Builder f) {
        Matcher m = ENV.matcher(w.norm);
        while (m.find()) {
            String rawName = m.group(1);
            String lowerName = rawName.toLowerCase(Locale.ROOT);
            if (NOT_IMAGE_NAMES.contains(lowerName) || lowerName.equals("replicas") || lowerName.equals("tls")) {
                w.blank(m.start(1) + rawName.length(), m.start(2)); // "replicas=3" is a fact, not an env var
                continue;
            }
            String value = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5) != null ? m.group(5) : m.group(6);
            if (m.group(6) != null) {
                value = value.replaceAll("[.)!?]+$", "");
            }
            String name = rawName.contains(".") || rawName.chars().anyMatch(Character::isLowerCase) && rawName.contains("__")
                    ? rawName : rawName.toUpperCase(Locale.ROOT);
            if (secretLooking(name)) {
                f.add(IntentField.SECRET_ENV, envPart(() -> SecretEnv.of(name)));
                f.warn(name + " looks like a secret: it comes from the chart's Secret; its literal value was not written into the chart"
                        + " — set it at install time");
            } else {
                String v = value;
                f.add(IntentField.ENV, envPart(() -> new EnvVar(name, v)));
            }
            w.blank(m.start(), m.end());
        }
    }

    private void urls(Work w, ChartIntent.Builder f) {
        Matcher m = URL.matcher(w.mask());
        while (m.find()) {
            String host = m.group(2).replaceAll("\\.+$", "");
            if (validHost(host)) {
                addHost(f, host);
                f.set(IntentField.INGRESS_ENABLED, true);
                if (m.group(1).equals("https")) {
                    f.set(IntentField.INGRESS_TLS, true);
                }
                if (m.group(4) != null && m.group(4).length() > 1) {
                    f.set(IntentField.INGRESS_PATH, w.norm.substring(m.start(4), m.end(4)).replaceAll("[.]+$", ""));
                }
            }
            w.blank(m.start(), m.end());
        }
    }

    private void images(Work w, ChartIntent.Builder f) {
        String mask = w.mask();
        Matcher m = IMAGE.matcher(mask);
        List<String> mainImages = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            String tag = m.group(2);
            String digest = m.group(3);
            if (tag != null && tag.endsWith(".")) {
                tag = tag.replaceAll("\\.+$", "");
            }
            if (!looksLikeImage(mask, m.start(), name, tag, digest)) {
                continue;
            }
            String originalTag = tag == null ? null : w.norm.substring(m.start(2), m.start(2) + tag.length());
            String ref = name + (tag == null ? "" : ":" + originalTag) + (digest == null ? "" : "@" + digest);
            Image image;
            try {
                image = Image.parse(ref);
            } catch (SpecException e) {
                continue;
            }
            String role = containerRole(mask, m.start(), m.end());
            if (role != null) {
                w.extraImages.add(new ExtraImage(role, image, m.start(), m.end()));
            } else if (!mainImages.contains(image.reference())) {
                mainImages.add(image.reference());
                putImage(f, image);
            }
            w.blank(m.start(), m.end());
        }
        if (mainImages.size() > 1) {
            f.ask(new Question("image", "Which image is the main container: " + String.join(" or ", mainImages) + "?",
                    Priority.CRITICAL, Optional.empty(), "the request names " + mainImages.size() + " images and none is marked as a sidecar or init container"));
        }
    }

    private static void putImage(ChartIntent.Builder f, Image image) {
        f.set(IntentField.IMAGE, image);
    }

    private boolean looksLikeImage(String mask, int start, String name, String tag, String digest) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        if (!last.matches(".*[a-z].*") || name.contains("..")) {
            return false;
        }
        String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
        if (NOT_IMAGE_NAMES.contains(first)) {
            return false;
        }
        boolean slash = name.contains("/");
        boolean registry = slash && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        List<String> before = AppCatalog.wordsBefore(mask.substring(0, start), 2);
        boolean keyword = before.stream().anyMatch(IMAGE_KEYWORDS::contains);
        if (digest != null) {
            return true;
        }
        if (tag != null) {
            if (!slash && name.contains(".")) {
                return false; // host:port
            }
            if (slash || keyword || catalog.find(name).isPresent()) {
                return true;
            }
            return tag.matches("v?\\d+(\\.\\d+)+.*|latest|stable|alpine|[a-z0-9.-]*\\d[a-z0-9.-]*-[a-z0-9.-]+");
        }
        if (slash) {
            return keyword || (registry && name.split("/").length > 2);
        }
        return !before.isEmpty() && before.get(0).equals("image");
    }

    private static String containerRole(String mask, int start, int end) {
        int from = clauseStart(mask, start);
        String before = mask.substring(Math.max(from, start - 60), start);
        int to = clauseEnd(mask, end);
        String after = mask.substring(end, Math.min(to, end + 40));
        int sidecarAt = Math.max(before.lastIndexOf("sidecar"), before.lastIndexOf("side-car"));
        int initAt = Math.max(before.lastIndexOf("init container"), Math.max(before.lastIndexOf("init-container"), before.lastIndexOf("initcontainer")));
        if (sidecarAt >= 0 || initAt >= 0) {
            return initAt > sidecarAt ? "init" : "sidecar";
        }
        if (after.matches("^\\s*(?:as\\s)?(?:an?\\s)?(?:the\\s)?(?:sidecar|side-car)\\b.*")) {
            return "sidecar";
        }
        if (after.matches("^\\s*(?:as\\s)?(?:an?\\s)?(?:the\\s)?(?:init[- ]?container)\\b.*")) {
            return "init";
        }
        return null;
    }

    private void hosts(Work w, ChartIntent.Builder f) {
        Matcher m = HOST.matcher(w.mask());
        while (m.find()) {
            String host = m.group(1);
            if (validHost(host)) {
                addHost(f, host);
                f.set(IntentField.INGRESS_ENABLED, true);
                w.blank(m.start(), m.end());
            }
        }
    }

    private boolean validHost(String host) {
        String tld = host.substring(host.lastIndexOf('.') + 1);
        if (tld.length() < 2 || FILE_TLDS.contains(tld) || host.length() > 253 || catalog.find(host).isPresent()) {
            return false;
        }
        return !host.endsWith(".svc") && !host.endsWith(".cluster.local") && !host.endsWith(".svc.cluster.local");
    }

    private static void addHost(ChartIntent.Builder f, String host) {
        List<String> hosts = new ArrayList<>(f.value(IntentField.INGRESS_HOSTS).orElse(List.of()));
        if (!hosts.contains(host)) {
            hosts.add(host);
        }
        f.set(IntentField.INGRESS_HOSTS, List.copyOf(hosts));
    }

    private void configFiles(Work w, ChartIntent.Builder f) {
        String mask = w.mask();
        Matcher m = CONFIG_FILE.matcher(mask);
        while (m.find()) {
            String file = w.norm.substring(m.start(1), m.end(1));
            String clause = clause(mask, m.start());
            if (file.equalsIgnoreCase("values.yaml") || file.equalsIgnoreCase("chart.yaml")
                    || !(clause.contains("config") || clause.contains("file") || clause.contains("mount"))) {
                continue;
            }
            String mountPath = null;
            Matcher at = cached("^\\s*(?:mounted\\s)?(?:at|in|under|into|to)\\s(/[A-Za-z0-9_.~/-]+)").matcher(mask.substring(m.end()));
            if (at.find()) {
                String dir = w.norm.substring(m.end() + at.start(1), m.end() + at.end(1)).replaceAll("[.]+$", "");
                if (dir.endsWith("/" + file)) {
                    dir = dir.substring(0, dir.length() - file.length() - 1);
                }
                mountPath = dir.isEmpty() ? "/" : dir;
                w.blank(m.end() + at.start(1), m.end() + at.end(1));
            }
            String mount = mountPath;
            f.add(IntentField.CONFIG_FILES, envPart(() -> new ConfigFile(file, mount, "")));
            w.blank(m.start(), m.end());
        }
    }

    private void paths(Work w, ChartIntent.Builder f) {
        String mask = w.mask();
        Matcher m = PATH.matcher(mask);
        while (m.find()) {
            String path = w.norm.substring(m.start(1), m.end(1)).replaceAll("[.,]+$", "");
            if (path.isEmpty()) {
                continue;
            }
            List<String> before = AppCatalog.wordsBefore(mask.substring(clauseStart(mask, m.start()), m.start()), 4);
            List<String> after = AppCatalog.words(mask.substring(m.end(), clauseEnd(mask, m.end())), 2);
            String kind = classifyPath(path.toLowerCase(Locale.ROOT), before, after);
            switch (kind) {
                case "readiness" -> f.set(IntentField.READINESS.path(), path);
                case "liveness" -> f.set(IntentField.LIVENESS.path(), path);
                case "health" -> {
                    f.set(IntentField.READINESS.path(), path);
                    f.set(IntentField.LIVENESS.path(), path);
                }
                case "startup" -> f.set(IntentField.STARTUP.path(), path);
                case "metrics" -> {
                    f.set(IntentField.METRICS_PATH, path);
                    f.set(IntentField.METRICS_ENABLED, true);
                }
                case "mount" -> f.set(IntentField.PERSISTENCE_MOUNT_PATH, path);
                case "ingress" -> {
                    f.set(IntentField.INGRESS_PATH, path);
                    f.setIfAbsent(IntentField.INGRESS_ENABLED, Boolean.TRUE);
                }
                default -> f.warn("path " + path + " was not understood (probe, metrics, volume or ingress path?) and is ignored");
            }
            w.blank(m.start(), m.end());
        }
    }

    private static String classifyPath(String path, List<String> before, List<String> after) {
        for (String word : before) {
            switch (word) {
                case "readiness", "ready" -> { return "readiness"; }
                case "liveness", "live", "alive", "liveliness" -> { return "liveness"; }
                case "startup" -> { return "startup"; }
                case "probe", "probes", "check", "checks" -> {
                    int i = before.indexOf(word);
                    String next = i + 1 < before.size() ? before.get(i + 1) : "";
                    return switch (next) {
                        case "readiness", "ready" -> "readiness";
                        case "liveness", "live", "liveliness" -> "liveness";
                        case "startup" -> "startup";
                        default -> "health";
                    };
                }
                case "health", "healthcheck", "healthchecks", "health-check", "healthz" -> { return "health"; }
                case "metrics", "prometheus", "scrape", "scraping", "scraped" -> { return "metrics"; }
                case "mount", "mounted", "mountpath", "volume", "data", "storage", "persist", "persistence", "stored", "store" -> { return "mount"; }
                case "path", "prefix", "route", "routes", "routed", "ingress", "context", "subpath", "ingressroute" -> { return "ingress"; }
                default -> { }
            }
        }
        if (path.matches("/(health|healthz|ready|readyz|live|livez|ping|status|actuator/health)(/.*)?")) {
            return "health";
        }
        if (path.equals("/metrics")) {
            return "metrics";
        }
        if (after.contains("stripped") || after.contains("prefix")
                || before.stream().anyMatch(w -> Set.of("at", "on", "under", "behind", "serve", "served").contains(w))) {
            return "ingress";
        }
        return "unknown";
    }

    private void autoscaling(Work w, ChartIntent.Builder f) {
        String mask = w.mask();
        Matcher m = HPA_RANGE.matcher(mask);
        boolean range = false;
        if (m.find()) {
            setRange(f, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            w.blank(m.start(1), m.end(2));
            range = true;
        }
        boolean mentioned = cached("\\b(autoscal\\w*|auto-scal\\w*|hpa|horizontal pod autoscal\\w*|scale automatically|scales automatically|elastic scaling)\\b").matcher(mask).find();
        if (!range && mentioned) {
            Matcher r = RANGE_REPLICAS.matcher(w.mask());
            if (r.find()) {
                setRange(f, Integer.parseInt(r.group(1)), Integer.parseInt(r.group(2)));
                w.blank(r.start(), r.end());
                range = true;
            }
        }
        if (mentioned || range) {
            Matcher min = HPA_MIN.matcher(w.mask());
            if (!range && min.find()) {
                f.set(IntentField.AUTOSCALING_MIN_REPLICAS, bounded("autoscaling.minReplicas", min.group(1), 1000));
                w.blank(min.start(), min.end());
            }
            Matcher max = HPA_MAX.matcher(w.mask());
            if (!range && max.find()) {
                f.set(IntentField.AUTOSCALING_MAX_REPLICAS, bounded("autoscaling.maxReplicas", max.group(1), 1000));
                w.blank(max.start(), max.end());
            }
        }
        Matcher cpu = CPU_PCT.matcher(w.mask());
        if (cpu.find()) {
            f.set(IntentField.AUTOSCALING_TARGET_CPU, percent(cpu.group(1) != null ? cpu.group(1) : cpu.group(2), f, "CPU"));
            w.blank(cpu.start(), cpu.end());
            mentioned = true;
        }
        Matcher mem = MEM_PCT.matcher(w.mask());
        if (mem.find()) {
            f.set(IntentField.AUTOSCALING_TARGET_MEMORY, percent(mem.group(1) != null ? mem.group(1) : mem.group(2), f, "memory"));
            w.blank(mem.start(), mem.end());
            mentioned = true;
        }
        if (mentioned || range) {
            f.set(IntentField.AUTOSCALING_ENABLED, !negatedKeyword(mask, "(autoscal\\w*|auto-scal\\w*|hpa)"));
        }
    }

    private static void setRange(ChartIntent.Builder f, int a, int b) {
        int min = Math.min(a, b);
        int max = Math.max(a, b);
        if (a > b) {
            f.warn("autoscaling range " + a + "–" + b + " read as " + min + "–" + max);
        }
        f.set(IntentField.AUTOSCALING_MIN_REPLICAS, bounded("autoscaling.minReplicas", String.valueOf(Math.max(min, 1)), 1000));
        f.set(IntentField.AUTOSCALING_MAX_REPLICAS, bounded("autoscaling.maxReplicas", String.valueOf(Math.max(max, 1)), 1000));
    }

    private static int percent(String value, ChartIntent.Builder f, String what) {
        int p = Integer.parseInt(value);
        if (p < 1 || p > 100) {
            f.warn(what + " target " + p + "% is not a utilisation between 1 and 100; using 80%");
            return 80;
        }
        return p;
    }

    private void replicas(Work w, ChartIntent.Builder f) {
        Set<Integer> values = new LinkedHashSet<>();
        for (Pattern p : List.of(NUMBER_WORD, REPLICAS_AFTER, SCALE_TO)) {
            Matcher m = p.matcher(w.mask());
            while (m.find()) {
                if (p == NUMBER_WORD && negatedAt(w.mask(), m.start())) {
                    continue;
                }
                String v = m.group(1);
                int n = NUMBER_WORDS.containsKey(v) ? NUMBER_WORDS.get(v) : bounded("replicas", v, 1000);
                values.add(n);
                w.blank(m.start(), m.end());
            }
        }
        if (values.isEmpty()) {
            return;
        }
        List<Integer> list = new ArrayList<>(values);
        int last = list.get(list.size() - 1);
        f.set(IntentField.REPLICAS, last);
        if (list.size() > 1) {
            f.ask(new Question("replicas", "How many replicas: " + list + "?", Priority.HIGH,
                    Optional.of(String.valueOf(last)), "the request gives different replica counts"));
        }
    }

    private void ports(Work w, ChartIntent.Builder f) {
        Matcher m = PORT_LIST.matcher(w.mask());
        List<Map<String, Object>> ports = new ArrayList<>();
        while (m.find()) {
            String word = m.group(1) == null ? "" : m.group(1);
            // "metrics and listening on port 8080": a conjunction ends the metrics clause, it does not name the port.
            boolean conjunction = Set.of("and", "with", "plus", "also", "then").contains(word.toLowerCase(java.util.Locale.ROOT));
            if (conjunction) {
                word = "";
            }
            String suffixName = m.group(3);
            Matcher nums = cached("\\d+").matcher(m.group(2));
            boolean first = true;
            while (nums.find()) {
                int port = bounded("port", nums.group(), 65535);
                String name = portName(first ? word : "", first ? suffixName : null);
                if (first && name.equals("http") && !conjunction && metricsContext(w.mask(), m.start())) {
                    name = "metrics";
                }
                if (word.equals("service")) {
                    f.set(IntentField.SERVICE_PORT, port);
                } else if (name.equals("metrics")) {
                    f.set(IntentField.METRICS_PORT, port);
                    f.set(IntentField.METRICS_ENABLED, true);
                } else if (ports.stream().noneMatch(p -> p.get("containerPort").equals(port))) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("name", name);
                    pm.put("containerPort", port);
                    if (word.equals("udp")) {
                        pm.put("protocol", "UDP");
                    }
                    if (first && Set.of("main", "primary", "app", "application").contains(word)) {
                        ports.add(0, pm);
                    } else {
                        ports.add(pm);
                    }
                }
                first = false;
            }
            // The optional word before the keyword is consumed only when it named the port ("grpc port 9090");
            // otherwise it belongs to the rest of the request ("keycloak listening on port 8080").
            boolean wordUsed = m.group(1) != null && (word.equals("service") || word.equals("udp")
                    || Set.of("main", "primary", "app", "application").contains(word) || !portName(word, null).equals("http")
                    || word.equals("http"));
            w.blank(wordUsed || m.group(1) == null ? m.start() : m.end(1), m.end());
        }
        if (!ports.isEmpty()) {
            Set<String> used = new LinkedHashSet<>();
            for (Map<String, Object> p : ports) {
                String base = (String) p.get("name");
                String name = base;
                for (int i = 2; !used.add(name); i++) {
                    name = (base.length() > 12 ? base.substring(0, 12) : base) + "-" + i;
                }
                p.put("name", name);
            }
            List<Port> typed = new ArrayList<>();
            for (Map<String, Object> p : ports) {
                typed.add(new Port((String) p.get("name"), (Integer) p.get("containerPort"), 0,
                        "UDP".equals(p.get("protocol")) ? Protocol.UDP : Protocol.TCP, null));
            }
            f.set(IntentField.PORTS, List.copyOf(typed));
        }
    }

    private static boolean metricsContext(String mask, int start) {
        for (String word : AppCatalog.wordsBefore(mask.substring(clauseStart(mask, start), start), 3)) {
            if (word.equals("metrics") || word.equals("prometheus")) {
                return true;
            }
            if (Set.of("and", "with", "plus", "also", "app", "main").contains(word)) {
                return false;
            }
        }
        return false;
    }

    private static String portName(String word, String suffix) {
        String w = suffix != null ? suffix : word;
        return switch (w) {
            case "grpc", "metrics", "admin", "management", "ssh", "smtp", "amqp", "api", "debug", "health", "web", "dns", "mqtt", "ws" -> w;
            case "https", "tls", "ssl" -> "https";
            default -> "http";
        };
    }

    private void traefikNumbers(Work w, ChartIntent.Builder f) {
        Matcher m = RATE.matcher(w.mask());
        if (m.find()) {
            int n = bounded("ingress.traefik.rateLimit.average", m.group(1), 1_000_000);
            String unit = m.group(2) == null ? "s" : m.group(2);
            if (unit.startsWith("min") || unit.equals("rpm")) {
                int perSecond = Math.max(1, (n + 59) / 60);
                f.warn("rate limit " + n + " per minute expressed as " + perSecond + " per second (Traefik averages per second)");
                n = perSecond;
            }
            f.set(IntentField.TRAEFIK_RATE_LIMIT_AVERAGE, n);
            w.blank(m.start(), m.end());
        }
        Matcher b = BURST.matcher(w.mask());
        if (b.find()) {
            f.set(IntentField.TRAEFIK_RATE_LIMIT_BURST, bounded("ingress.traefik.rateLimit.burst", b.group(1), 10_000_000));
            w.blank(b.start(), b.end());
        }
    }

    private void quantities(Work w, ChartIntent.Builder f) {
        String mask = w.mask();
        boolean persistenceWords = cached("\\b(persist\\w*|storage|disk|volume|pvc|stateful)\\b").matcher(mask).find();
        boolean dataStore = catalog.mentions(mask).stream().anyMatch(x -> x.app().dataStore() || x.app().persistence().isPresent());
        List<String> sizes = new ArrayList<>();
        Matcher m = QUANTITY.matcher(mask);
        while (m.find()) {
            String number = m.group(1);
            String unit = m.group(2);
            int cs = clauseStart(mask, m.start());
            int ce = clauseEnd(mask, m.end());
            List<String> before = AppCatalog.wordsBefore(mask.substring(cs, m.start()), 4);
            List<String> after = AppCatalog.words(mask.substring(m.end(), ce), 2);
            boolean cpuUnit = unit.startsWith("milli") || unit.equals("mcpu") || unit.startsWith("core") || unit.contains("cpu");
            boolean near = false;
            String next = after.isEmpty() ? "" : after.get(0).equals("of") && after.size() > 1 ? after.get(1) : after.get(0);
            String kind = null;
            if (cpuUnit) {
                kind = "cpu";
            } else if (STORAGE_WORDS.contains(next)) {
                kind = "storage";
            } else if (MEMORY_WORDS.contains(next)) {
                kind = "memory";
                near = true;
            } else if (CPU_WORDS.contains(next)) {
                kind = unit.equals("m") ? "cpu" : null;
            }
            if (kind == null) {
                for (String word : before) {
                    if (STORAGE_WORDS.contains(word)) {
                        kind = "storage";
                    } else if (MEMORY_WORDS.contains(word)) {
                        kind = "memory";
                        near = true;
                    } else if (CPU_WORDS.contains(word) && unit.equals("m")) {
                        kind = "cpu";
                    }
                    if (kind != null || word.equals("and")) {
                        break;
                    }
                }
            }
            if (kind == null) {
                boolean resourceWords = anyIn(before, LIMIT_WORDS) || anyIn(before, REQUEST_WORDS) || anyIn(after, LIMIT_WORDS);
                if (unit.equals("m") || unit.equals("k")) {
                    if (!unit.equals("m") || !resourceWords) {
                        continue; // minutes, metres, thousands: not a resource
                    }
                    kind = "cpu";
                } else if (resourceWords) {
                    kind = "memory";
                } else {
                    kind = persistenceWords || dataStore ? "storage" : "memory";
                }
            }
            String value;
            switch (kind) {
                case "cpu" -> value = cpu(number, unit);
                case "memory" -> value = bytes(number, unit.equals("m") && near ? "mi" : unit, f, "memory");
                default -> value = bytes(number, unit, f, "storage");
            }
            if (kind.equals("storage")) {
                if (!sizes.contains(value)) {
                    sizes.add(value);
                }
                f.set(IntentField.PERSISTENCE_ENABLED, true);
            } else {
                boolean limit = anyIn(after.subList(0, Math.min(1, after.size())), LIMIT_WORDS) || lastOf(before, LIMIT_WORDS, REQUEST_WORDS)
                        || (before.isEmpty() && clauseHas(mask, cs, m.start(), LIMIT_WORDS));
                IntentField<String> field = kind.equals("cpu")
                        ? (limit ? IntentField.RESOURCES_LIMITS_CPU : IntentField.RESOURCES_REQUESTS_CPU)
                        : (limit ? IntentField.RESOURCES_LIMITS_MEMORY : IntentField.RESOURCES_REQUESTS_MEMORY);
                f.set(field, value);
            }
            w.blank(m.start(), m.end());
        }
        if (!sizes.isEmpty()) {
            String last = sizes.get(sizes.size() - 1);
            f.set(IntentField.PERSISTENCE_SIZE, last);
            if (sizes.size() > 1) {
                f.ask(new Question("persistence.size", "How large should the volume be: " + String.join(" or ", sizes) + "?",
                        Priority.HIGH, Optional.of(last), "the request gives different storage sizes"));
            }
        }
    }

    private static boolean clauseHas(String mask, int from, int to, Set<String> words) {
        return AppCatalog.wordsBefore(mask.substring(from, to), 12).stream().anyMatch(words::contains);
    }

    private static boolean lastOf(List<String> before, Set<String> yes, Set<String> no) {
        for (String word : before) {
            if (yes.contains(word)) {
                return true;
            }
            if (no.contains(word)) {
                return false;
            }
        }
        return false;
    }

    private static String cpu(String number, String unit) {
        BigDecimal n = new BigDecimal(number);
        if (unit.equals("m") || unit.startsWith("milli") || unit.equals("mcpu")) {
            return n.setScale(0, java.math.RoundingMode.HALF_UP).toPlainString() + "m";
        }
        if (n.stripTrailingZeros().scale() <= 0) {
            return n.stripTrailingZeros().toPlainString();
        }
        return n.multiply(BigDecimal.valueOf(1000)).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString() + "m";
    }

    private static String bytes(String number, String unit, ChartIntent.Builder f, String what) {
        String suffix = switch (unit) {
            case "mi", "mib", "mb", "m" -> "Mi";
            case "gi", "gib", "gb", "g" -> "Gi";
            case "ti", "tib", "tb", "t" -> "Ti";
            default -> "Ki";
        };
        if (unit.endsWith("b") && !unit.endsWith("ib") || unit.length() == 1) {
            f.warn(what + " " + number + unit.toUpperCase(Locale.ROOT) + " read as " + number + suffix + " (binary units)");
        }
        return new BigDecimal(number).stripTrailingZeros().toPlainString() + suffix;
    }

    private void names(Work w, ChartIntent.Builder f) {
        String mask = w.mask();
        Matcher m = NAMED.matcher(mask);
        while (m.find()) {
            List<String> before = AppCatalog.wordsBefore(mask.substring(clauseStart(mask, m.start()), m.start()), 2);
            if (before.stream().anyMatch(NAMED_EXCLUDED_CONTEXT::contains)) {
                continue;
            }
            f.set(IntentField.NAME, ChartNames.label(m.group(1)));
            w.blank(m.start(), m.end());
            break;
        }
        Matcher ns = NAMESPACE.matcher(w.mask());
        if (ns.find()) {
            String value = ns.group(1) != null ? ns.group(1) : ns.group(2);
            if (!Set.of("a", "the", "its", "own", "same", "my", "our", "default").contains(value) && value.length() <= 63) {
                f.set(IntentField.NAMESPACE, value);
                w.blank(ns.start(), ns.end());
            }
        }
        Matcher sc = STORAGE_CLASS.matcher(w.mask());
        boolean scFound = sc.find();
        if (!scFound || Set.of("a", "the", "default", "any", "with", "and", "of", "on").contains(sc.group(1))) {
            sc = STORAGE_CLASS_BEFORE.matcher(w.mask());
            scFound = sc.find();
        }
        if (scFound) {
            String value = sc.group(1);
            if (!Set.of("a", "the", "default", "fast", "any", "with", "and", "of", "on", "in", "using").contains(value)) {
                f.set(IntentField.PERSISTENCE_STORAGE_CLASS, value);
                f.setIfAbsent(IntentField.PERSISTENCE_ENABLED, Boolean.TRUE);
            }
            w.blank(sc.start(), sc.end());
        }
        Matcher es = EXISTING_SECRET.matcher(w.mask());
        if (es.find()) {
            f.set(IntentField.EXISTING_SECRET, es.group(1));
            w.blank(es.start(), es.end());
        }
        Matcher cr = CERT_RESOLVER.matcher(w.mask());
        if (cr.find()) {
            String value = cr.group(1) != null ? cr.group(1) : cr.group(2);
            if (!Set.of("a", "the", "with", "and", "using").contains(value)) {
                f.set(IntentField.INGRESS_CERT_RESOLVER, value);
                f.set(IntentField.INGRESS_TLS, true);
            }
            w.blank(cr.start(), cr.end());
        }
        Matcher ba = BASIC_AUTH.matcher(w.mask());
        if (ba.find() && ba.group(1) != null && !Set.of("and", "with", "for", "on").contains(ba.group(1))) {
            f.set(IntentField.TRAEFIK_BASIC_AUTH_SECRET, ba.group(1));
            w.blank(ba.start(), ba.end());
        }
        Matcher ep = ENTRY_POINTS.matcher(w.mask());
        if (ep.find()) {
            List<String> eps = new ArrayList<>();
            for (String e : ep.group(1).split("\\s*(?:,|and)\\s*")) {
                if (!e.isBlank()) {
                    eps.add(e.strip());
                }
            }
            f.set(IntentField.TRAEFIK_ENTRY_POINTS, eps);
            w.blank(ep.start(), ep.end());
        }
        Matcher ra = RUN_AS.matcher(w.mask());
        if (ra.find()) {
            long uid = Long.parseLong(ra.group(1).length() > 10 ? "0" : ra.group(1));
            if (uid >= 1 && uid <= 2_147_483_647L) {
                f.set(IntentField.SECURITY_RUN_AS_USER, uid);
            } else {
                f.warn("run-as user " + ra.group(1) + " ignored: the chart never runs as root; using the default non-root UID");
            }
            w.blank(ra.start(), ra.end());
        }
        Matcher ic = INGRESS_CLASS.matcher(w.mask());
        if (ic.find()) {
            String cls = ic.group(1) != null ? ic.group(1) : ic.group(2) != null ? ic.group(2) : "nginx";
            if (!Set.of("a", "the", "name", "named").contains(cls)) {
                f.set(IntentField.INGRESS_CONTROLLER, cls.equals("nginx") ? IngressController.NGINX : cls.equals("traefik") ? IngressController.TRAEFIK
                        : IngressController.GENERIC);
                if (!cls.equals("traefik")) {
                    f.set(IntentField.INGRESS_CLASS_NAME, cls);
                }
                f.set(IntentField.INGRESS_ENABLED, true);
            }
            w.blank(ic.start(), ic.end());
        }
    }

    private void keywords(Work w, ChartIntent.Builder f) {
        String t = w.mask().replaceAll(" +", " ");
        // tier
        List<Tier> tiers = new ArrayList<>();
        addTier(t, tiers, Tier.PROD, "production(?:[- ](?:ready|grade))?|prod|prd");
        addTier(t, tiers, Tier.STAGING, "staging|stage|pre-?prod|pre-production|qa|uat");
        addTier(t, tiers, Tier.DEV, "dev|development|develop|local|sandbox|testing|demo|poc|playground");
        if (tiers.size() == 1) {
            f.set(IntentField.TIER, tiers.get(0));
        } else if (tiers.size() > 1) {
            Tier strongest = tiers.contains(Tier.PROD) ? Tier.PROD : Tier.STAGING;
            f.set(IntentField.TIER, strongest);
            f.ask(new Question("tier", "Which environment is this chart for: " + tiers + "?", Priority.HIGH,
                    Optional.of(strongest.wire()), "the request names several environment tiers"));
        }
        if (found(t, "high(?:ly)?[- ]availab\\w*|ha|fault[- ]tolerant|redundant|no single point of failure|resilient")) {
            f.set(IntentField.HIGH_AVAILABILITY, !negatedKeyword(t, "(high(?:ly)?[- ]availab\\w*|ha|fault[- ]tolerant|redundant)"));
        }
        if (found(t, "network[- ]?polic(?:y|ies)|netpol\\w*|network isolation|isolated network|zero[- ]trust|firewall\\w*")) {
            f.set(IntentField.NETWORK_POLICY_ENABLED, !negatedKeyword(t, "(network[- ]?polic(?:y|ies)|netpol\\w*|network isolation)"));
        }
        if (found(t, "(?:deny|denies|denying|block|blocks|blocking|restrict|restricts|restricting|no|without) (?:all )?(?:external )?egress|egress (?:denied|blocked|restricted)")) {
            f.set(IntentField.NETWORK_POLICY_ALLOW_EXTERNAL_EGRESS, false);
            f.setIfAbsent(IntentField.NETWORK_POLICY_ENABLED, Boolean.TRUE);
        }
        if (found(t, "only (?:from|allow) (?:the )?same namespace|only (?:from )?labell?ed clients|restrict(?:ed)? ingress traffic")) {
            f.set(IntentField.NETWORK_POLICY_ALLOW_EXTERNAL, false);
            f.setIfAbsent(IntentField.NETWORK_POLICY_ENABLED, Boolean.TRUE);
        }
        // service type
        if (found(t, "load[- ]?balancer|lb service")) {
            f.set(IntentField.SERVICE_TYPE, ServiceType.LOAD_BALANCER);
        } else if (found(t, "node[- ]?port")) {
            f.set(IntentField.SERVICE_TYPE, ServiceType.NODE_PORT);
        } else if (found(t, "cluster[- ]?ip")) {
            f.set(IntentField.SERVICE_TYPE, ServiceType.CLUSTER_IP);
        }
        // ingress and controller
        boolean traefik = found(t, "traefik|ingress[- ]?route");
        boolean nginxIngress = f.value(IntentField.INGRESS_CONTROLLER).orElse(null) == IngressController.NGINX;
        if (traefik && !negatedKeyword(t, "(traefik)")) {
            if (nginxIngress) {
                f.ask(new Question("ingress.controller", "Which ingress controller: nginx or traefik?", Priority.HIGH,
                        Optional.of("traefik"), "the request names both an nginx ingress and Traefik"));
            }
            f.set(IntentField.INGRESS_CONTROLLER, IngressController.TRAEFIK);
            f.unset(IntentField.INGRESS_CLASS_NAME);
            f.set(IntentField.INGRESS_ENABLED, true);
        }
        if (found(t, "ingress|expose[sd]? (?:it |the app |the service )?(?:publicly|externally|to the (?:internet|world|outside))|public(?:ly)? (?:accessible|reachable|available)|internet[- ]facing")) {
            boolean off = negatedKeyword(t, "(ingress)") || found(t, "internal only|internal-only|cluster-internal");
            f.set(IntentField.INGRESS_ENABLED, !off);
        }
        if (found(t, "tls|https|ssl|certificate|cert-manager|lets ?encrypt|let's encrypt|acme")) {
            boolean off = negatedKeyword(t, "(tls|https|ssl)") || found(t, "http only|plain http|http-only");
            if (!f.has(IntentField.INGRESS_TLS)) {
                f.set(IntentField.INGRESS_TLS, !off);
            }
            if (!off && found(t, "lets ?encrypt|let's encrypt|acme") && traefik && !f.has(IntentField.INGRESS_CERT_RESOLVER)) {
                f.set(IntentField.INGRESS_CERT_RESOLVER, "letsencrypt");
            }
        }
        if (found(t, "strip(?:s|ped|ping)?(?: the)?(?: path)?[- ]?prefix|prefix(?: \\S+)?(?: is| being)? stripped|stripprefix|strip(?:ped|ping)? (?:the )?path")) {
            f.set(IntentField.TRAEFIK_STRIP_PREFIX, true);
        }
        if (found(t, "redirect\\w*(?: all)?(?: plain)?(?: http)?(?: traffic| requests)?(?: to)? https|https[- ]redirect|force[sd]? https|http to https|https only|enforce[sd]? https|redirect to tls")) {
            f.set(IntentField.TRAEFIK_REDIRECT_HTTPS, true);
            f.set(IntentField.INGRESS_TLS, true);
        }
        if (found(t, "security headers|secure headers|hsts|custom headers|response headers")) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Frame-Options", "DENY");
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
            if (found(t, "hsts") || Boolean.TRUE.equals(f.value(IntentField.INGRESS_TLS).orElse(null))) {
                headers.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
            f.set(IntentField.TRAEFIK_HEADERS, headers);
        }
        // persistence
        if (found(t, "persist\\w*|pvc|volume|disk|storage|stateful")) {
            boolean off = negatedKeyword(t, "(persist\\w*|pvc|volume|disk|storage)") || found(t, "stateless|ephemeral|in-memory only");
            if (off || !f.has(IntentField.PERSISTENCE_ENABLED)) {
                f.set(IntentField.PERSISTENCE_ENABLED, !off);
            }
        } else if (found(t, "stateless|ephemeral")) {
            f.set(IntentField.PERSISTENCE_ENABLED, false);
        }
        if (found(t, "readwritemany|read[- ]write[- ]many|rwx|shared (?:volume|storage|disk)")) {
            f.set(IntentField.PERSISTENCE_ACCESS_MODE, AccessMode.READ_WRITE_MANY);
        } else if (found(t, "readonlymany|read[- ]only[- ]many|rox")) {
            f.set(IntentField.PERSISTENCE_ACCESS_MODE, AccessMode.READ_ONLY_MANY);
        } else if (found(t, "readwriteoncepod|rwop")) {
            f.set(IntentField.PERSISTENCE_ACCESS_MODE, AccessMode.READ_WRITE_ONCE_POD);
        } else if (found(t, "readwriteonce|read[- ]write[- ]once|rwo")) {
            f.set(IntentField.PERSISTENCE_ACCESS_MODE, AccessMode.READ_WRITE_ONCE);
        }
        // metrics
        if (found(t, "metrics|service[- ]?monitor|prometheus[- ]operator|scrape\\w*")) {
            f.set(IntentField.METRICS_ENABLED, !negatedKeyword(t, "(metrics)"));
        }
        if (found(t, "service[- ]?monitor|prometheus[- ]operator")) {
            f.set(IntentField.METRICS_SERVICE_MONITOR, true);
            f.set(IntentField.METRICS_ENABLED, true);
        }
        if (found(t, "startup probe|slow[- ]start\\w*|starts slowly|slow to start")) {
            f.set(IntentField.STARTUP.enabled(), true);
        }
        if (found(t, "grpc (?:health|probe)\\w*")) {
            f.set(IntentField.READINESS.type(), ProbeType.GRPC);
            f.set(IntentField.LIVENESS.type(), ProbeType.GRPC);
        } else if (found(t, "tcp (?:health|probe)\\w*")) {
            f.set(IntentField.READINESS.type(), ProbeType.TCP);
            f.set(IntentField.LIVENESS.type(), ProbeType.TCP);
        }
        if (found(t, "always pull|pull ?policy:? always|imagepullpolicy:? always")) {
            f.set(IntentField.IMAGE_PULL_POLICY, PullPolicy.ALWAYS);
        }
        if (found(t, "writable root|read-write root|no read-only root")) {
            f.set(IntentField.SECURITY_READ_ONLY_ROOT_FILESYSTEM, false);
        }
        // workers and consumers: no ports ("a queue worker with no ports" must not get port 8080, a Service and TCP probes)
        boolean noPorts = found(t, "no (?:open |exposed |network )?ports?|without (?:any )?(?:open |exposed )?ports?|"
                + "(?:does not|doesn't|do not|don't|never) (?:listen|expose|serve)\\w*(?: (?:on )?any (?:port|traffic))?|no (?:http |network )?(?:server|listener|endpoint)s?");
        boolean workerRole = found(t, "(?:background |queue |message |event |job )?(?:workers?|consumers?)|queue (?:processor|listener)");
        if (!f.has(IntentField.PORTS) && !f.has(IntentField.SERVICE_PORT)
                && (noPorts || (workerRole && !f.has(IntentField.INGRESS_ENABLED) && !f.has(IntentField.INGRESS_HOSTS)
                && !found(t, "https?|api|web|website|server|ports?|listen\\w*|endpoint|ui|dashboard|frontend|grpc")))) {
            f.set(IntentField.PORTS, List.of());
        }
        // workload kind
        Optional<String> spoken = Schedules.cron(t);
        boolean cronWords = found(t, "cron ?jobs?|scheduled (?:jobs?|tasks?)|runs? (?:every|nightly|daily|hourly|weekly)");
        boolean jobWords = found(t, "jobs?|tasks?|backups?|cleanups?|clean up|reports?|batch|scripts?|syncs?|exports?|imports?"
                + "|scheduled?|cron\\w*|runs?|digests?|emails?|purges?|prunes?|snapshots?");
        if (cronWords || (spoken.isPresent() && jobWords && !found(t, "batch job|one-off job|one-shot job|run once|runs once"))) {
            f.set(IntentField.WORKLOAD, Workload.CRONJOB);
            Matcher cron = CRON.matcher(w.norm);
            if (cron.find()) {
                f.set(IntentField.JOB_SCHEDULE, cron.group(1));
            } else if (spoken.isPresent()) {
                f.set(IntentField.JOB_SCHEDULE, spoken.get());
            } else {
                f.set(IntentField.JOB_SCHEDULE, "0 3 * * *");
                f.warn("no cron schedule given; running daily at 03:00");
            }
        } else if (found(t, "batch job|one-off job|one-shot job|run once|runs once|kubernetes job|as a job|migration job")) {
            f.set(IntentField.WORKLOAD, Workload.JOB);
        } else if (found(t, "statefulset|stateful set")) {
            f.set(IntentField.WORKLOAD, Workload.STATEFULSET);
        }
    }

    private static void addTier(String t, List<Tier> tiers, Tier tier, String regex) {
        Matcher m = cached("\\b(" + regex + ")\\b").matcher(t);
        while (m.find()) {
            if (!negatedAt(t, m.start()) && !tiers.contains(tier)) {
                tiers.add(tier);
            }
        }
    }

    private void apps(Work w, ChartIntent.Builder f) {
        String mask = w.mask();
        for (AppCatalog.Mention mention : catalog.mentions(mask)) {
            AppEntry app = mention.app();
            if (containerRole(mask, mention.start(), mention.end()) != null || negatedAt(mask, mention.start())) {
                w.extraApps.add(mention);
                continue;
            }
            if (app.runtime()) {
                f.setIfAbsent(IntentField.RUNTIME, app.id());
                continue;
            }
            if (app.category().equals("utility")) {
                continue;
            }
            if (usedByTheApp(mask, mention, f)) {
                // "with Postgres credentials ...", "connects to Redis": the app's dependency, never the main workload.
                f.dependency(app.id());
                continue;
            }
            if (!f.has(IntentField.APP)) {
                f.set(IntentField.APP, app.id());
                Matcher v = cached("^\\s*(?:version\\s|v)?(\\d+(?:\\.\\d+){0,2})(?![\\w.%]|\\s*(?:replicas?|instances?|pods?|gi|mi|gb|mb|g\\b|m\\b|%|cores?|cpus?|ports?|x\\b))")
                        .matcher(mask.substring(mention.end()));
                if (v.find()) {
                    f.set(IntentField.REQUESTED_VERSION, v.group(1));
                }
            } else {
                List<String> others = new ArrayList<>(f.value(IntentField.OTHER_APPS).orElse(List.of()));
                if (!f.value(IntentField.APP).orElseThrow().equals(app.id()) && !others.contains(app.id())) {
                    others.add(app.id());
                    f.set(IntentField.OTHER_APPS, List.copyOf(others));
                }
            }
        }
        if (!f.has(IntentField.APP) && !f.has(IntentField.RUNTIME) && !f.has(IntentField.IMAGE) && !f.hasDependencies()) {
            // A misspelled app name ("postgress") is offered, never applied silently: the catalog's image would follow from it.
            Wording.closestApp(mask, catalog).ifPresent(app -> f.ask(new Question("app", "Did you mean " + app.name() + "?",
                    Priority.HIGH, Optional.of(app.id()), "the request names no known app, image or runtime; " + app.name()
                    + " is the closest catalog name")));
        }
        if (!f.has(IntentField.REQUESTED_VERSION)) {
            Matcher v = cached("\\bversion\\s*[:=]?\\s*v?(\\d+(?:\\.\\d+){0,2})\\b").matcher(mask);
            if (v.find() && f.has(IntentField.APP)) {
                f.set(IntentField.REQUESTED_VERSION, v.group(1));
            }
        }
    }

    /**
     * True when a data store is named as something the app uses rather than as the app the chart is for:
     * it is not the subject ("a chart for postgres", "deploy redis") and either the request runs another image
     * ("image ghcr.io/acme/orders-api:1.2.0 ... with Postgres credentials") or the mention reads as a use
     * ("connects to Redis", "with its own MySQL", "Postgres credentials") while something else is the subject
     * (a runtime, another app, a name, "an API").
     */
    private boolean usedByTheApp(String mask, AppCatalog.Mention mention, ChartIntent.Builder f) {
        AppEntry app = mention.app();
        if (!app.dataStore()) {
            return false;
        }
        List<String> before = new ArrayList<>(AppCatalog.wordsBefore(mask.substring(clauseStart(mask, mention.start()), mention.start()), 4));
        before.removeIf(ARTICLES::contains);
        String nearest = before.isEmpty() ? "" : before.get(0);
        if (SUBJECT_WORDS.contains(nearest)) {
            return false;
        }
        Image image = f.value(IntentField.IMAGE).orElse(null);
        boolean foreignImage = image != null && catalog.findByImage(image).filter(e -> e == app).isEmpty()
                && !image.shortName().contains(app.id()) && app.aliases().stream().noneMatch(a -> image.shortName().contains(a));
        if (foreignImage) {
            return true;
        }
        List<String> after = AppCatalog.words(mask.substring(mention.end(), clauseEnd(mask, mention.end())), 2);
        boolean uses = USES_WORDS.contains(nearest) || (!after.isEmpty() && DEPENDENCY_NOUNS.contains(after.get(0)))
                || (after.size() > 1 && after.get(0).equals("for") && after.get(1).startsWith("cach"));
        // Order-insensitive: something else anywhere in the request can be the subject (a runtime, another app, a name).
        boolean otherSubject = f.has(IntentField.NAME) || catalog.mentions(mask).stream().map(AppCatalog.Mention::app)
                .anyMatch(other -> other != app && !other.dataStore() && !other.category().equals("utility"));
        return uses && otherSubject;
    }

    private void secrets(Work w, ChartIntent.Builder f) {
        String mask = w.mask();
        Matcher m = IDENT.matcher(w.norm);
        while (m.find()) {
            if (w.blanked(m.start())) {
                continue;
            }
            String name = m.group(1).toUpperCase(Locale.ROOT);
            String clause = clause(mask, m.start());
            boolean secretContext = clause.matches(".*\\b(secrets?|sensitive|credentials?|secretkeyref)\\b.*");
            boolean envContext = clause.matches(".*\\b(env|environment|variables?|vars?)\\b.*");
            if (secretContext || secretLooking(name)) {
                f.add(IntentField.SECRET_ENV, envPart(() -> SecretEnv.of(name)));
            } else if (envContext) {
                f.add(IntentField.ENV, envPart(() -> new EnvVar(name, "")));
                f.warn("environment variable " + name + " has no value; set it in values (extraEnvVars) at install time");
            }
        }
    }

    private void extraContainers(Work w, ChartIntent.Builder f) {
        String mask = w.mask();
        Set<String> names = new LinkedHashSet<>();
        for (ExtraImage x : w.extraImages) {
            addExtra(f, x.role(), x.image(), mask, x.start(), x.end(), names, null);
        }
        for (AppCatalog.Mention mention : w.extraApps) {
            String role = containerRole(mask, mention.start(), mention.end());
            if (role == null || w.extraImages.stream().anyMatch(x -> Math.abs(x.start() - mention.start()) < 40 && x.role().equals(role))) {
                continue;
            }
            addExtra(f, role, mention.app().image(), mask, mention.start(), mention.end(), names, mention.app());
        }
        boolean initMentioned = cached("\\binit[- ]?containers?\\b").matcher(mask).find();
        if (initMentioned && !f.has(IntentField.INIT_CONTAINERS)) {
            Matcher wait = WAIT_FOR.matcher(mask);
            if (wait.find()) {
                String target = wait.group(1);
                int port = catalog.find(target).flatMap(a -> a.ports().stream().findFirst()).map(p -> p.containerPort()).orElse(0);
                if (port > 0) {
                    f.add(IntentField.INIT_CONTAINERS, new ExtraContainer("wait-for-" + ChartNames.label(target),
                            catalog.find("busybox").map(AppEntry::image).orElse(Image.of("busybox", "1.37.0")),
                            List.of("sh", "-c", "until nc -z " + ChartNames.label(target) + " " + port + "; do echo waiting for "
                                    + ChartNames.label(target) + "; sleep 2; done"), List.of(), List.of(), List.of()));
                } else {
                    f.warn("init container to wait for '" + target + "' not added: its port is unknown; add it to initContainers");
                }
            } else {
                f.warn("an init container was mentioned without an image or a command; none was added");
            }
        }
        if (cached("\\bside-?cars?\\b").matcher(mask).find() && !f.has(IntentField.SIDECARS)) {
            f.warn("a sidecar was mentioned without an image; none was added — name its image, e.g. fluent/fluent-bit:3.2.4");
        }
    }

    private void addExtra(ChartIntent.Builder f, String role, Image image, String mask, int start, int end, Set<String> names, AppEntry app) {
        String base = ChartNames.label(app != null ? app.id() : image.shortName());
        if (base.length() > 50) {
            base = base.substring(0, 50);
        }
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "-" + i;
        }
        List<String> command = List.of();
        int ce = clauseEnd(mask, end);
        Matcher q = QUOTED.matcher(mask.substring(end, ce));
        if (q.find()) {
            String cmd = q.group(1) != null ? q.group(1) : q.group(2) != null ? q.group(2) : q.group(3);
            command = List.of("sh", "-c", cmd);
        }
        List<Port> ports = new ArrayList<>();
        if (role.equals("sidecar") && app != null && !app.ports().isEmpty()) {
            app.ports().forEach(p -> ports.add(new Port(p.name(), p.containerPort(), 0, null, false)));
        }
        ExtraContainer c = new ExtraContainer(name, image, command, List.of(), List.of(), ports);
        f.add(role.equals("init") ? IntentField.INIT_CONTAINERS : IntentField.SIDECARS, c);
    }

    /** Builds an env entry, naming the field when the name is not a valid variable name. */
    private static <T> T envPart(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (SpecException e) {
            throw new SpecException("env." + e.field(), e.problem(), e.fix());
        }
    }

    // ===================================================================================== helpers

    static int bounded(String field, String digits, int max) {
        if (digits.length() > 9) {
            throw new SpecException(field, digits + " is out of range", "use a value between 1 and " + max);
        }
        int n = Integer.parseInt(digits);
        if (n < 1 || n > max) {
            throw new SpecException(field, n + " is out of range", "use a value between 1 and " + max);
        }
        return n;
    }

    private static boolean anyIn(List<String> words, Set<String> set) {
        for (String w : words) {
            if (set.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static final Map<String, Pattern> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** Keyword patterns are written inline for readability and compiled once. */
    private static Pattern cached(String regex) {
        return CACHE.computeIfAbsent(regex, Pattern::compile);
    }

    private static boolean found(String text, String regex) {
        return cached("\\b(?:" + regex + ")\\b").matcher(text).find();
    }

    /** True when every occurrence of the keyword is negated ("no ingress", "without TLS"). */
    private static boolean negatedKeyword(String text, String regex) {
        Matcher m = cached("\\b" + regex + "\\b").matcher(text);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (!negatedAt(text, m.start())) {
                return false;
            }
        }
        return any;
    }

    private static boolean negatedAt(String text, int pos) {
        List<String> before = AppCatalog.wordsBefore(text.substring(clauseStart(text, pos), pos), 3);
        return before.stream().anyMatch(NEGATIONS::contains) || (!before.isEmpty() && before.get(0).equals("t"));
    }

    private static int clauseStart(String text, int pos) {
        for (int i = pos - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ',' || c == ';' || c == '\n' || c == '!' || c == '?' || (c == '.' && (i + 1 >= text.length() || text.charAt(i + 1) == ' '))
                    || (c == '-' && i > 0 && text.charAt(i - 1) == ' ' && i + 1 < text.length() && text.charAt(i + 1) == ' ')) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int clauseEnd(String text, int pos) {
        for (int i = pos; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ';' || c == '\n' || c == '!' || c == '?' || (c == '.' && (i + 1 >= text.length() || text.charAt(i + 1) == ' '))
                    || (c == '-' && i > 0 && text.charAt(i - 1) == ' ' && i + 1 < text.length() && text.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return text.length();
    }

    private static String clause(String text, int pos) {
        return text.substring(clauseStart(text, pos), clauseEnd(text, pos));
    }

    /** An image that belongs to a sidecar or an init container. */
    private record ExtraImage(String role, Image image, int start, int end) {
    }

    /** The text being parsed: normalized original, and a lowercase working copy with consumed values blanked. */
    private static final class Work {
        final String norm;
        private final char[] mask;
        private final boolean[] consumed;
        final List<ExtraImage> extraImages = new ArrayList<>();
        final List<AppCatalog.Mention> extraApps = new ArrayList<>();

        Work(String text) {
            char[] c = text.toCharArray();
            for (int i = 0; i < c.length; i++) {
                c[i] = switch (c[i]) {
                    case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
                    case '\u2018', '\u2019' -> '\'';
                    case '\u201C', '\u201D' -> '"';
                    case '\u00A0', '\t', '\r' -> ' ';
                    default -> c[i];
                };
            }
            norm = new String(c);
            mask = new char[c.length];
            for (int i = 0; i < c.length; i++) {
                mask[i] = Character.toLowerCase(c[i]);
            }
            consumed = new boolean[c.length];
        }

        String mask() {
            return new String(mask);
        }

        void blank(int from, int to) {
            for (int i = Math.max(0, from); i < Math.min(to, mask.length); i++) {
                if (mask[i] != ',' && mask[i] != ';' && mask[i] != '\n') {
                    mask[i] = ' ';
                }
                consumed[i] = true;
            }
        }

        boolean blanked(int pos) {
            return consumed[pos];
        }
    }
}
