package dev.k8sautopilot.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A companion service the app brings along ("ghost with its own mysql"): the chart becomes an umbrella
 * chart with the companion as a subchart under {@code charts/<name>/}, generated from the built-in app
 * catalog and switched by {@code <name>.enabled}. The app reaches it through environment variables: the
 * host is the subchart's Service name, the port its main port, and the password (for companions that have
 * one) is read from the subchart's Secret with {@code secretKeyRef} — never a literal.
 *
 * <pre>{@code
 * companions:
 *   - app: mysql                              # postgresql, mysql, mariadb, redis, mongodb, rabbitmq
 *     hostEnv: database__connection__host     # optional; default MYSQL_HOST
 *     passwordEnv: database__connection__password
 * }</pre>
 *
 * @param app         catalog id or alias of the companion: postgresql (postgres), mysql, mariadb, redis,
 *                    mongodb (mongo), rabbitmq
 * @param name        subchart name and values key; default the catalog id
 * @param enabled     whether the subchart is deployed by default; default true
 * @param hostEnv     variable that receives the host; default {@code <APP>_HOST}
 * @param portEnv     variable that receives the port; default {@code <APP>_PORT}
 * @param userEnv     variable that receives the companion's admin user name; default {@code <APP>_USER}
 *                    (ignored for redis)
 * @param passwordEnv variable that receives the password from the subchart's Secret; default
 *                    {@code <APP>_PASSWORD} (ignored for redis, which the catalog runs without a password)
 */
public record Companion(String app, String name, Boolean enabled, String hostEnv, String portEnv, String userEnv, String passwordEnv) {

    /** Supported companions: alias → catalog id. */
    private static final Map<String, String> APPS = new LinkedHashMap<>();

    static {
        APPS.put("postgresql", "postgresql");
        APPS.put("postgres", "postgresql");
        APPS.put("pg", "postgresql");
        APPS.put("mysql", "mysql");
        APPS.put("mariadb", "mariadb");
        APPS.put("redis", "redis");
        APPS.put("mongodb", "mongodb");
        APPS.put("mongo", "mongodb");
        APPS.put("rabbitmq", "rabbitmq");
        APPS.put("rabbit", "rabbitmq");
    }

    public Companion {
        String a = app == null ? "" : app.strip().toLowerCase(Locale.ROOT);
        if (!APPS.containsKey(a)) {
            throw new SpecException("companions[].app", "'" + Checks.printable(a) + "' is not a supported companion",
                    "use one of postgresql, mysql, mariadb, redis, mongodb, rabbitmq");
        }
        app = APPS.get(a);
        name = Checks.orDefault(name == null ? null : name.strip(), app);
        if (!name.matches("^[a-z][a-z0-9]*$") || name.length() > 40) {
            throw new SpecException("companions[].name", "'" + Checks.printable(name) + "' cannot be a subchart name and values key",
                    "use lowercase letters and digits starting with a letter, e.g. " + app);
        }
        enabled = enabled == null || enabled;
        String prefix = prefix(app);
        hostEnv = env("hostEnv", hostEnv, prefix + "_HOST");
        portEnv = env("portEnv", portEnv, prefix + "_PORT");
        userEnv = hasPassword(app) ? env("userEnv", userEnv, prefix + "_USER") : "";
        passwordEnv = hasPassword(app) ? env("passwordEnv", passwordEnv, prefix + "_PASSWORD") : "";
    }

    /** A companion with every default, e.g. {@code Companion.of("postgres")}. */
    public static Companion of(String app) {
        return new Companion(app, null, null, null, null, null, null);
    }

    /** The catalog id of a supported companion alias, if it is one. */
    public static java.util.Optional<String> supported(String alias) {
        return java.util.Optional.ofNullable(alias == null ? null : APPS.get(alias.strip().toLowerCase(Locale.ROOT)));
    }

    /** Whether the subchart is deployed by default (never null after construction). */
    public boolean on() {
        return enabled;
    }

    /** Whether the app gets a password from the subchart's Secret. */
    public boolean wiresPassword() {
        return !passwordEnv.isEmpty();
    }

    /** The admin user the catalog image creates, which the app is given; empty for redis. */
    public String user() {
        return switch (app) {
            case "postgresql" -> "postgres";
            case "mysql", "mariadb", "mongodb" -> "root";
            case "rabbitmq" -> "admin";
            default -> "";
        };
    }

    private static boolean hasPassword(String app) {
        return !app.equals("redis");
    }

    private static String prefix(String app) {
        return switch (app) {
            case "postgresql" -> "POSTGRES";
            default -> app.toUpperCase(Locale.ROOT);
        };
    }

    private static String env(String field, String value, String fallback) {
        String v = Checks.orDefault(value == null ? null : value.strip(), fallback);
        if (!Checks.ENV_NAME.matcher(v).matches()) {
            throw new SpecException("companions[]." + field, "'" + Checks.printable(v) + "' is not a valid environment variable name",
                    "use letters, digits and '_', e.g. " + fallback);
        }
        return v;
    }
}
