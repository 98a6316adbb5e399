package dev.k8sautopilot.config;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configuration keys with their sources, highest precedence first: values set on this object (builder
 * calls) &gt; system properties {@code k8sautopilot.<key>} &gt; environment {@code K8S_AUTOPILOT_<KEY>}
 * (dots and dashes become underscores, upper case) &gt; {@code k8s-autopilot.properties} on the classpath &gt;
 * defaults.
 *
 * <pre>{@code
 * AutopilotConfig config = AutopilotConfig.load().with("llm.provider", "openai").with("heal.maxAttempts", "5");
 * config.getInt(AutopilotConfig.HEAL_MAX_ATTEMPTS);
 * }</pre>
 *
 * Nothing reads the environment implicitly: {@code ChartPipeline.builder()} uses {@link #defaults()} unless
 * it is given a configuration, so only code that calls {@link #load()} (the command line does) is affected
 * by {@code K8S_AUTOPILOT_*} variables.
 *
 * <p>Immutable and thread-safe. API keys are not configuration: they come from each provider's usual
 * environment variable and never pass through this class's {@link #toString()}.
 */
public final class AutopilotConfig {

    /** LLM provider id ({@code openai}, {@code anthropic}, {@code ollama}, {@code gemini}); empty = offline. */
    public static final String LLM_PROVIDER = "llm.provider";
    /** Model name for every stage unless a stage overrides it. */
    public static final String LLM_MODEL = "llm.model";
    /** Sampling temperature, default 0.0. */
    public static final String LLM_TEMPERATURE = "llm.temperature";
    /** Output token limit, default 2048. */
    public static final String LLM_MAX_TOKENS = "llm.maxTokens";
    /** Total seconds (or an ISO-8601 duration) one stage may spend on the model, retries included, default 60. */
    public static final String LLM_TIMEOUT = "llm.timeout";
    /** Endpoint override. */
    public static final String LLM_BASE_URL = "llm.baseUrl";
    /** Retries on rate limits and server errors, default 2. */
    public static final String LLM_MAX_RETRIES = "llm.maxRetries";
    /** Strict JSON-schema output on OpenAI-compatible servers (OpenAI's own endpoint always), default false. */
    public static final String LLM_STRICT_SCHEMA = "llm.strictSchema";
    /** Model for the planning stage. */
    public static final String PLANNER_LLM_MODEL = "planner.llm.model";
    /** Model for the healing stage. */
    public static final String HEALER_LLM_MODEL = "healer.llm.model";
    /** Checkpointer URI, default {@code memory:}. */
    public static final String CHECKPOINTER = "checkpointer";
    /** Planning review gate on/off, default false. */
    public static final String GATE_PLANNING_REVIEW = "gates.planningReview";
    /** Generation review gate on/off, default true. */
    public static final String GATE_GENERATION_REVIEW = "gates.generationReview";
    /** Healing rounds before escalation, default 3. */
    public static final String HEAL_MAX_ATTEMPTS = "heal.maxAttempts";
    /** Target Kubernetes version, default 1.31.0. */
    public static final String KUBE_VERSION = "kubeVersion";

    private static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(LLM_PROVIDER, "");
        d.put(LLM_MODEL, "");
        d.put(LLM_TEMPERATURE, "0.0");
        d.put(LLM_MAX_TOKENS, "2048");
        d.put(LLM_TIMEOUT, "60");
        d.put(LLM_BASE_URL, "");
        d.put(LLM_MAX_RETRIES, "2");
        d.put(LLM_STRICT_SCHEMA, "false");
        d.put(PLANNER_LLM_MODEL, "");
        d.put(HEALER_LLM_MODEL, "");
        d.put(CHECKPOINTER, "memory:");
        d.put(GATE_PLANNING_REVIEW, "false");
        d.put(GATE_GENERATION_REVIEW, "true");
        d.put(HEAL_MAX_ATTEMPTS, "3");
        d.put(KUBE_VERSION, "1.31.0");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    private final Map<String, String> explicit;
    private final Map<String, String> system;
    private final Map<String, String> environment;
    private final Map<String, String> classpath;

    private AutopilotConfig(Map<String, String> explicit, Map<String, String> system, Map<String, String> environment,
                            Map<String, String> classpath) {
        this.explicit = Map.copyOf(explicit);
        this.system = Map.copyOf(system);
        this.environment = Map.copyOf(environment);
        this.classpath = Map.copyOf(classpath);
    }

    /** Reads system properties, the environment and {@code k8s-autopilot.properties} from the classpath. */
    public static AutopilotConfig load() {
        Map<String, String> sys = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.startsWith("k8sautopilot.")) {
                sys.put(key.substring("k8sautopilot.".length()), String.valueOf(v));
            }
        });
        return new AutopilotConfig(Map.of(), sys, System.getenv(), classpathProperties());
    }

    /** Only defaults and the given sources: for tests and hosts that want full control. */
    public static AutopilotConfig of(Map<String, String> values) {
        return new AutopilotConfig(values, Map.of(), Map.of(), Map.of());
    }

    /** Defaults only. */
    public static AutopilotConfig defaults() {
        return of(Map.of());
    }

    private static Map<String, String> classpathProperties() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) {
            cl = AutopilotConfig.class.getClassLoader();
        }
        try (InputStream in = cl.getResourceAsStream("k8s-autopilot.properties")) {
            if (in == null) {
                return Map.of();
            }
            Properties p = new Properties();
            p.load(in);
            Map<String, String> out = new TreeMap<>();
            p.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("k8s-autopilot.properties on the classpath cannot be read: " + e.getMessage(), e);
        }
    }

    /** Returns a copy with a value set at the highest precedence (as a builder call would). */
    public AutopilotConfig with(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(explicit);
        if (value == null) {
            next.remove(key);
        } else {
            next.put(key, value);
        }
        return new AutopilotConfig(next, system, environment, classpath);
    }

    /** The effective value of a key; empty when unset and without a default. */
    public Optional<String> get(String key) {
        String v = explicit.get(key);
        if (v == null) {
            v = system.get(key);
        }
        if (v == null) {
            v = environment.get(envName(key));
        }
        if (v == null) {
            v = classpath.get(key);
        }
        if (v == null) {
            v = DEFAULTS.get(key);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** True when the key is set by any source other than the built-in defaults. */
    public boolean isSet(String key) {
        return explicit.containsKey(key) || system.containsKey(key) || environment.containsKey(envName(key))
                || classpath.containsKey(key);
    }

    /** The effective value or {@code fallback}. */
    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /**
     * An integer value.
     *
     * @throws IllegalArgumentException naming the key when the value is not a number
     */
    public int getInt(String key) {
        String v = get(key).orElse("0");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number (fix: set it to e.g. 3)");
        }
    }

    /**
     * A decimal value.
     *
     * @throws IllegalArgumentException naming the key when the value is not a number
     */
    public double getDouble(String key) {
        String v = get(key).orElse("0");
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a number (fix: set it to e.g. 0.2)");
        }
    }

    /**
     * A boolean value ({@code true/false/yes/no/on/off}).
     *
     * @throws IllegalArgumentException naming the key for anything else
     */
    public boolean getBoolean(String key) {
        String v = get(key).orElse("false").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(key + ": '" + v + "' is not a boolean (fix: use true or false)");
        };
    }

    /**
     * A duration: whole seconds ({@code 60}) or ISO-8601 ({@code PT1M}).
     *
     * @throws IllegalArgumentException naming the key when unparseable
     */
    public Duration getDuration(String key) {
        String v = get(key).orElse("0");
        try {
            return v.matches("^[0-9]+$") ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a duration (fix: use seconds such as 60, or PT1M)");
        }
    }

    /** The environment variable name for a key, e.g. {@code K8S_AUTOPILOT_LLM_PROVIDER}. */
    public static String envName(String key) {
        return "K8S_AUTOPILOT_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** Every known key with its effective value. */
    public Map<String, String> effective() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : DEFAULTS.keySet()) {
            out.put(key, get(key).orElse(""));
        }
        return out;
    }

    @Override
    public String toString() {
        // Checkpointer URIs may carry database credentials.
        return "AutopilotConfig" + effective().toString().replaceAll("(?i)(password|pwd)=[^&;,}\\s]*", "$1=****");
    }
}
