package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.ChartFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The rules of a chart's {@code .helmignore}, applied as Helm's loader applies them: a file is ignored when
 * it, or one of its directories, matches. Patterns follow Helm's subset of gitignore: {@code #} comments,
 * {@code !} negation, a trailing {@code /} for directories only, a leading {@code /} or any {@code /} to
 * match the whole chart-relative path, otherwise the base name; {@code *}, {@code ?} and {@code [..]} as in
 * Go's {@code filepath.Match}; {@code **} is not supported (Helm refuses it) and matches nothing. Helm's
 * default rule {@code templates/.?*} always applies. Immutable and thread-safe.
 */
final class HelmIgnore {

    private record Rule(boolean negate, boolean dirOnly, BiPredicate<String, Boolean> match) {
    }

    private final List<Rule> rules;

    private HelmIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules of the chart at the root of {@code files}. */
    static HelmIgnore of(ChartFiles files) {
        return parse(files.get(".helmignore").orElse(""));
    }

    static HelmIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        rules.add(rule("templates/.?*"));
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("!") || line.equals("/")) {
                continue;
            }
            rules.add(rule(line));
        }
        return new HelmIgnore(rules);
    }

    private static Rule rule(String line) {
        boolean negate = line.startsWith("!");
        String p = negate ? line.substring(1) : line;
        boolean dirOnly = p.endsWith("/") && p.length() > 1;
        if (dirOnly) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.contains("**")) {
            return new Rule(negate, dirOnly, (path, dir) -> false);
        }
        if (p.startsWith("/")) {
            Pattern glob = glob(p.substring(1));
            return new Rule(negate, dirOnly, (path, dir) -> glob.matcher(path).matches());
        }
        Pattern glob = glob(p);
        if (p.contains("/")) {
            return new Rule(negate, dirOnly, (path, dir) -> glob.matcher(path).matches());
        }
        return new Rule(negate, dirOnly, (path, dir) -> glob.matcher(path.substring(path.lastIndexOf('/') + 1)).matches());
    }

    /** True when Helm does not load this chart-relative file. */
    boolean ignored(String path) {
        String[] parts = path.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(parts[i]);
            if (ignores(prefix.toString(), i < parts.length - 1)) {
                return true;
            }
        }
        return false;
    }

    /** One path, with Helm's (surprising but real) negation semantics: a negated rule that does not match ignores. */
    private boolean ignores(String path, boolean dir) {
        for (Rule r : rules) {
            if (r.negate()) {
                if (r.dirOnly() && !dir) {
                    return true;
                }
                if (!r.match().test(path, dir)) {
                    return true;
                }
                continue;
            }
            if (r.dirOnly() && !dir) {
                continue;
            }
            if (r.match().test(path, dir)) {
                return true;
            }
        }
        return false;
    }

    /** Go's filepath.Match syntax as a regular expression over one path (separators are not crossed). */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end);
                        if (body.startsWith("^")) {
                            body = "^" + body.substring(1).replace("\\", "\\\\").replace("[", "\\[");
                        } else {
                            body = body.replace("\\", "\\\\").replace("[", "\\[");
                        }
                        re.append('[').append(body).append(']');
                        i = end;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
