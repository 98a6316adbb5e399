package dev.k8sautopilot.model;

import dev.k8sautopilot.internal.Redactor;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one policy that says whether a variable or key name holds a secret value ({@code DB_PASSWORD},
 * {@code DB_PASS}, {@code DATABASE_DSN}, {@code apiKey}, {@code GITHUB_TOKEN}, ...). The planner moves such
 * variables into a Secret, the LLM sanitizer never lets a model put a literal value on them, checkpoints
 * and logs redact their values, and the security rules flag literal values in rendered charts; all of
 * them ask this class, so they never disagree.
 *
 * <pre>{@code
 * SecretNames.isSecret("DB_PASS");        // true
 * SecretNames.isSecret("databaseDsn");    // true
 * SecretNames.isSecret("DB_PASSWORD_FILE"); // false: it holds a path to the secret, not the secret
 * SecretNames.isSecret("LOG_LEVEL");      // false
 * }</pre>
 *
 * <p>A name is split into words at {@code _ - .}, spaces and camelCase boundaries and compared in upper
 * case. It is secret when
 * <ul>
 *   <li>it contains one of {@link #SECRET_WORDS} ({@code PASSWORD}, {@code SECRET}, {@code CREDENTIAL}, ...)
 *       or one of the two-word phrases {@link #SECRET_PHRASES} ({@code API KEY}, {@code PRIVATE KEY},
 *       {@code CONNECTION STRING}, ...), written with or without separators, or</li>
 *   <li>a word is, or the name ends with, one of the short markers {@link #SECRET_SUFFIXES} ({@code PASS},
 *       {@code PWD}, {@code TOKEN}, {@code DSN}),</li>
 * </ul>
 * unless its last word says it only points at a secret ({@link #REFERENCE_WORDS}: {@code FILE},
 * {@code PATH}, {@code DIR}, {@code NAME}, {@code REF}). Stateless and thread-safe.
 */
public final class SecretNames {

    /** Words that make a name secret wherever they appear. */
    public static final List<String> SECRET_WORDS = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "CREDENTIAL");

    /** Two-word phrases that make a name secret, with or without a separator ({@code API_KEY}, {@code APIKEY}). */
    public static final List<String> SECRET_PHRASES = List.of("API KEY", "PRIVATE KEY", "ACCESS KEY", "AUTH KEY",
            "SIGNING KEY", "ENCRYPTION KEY", "MASTER KEY", "CONNECTION STRING", "CONN STR");

    /** Short markers that make a name secret as a whole word or at the end of the name. */
    public static final List<String> SECRET_SUFFIXES = List.of("PASS", "PWD", "TOKEN", "DSN");

    /** A last word that makes the name a reference to a secret rather than the secret itself. */
    public static final Set<String> REFERENCE_WORDS = Set.of("FILE", "PATH", "DIR", "NAME", "REF");

    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");

    /** Placeholder written instead of a secret value. */
    public static final String MASK = "<redacted>";

    private SecretNames() {
    }

    /**
     * {@code text} with the value of every secret-named assignment ({@code DB_PASS=x}, {@code api_key: x},
     * {@code the password is x}) and URL credentials masked by {@link #MASK}: what checkpoints and logs get.
     */
    public static String redact(String text) {
        return Redactor.text(text);
    }

    /** True when a variable or key named {@code name} holds a secret value; false for null or blank names. */
    public static boolean isSecret(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        String spaced = SEPARATORS.matcher(CAMEL.matcher(name.strip()).replaceAll("$1 $2")).replaceAll(" ")
                .strip().toUpperCase(Locale.ROOT);
        if (spaced.isEmpty()) {
            return false;
        }
        List<String> words = List.of(spaced.split(" "));
        if (words.size() > 1 && REFERENCE_WORDS.contains(words.get(words.size() - 1))) {
            return false;
        }
        String joined = String.join("", words);
        for (String w : SECRET_WORDS) {
            if (joined.contains(w)) {
                return true;
            }
        }
        for (String phrase : SECRET_PHRASES) {
            if (joined.contains(phrase.replace(" ", ""))) {
                return true;
            }
        }
        for (String s : SECRET_SUFFIXES) {
            if (words.contains(s) || joined.endsWith(s)) {
                return true;
            }
        }
        return false;
    }
}
