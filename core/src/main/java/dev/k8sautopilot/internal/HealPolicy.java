package dev.k8sautopilot.internal;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.LayerTiming;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a healing round is kept. A heal is untrusted (an LLM wrote it, or a rule that may not
 * understand a chart it did not generate), so it is kept only when all of these hold:
 *
 * <ol>
 *   <li>every validation layer that ran before still runs (a render that newly fails is a regression,
 *       never an improvement: it would silence the layers that check rendered objects);</li>
 *   <li>no finding is new, comparing findings by rule, file, object and message (the field path is in the
 *       message), not by counts; and at least one error or warning is gone. Findings of a layer that was
 *       skipped before (the chart did not load or render) are not new: the heal made them visible;</li>
 *   <li>the patch touches only files the findings name (plus {@code values.yaml}, {@code values.schema.json}
 *       and {@code templates/_helpers.tpl} when a named file is a template or values file, since templates
 *       read them), and adds no new kind, no {@code lookup}, no {@code tpl} on user values and no host access
 *       ({@code hostNetwork}, {@code hostPID}, {@code hostIPC}, {@code hostPath}, {@code privileged}).</li>
 * </ol>
 *
 * <p>A new kind covers new cluster-scoped objects (ClusterRole, ClusterRoleBinding, …). The checks read
 * template and values text, so an indirection such as {@code hostNetwork: {{ .Values.x }}} counts as host
 * access. Stateless and thread-safe.
 */
public final class HealPolicy {

    private static final Pattern KIND = Pattern.compile("(?m)^\\s*kind:\\s*[\"']?([A-Za-z][A-Za-z0-9]*)");
    private static final Pattern LOOKUP = Pattern.compile("\\blookup\\s+[\"(]");
    private static final Pattern TPL_VALUES = Pattern.compile("\\btpl\\s+\\(?\\s*(\\$\\.|\\.)Values\\b");
    private static final Pattern HOST_KEY = Pattern.compile("(?m)^.*\\b(hostNetwork|hostPID|hostIPC|hostPath|privileged)\\s*:(.*)$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final String SCENARIO = " [with ";
    private static final Pattern SCENARIO_LABEL = Pattern.compile("\\[with ([^\\]]+)]");

    private static final HealPolicy STANDARD = new HealPolicy();

    private HealPolicy() {
    }

    /** The policy the pipeline applies to every healing round. */
    public static HealPolicy standard() {
        return STANDARD;
    }

    /**
     * The decision about one round.
     *
     * @param kept   true when the healed files replace the previous ones
     * @param reason why the round was rejected, empty when kept
     */
    public record Verdict(boolean kept, String reason) {
        public Verdict {
            reason = reason == null ? "" : reason;
        }

        static Verdict keep() {
            return new Verdict(true, "");
        }

        static Verdict reject(String reason) {
            return new Verdict(false, reason);
        }
    }

    /**
     * Judges a healing round.
     *
     * @param before       the files that were validated
     * @param beforeReport their report (the findings the healers were asked to fix)
     * @param after        the healed files
     * @param afterReport  the report of the healed files
     * @return keep, or reject with the reason
     */
    public Verdict judge(ChartFiles before, ValidationReport beforeReport, ChartFiles after, ValidationReport afterReport) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(beforeReport, "beforeReport");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(afterReport, "afterReport");
        List<String> reasons = new ArrayList<>();
        Set<String> ran = ran(beforeReport);
        ran.removeAll(ran(afterReport));
        if (!ran.isEmpty()) {
            reasons.add("the " + String.join(", ", ran) + " layer(s) no longer run" + why(afterReport, ran));
        }
        List<Finding> added = newFindings(beforeReport, afterReport).stream()
                // A layer that could not run before (the chart did not load or render) reports for the first time:
                // what it finds was hidden, not added.
                .filter(f -> f.layer().isEmpty() || ran(beforeReport).contains(f.layer()) || !known(beforeReport, f.layer()))
                // Likewise a values scenario that did not render before: its objects are checked for the first time.
                .filter(f -> !(RENDERED_LAYERS.contains(f.layer()) && unrenderedScenarios(beforeReport).contains(scenario(f))))
                .toList();
        if (!added.isEmpty()) {
            reasons.add("it adds " + added.size() + " finding(s), first: " + added.get(0).format());
        }
        Set<String> changed = changedFiles(before, after);
        Set<String> allowed = allowedFiles(beforeReport);
        Set<String> outside = new TreeSet<>(changed);
        outside.removeAll(allowed);
        if (!outside.isEmpty()) {
            reasons.add("it changes " + outside + ", which no finding names");
        }
        Set<String> kinds = kinds(after);
        kinds.removeAll(kinds(before));
        if (!kinds.isEmpty()) {
            reasons.add("it adds the kind(s) " + kinds);
        }
        addIfMore(reasons, before, after, changed, LOOKUP, "it adds a lookup call (templates must render without a cluster)");
        addIfMore(reasons, before, after, changed, TPL_VALUES, "it adds tpl on user values (values would become template code)");
        if (hostAccess(after, changed) > hostAccess(before, changed)) {
            reasons.add("it adds host access (hostNetwork, hostPID, hostIPC, hostPath or privileged)");
        }
        if (reasons.isEmpty() && !fixesSomething(beforeReport, afterReport)) {
            reasons.add("it fixes no error or warning");
        }
        return reasons.isEmpty() ? Verdict.keep() : Verdict.reject(String.join("; ", reasons));
    }

    /**
     * The report to show after a rejected round: the previous report plus an info finding
     * {@code heal-rejected} that names the fixes that were tried and why they were not kept.
     */
    public static ValidationReport withRejection(ValidationReport report, List<String> tried, Verdict verdict) {
        List<Finding> findings = new ArrayList<>(report.findings());
        findings.add(new Finding(Severity.INFO, "heal-rejected", "heal", "", 0, "",
                "healing " + (tried.isEmpty() ? "" : String.join("; ", tried) + " ") + "was not kept: " + verdict.reason(),
                "fix the remaining findings by hand"));
        return new ValidationReport(findings, report.layers(), report.score());
    }

    private static Set<String> ran(ValidationReport report) {
        Set<String> out = new LinkedHashSet<>();
        for (LayerTiming t : report.layers()) {
            if (!t.skipped()) {
                out.add(t.layer());
            }
        }
        return out;
    }

    private static final Set<String> RENDER_FAILURES = Set.of("template-render-failed", "template-yaml-invalid");
    /** Layers that check rendered objects. */
    private static final Set<String> RENDERED_LAYERS = Set.of("kubernetes", "deprecation", "security");

    /** Scenario labels ({@code ""} for the defaults, else the ci values file) whose render failed. */
    private static Set<String> unrenderedScenarios(ValidationReport report) {
        Set<String> out = new TreeSet<>();
        for (Finding f : report.findings()) {
            if (RENDER_FAILURES.contains(f.ruleId())) {
                out.add(scenario(f));
            }
        }
        return out;
    }

    /** The values scenario a finding was seen in: the {@code [with ci/x-values.yaml]} label, {@code ""} for the defaults. */
    private static String scenario(Finding f) {
        Matcher m = SCENARIO_LABEL.matcher(f.message());
        return m.find() ? m.group(1) : "";
    }

    private static boolean known(ValidationReport report, String layer) {
        return report.layers().stream().anyMatch(t -> t.layer().equals(layer));
    }

    private static String why(ValidationReport report, Set<String> layers) {
        return report.layers().stream().filter(t -> layers.contains(t.layer()) && !t.note().isEmpty()).findFirst()
                .map(t -> " (" + t.note() + ")").orElse("");
    }

    /** Findings of {@code after} with no counterpart in {@code before}, compared as a multiset of keys. */
    static List<Finding> newFindings(ValidationReport before, ValidationReport after) {
        Map<String, Integer> left = new HashMap<>();
        for (Finding f : before.findings()) {
            left.merge(key(f), 1, Integer::sum);
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : after.findings()) {
            if (f.ruleId().equals("heal-rejected")) {
                continue;
            }
            String k = key(f);
            int n = left.getOrDefault(k, 0);
            if (n > 0) {
                left.put(k, n - 1);
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private static boolean fixesSomething(ValidationReport before, ValidationReport after) {
        Map<String, Integer> left = new HashMap<>();
        for (Finding f : after.findings()) {
            left.merge(key(f), 1, Integer::sum);
        }
        for (Finding f : before.findings()) {
            if (f.severity() == Severity.INFO) {
                continue;
            }
            int n = left.getOrDefault(key(f), 0);
            if (n == 0) {
                return true;
            }
            left.put(key(f), n - 1);
        }
        return false;
    }

    /** Rule, file, object and message; numbers in the message (lines, counts) do not tell findings apart. */
    static String key(Finding f) {
        return f.ruleId() + "|" + f.file() + "|" + f.resource() + "|" + DIGITS.matcher(f.message()).replaceAll("#");
    }

    private static Set<String> changedFiles(ChartFiles before, ChartFiles after) {
        Set<String> out = new TreeSet<>();
        for (String p : after.paths()) {
            if (!after.get(p).equals(before.get(p))) {
                out.add(p);
            }
        }
        for (String p : before.paths()) {
            if (after.get(p).isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static Set<String> allowedFiles(ValidationReport report) {
        Set<String> out = new TreeSet<>();
        for (Finding f : report.findings()) {
            if (!f.file().isEmpty()) {
                out.add(f.file().replaceAll("/+$", ""));
            }
            int at = f.message().lastIndexOf(SCENARIO);
            if (at >= 0 && f.message().endsWith("]")) {
                out.add(f.message().substring(at + SCENARIO.length(), f.message().length() - 1));
            }
        }
        boolean templatesOrValues = out.stream().anyMatch(p -> p.startsWith("templates/") || p.endsWith("values.yaml"));
        if (templatesOrValues) {
            out.addAll(List.of("values.yaml", "values.schema.json", "templates/_helpers.tpl"));
        }
        return out;
    }

    private static Set<String> kinds(ChartFiles files) {
        Set<String> out = new TreeSet<>();
        for (String p : files.paths()) {
            if (p.startsWith("templates/") || p.contains("/templates/")) {
                Matcher m = KIND.matcher(files.get(p).orElse(""));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    private static void addIfMore(List<String> reasons, ChartFiles before, ChartFiles after, Set<String> changed,
                                  Pattern pattern, String reason) {
        if (count(after, changed, pattern) > count(before, changed, pattern)) {
            reasons.add(reason);
        }
    }

    private static int count(ChartFiles files, Set<String> paths, Pattern pattern) {
        int n = 0;
        for (String p : paths) {
            Matcher m = pattern.matcher(files.get(p).orElse(""));
            while (m.find()) {
                n++;
            }
        }
        return n;
    }

    /** Lines that grant host access: the key with any value except an explicit false or empty default. */
    private static int hostAccess(ChartFiles files, Set<String> paths) {
        int n = 0;
        for (String p : paths) {
            Matcher m = HOST_KEY.matcher(files.get(p).orElse(""));
            while (m.find()) {
                String value = m.group(2).strip().replaceAll("\\s+#.*$", "");
                if (!value.equals("false") && !value.equals("\"false\"") && !value.equals("{}") && !value.equals("[]")
                        && !value.equals("null") && !value.equals("~")) {
                    n++;
                }
            }
        }
        return n;
    }
}
