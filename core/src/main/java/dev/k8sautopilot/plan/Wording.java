package dev.k8sautopilot.plan;

import dev.k8sautopilot.internal.EditDistance;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tolerance for the ways people write requests, applied before parsing: numbers and units in words
 * ("two gigabytes", "seventy percent", "half a CPU") become the forms the parser reads ("2gb", "70%",
 * "500m cpu"), and misspelled keywords ("persistance", "replcias", "prodution") are corrected by edit
 * distance, each correction reported. Tokens that can be part of an image reference (with {@code / : @ .}
 * or digits, or right after the word "image") are never touched. App names are not rewritten here: a
 * misspelled app name is offered as a question by {@link #closestApp}. Stateless and thread-safe.
 */
final class Wording {

    private static final String UNITS_WORD = "(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
            + "|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";
    private static final Pattern AMOUNT = Pattern.compile("(?i)\\b(" + UNITS_WORD + "(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
            + "|(?:a|one) hundred|\\d+(?:\\.\\d+)?)\\s*(gigabytes?|gibibytes?|megabytes?|mebibytes?|terabytes?|tebibytes?|kilobytes?"
            + "|percent|per cent|pct|cores?|cpus?|vcpus?)\\b");
    private static final Pattern HALF_CPU = Pattern.compile("(?i)\\bhalf (?:of )?an? (cpu|core|vcpu)\\b");
    private static final Pattern QUARTER_CPU = Pattern.compile("(?i)\\ba quarter (?:of )?an? (cpu|core|vcpu)\\b");
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20),
            Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70),
            Map.entry("eighty", 80), Map.entry("ninety", 90));
    /** Keywords the parser acts on, corrected when a word is one edit away (two for long words). */
    private static final List<String> KEYWORDS = List.of("persistence", "persistent", "replicas", "replica", "ingress", "autoscaling",
            "autoscale", "production", "staging", "metrics", "prometheus", "traefik", "storage", "memory", "secret", "secrets",
            "statefulset", "deployment", "cronjob", "loadbalancer", "nodeport", "readiness", "liveness", "healthcheck", "monitor",
            "servicemonitor", "certificate", "letsencrypt", "redirect", "middleware", "availability", "scheduled", "nightly");
    /** English words one edit away from a keyword, left alone. */
    private static final List<String> ENGLISH = List.of("stating", "stagings", "metric", "secrete", "secreted", "memoir", "replical",
            "monitors", "redirects", "scheduler", "schedules", "deployments", "secretly");
    private static final Pattern WORD = Pattern.compile("(?<![\\w./:@='\"`-])([A-Za-z]{5,})(?![\\w/:@-]|\\.[A-Za-z0-9])");

    private Wording() {
    }

    /**
     * The text with amounts in words written as numbers and misspelled keywords corrected.
     *
     * @param text     the request
     * @param warnings receives one line per keyword correction
     * @return the normalized text
     */
    static String normalize(String text, List<String> warnings) {
        String t = HALF_CPU.matcher(text).replaceAll("500m cpu");
        t = QUARTER_CPU.matcher(t).replaceAll("250m cpu");
        Matcher m = AMOUNT.matcher(t);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String number = number(m.group(1).toLowerCase(Locale.ROOT));
            String unit = unit(m.group(2).toLowerCase(Locale.ROOT));
            m.appendReplacement(sb, Matcher.quoteReplacement(number + unit));
        }
        m.appendTail(sb);
        return correctKeywords(sb.toString(), warnings);
    }

    private static String number(String words) {
        if (words.matches("\\d+(?:\\.\\d+)?")) {
            return words;
        }
        if (words.endsWith("hundred")) {
            return "100";
        }
        int total = 0;
        for (String part : words.split("[- ]")) {
            total += NUMBERS.getOrDefault(part, 0);
        }
        return String.valueOf(total);
    }

    private static String unit(String word) {
        if (word.startsWith("gigabyte")) {
            return "gb";
        } else if (word.startsWith("gibibyte")) {
            return "gi";
        } else if (word.startsWith("megabyte")) {
            return "mb";
        } else if (word.startsWith("mebibyte")) {
            return "mi";
        } else if (word.startsWith("terabyte")) {
            return "tb";
        } else if (word.startsWith("tebibyte")) {
            return "ti";
        } else if (word.startsWith("kilobyte")) {
            return "kb";
        } else if (word.startsWith("per") || word.equals("pct")) {
            return "%";
        }
        return " " + word;
    }

    private static String correctKeywords(String text, List<String> warnings) {
        Matcher m = WORD.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String word = m.group(1);
            String lower = word.toLowerCase(Locale.ROOT);
            String before = text.substring(Math.max(0, m.start() - 7), m.start()).toLowerCase(Locale.ROOT);
            String replacement = word;
            if (!before.matches(".*\\bimage\\s*$") && !KEYWORDS.contains(lower) && !ENGLISH.contains(lower)) {
                Optional<String> best = closest(lower, KEYWORDS);
                if (best.isPresent()) {
                    replacement = best.get();
                    warnings.add("'" + word + "' read as '" + replacement + "'");
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The candidate within edit distance 1 (2 for words of 10+ letters) of the word; empty when none or a tie. */
    static Optional<String> closest(String word, List<String> candidates) {
        int limit = word.length() >= 10 ? 2 : 1;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String c : candidates) {
            if (Math.abs(c.length() - word.length()) > limit) {
                continue;
            }
            int d = distance(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance && !c.equals(best)) {
                tie = true;
            }
        }
        return best != null && bestDistance > 0 && bestDistance <= limit && !tie ? Optional.of(best) : Optional.empty();
    }

    /**
     * The catalog app whose id or alias a word of the text misspells (edit distance as in {@link #closest}), for a
     * request that names no app, runtime or image: offered as a question, never applied silently.
     */
    static Optional<AppEntry> closestApp(String mask, AppCatalog catalog) {
        List<String> names = catalog.entries().stream().filter(e -> !e.category().equals("utility"))
                .flatMap(e -> java.util.stream.Stream.concat(java.util.stream.Stream.of(e.id()), e.aliases().stream()))
                .filter(a -> a.length() >= 5 && a.matches("[a-z]+")).distinct().toList();
        Matcher m = WORD.matcher(mask);
        while (m.find()) {
            String word = m.group(1).toLowerCase(Locale.ROOT);
            if (KEYWORDS.contains(word) || ENGLISH.contains(word)) {
                continue;
            }
            Optional<String> best = closest(word, names);
            if (best.isPresent()) {
                return catalog.find(best.get());
            }
        }
        return Optional.empty();
    }

    static int distance(String a, String b) {
        return EditDistance.osa(a, b);
    }
}
