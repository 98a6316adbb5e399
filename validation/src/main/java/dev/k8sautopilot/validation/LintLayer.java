package dev.k8sautopilot.validation;

import com.marcnuri.helm.LintResult;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code helm lint --strict} in-process through helm-java; its text messages become findings. */
final class LintLayer implements Layer {

    static final String NAME = "lint";
    private static final Pattern MESSAGE = Pattern.compile("^\\[(INFO|WARNING|ERROR)\\]\\s+([^:]*):\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern TEMPLATE_POS = Pattern.compile("[\\w.-]+/(templates/[\\w./-]+?):(\\d+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> skipReason(ValidationContext ctx) {
        return ctx.helmCanRun() ? Optional.empty() : Optional.of(notRunnable(ctx));
    }

    static String notRunnable(ValidationContext ctx) {
        return ctx.chartDir().isEmpty() ? "the chart could not be written for helm: " + ctx.writeError()
                : "Chart.yaml is missing or invalid, helm cannot load the chart";
    }

    @Override
    public List<Finding> run(ValidationContext ctx) {
        HelmRunner.Outcome<LintResult> outcome = HelmRunner.lint(ctx.chartDir().orElseThrow(), ctx.options().strictLint());
        List<Finding> out = new ArrayList<>();
        if (!outcome.ok()) {
            out.add(Finding.of(Severity.ERROR, "helm-native-failure", NAME, "", 0, "helm lint could not run: " + outcome.error(),
                    "check that the helm-java native jar for this platform is on the class path"));
            return out;
        }
        LintResult result = outcome.value().orElseThrow();
        boolean anyError = false;
        for (String raw : result.getMessages()) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String line = raw.strip();
            // helm prints a multi-line message (a schema failure: the chart name, one "- at" line per violation) as
            // separate lines: they continue the previous finding instead of becoming fragments of their own.
            if (!MESSAGE.matcher(line).matches() && !out.isEmpty()) {
                out.set(out.size() - 1, continued(out.get(out.size() - 1), line));
                continue;
            }
            Finding f = parse(line, ctx.options().strictLint());
            anyError |= f.severity() == Severity.ERROR;
            out.add(f);
        }
        if (result.isFailed() && !anyError) {
            out.add(Finding.of(Severity.ERROR, "helm-lint", NAME, "", 0,
                    "helm lint" + (ctx.options().strictLint() ? " --strict" : "") + " failed without a message",
                    "helm gave no details: check that Chart.yaml and values.yaml parse and that every template renders (the template layer reports how)"));
        }
        return out;
    }

    private static Finding continued(Finding f, String line) {
        return new Finding(f.severity(), f.ruleId(), f.layer(), f.file(), f.line(), f.resource(),
                f.message() + " " + line, f.hint());
    }

    static Finding parse(String raw, boolean strict) {
        Matcher m = MESSAGE.matcher(raw);
        if (!m.matches()) {
            return Finding.of(Severity.WARNING, "helm-lint", NAME, "", 0, raw, "");
        }
        Severity severity = switch (m.group(1)) {
            case "ERROR" -> Severity.ERROR;
            // --strict fails on warnings, so they gate like errors.
            case "WARNING" -> strict ? Severity.ERROR : Severity.WARNING;
            default -> Severity.INFO;
        };
        String file = m.group(2).strip();
        String message = m.group(3).strip();
        int line = 0;
        Matcher pos = TEMPLATE_POS.matcher(message);
        if (pos.find()) {
            file = pos.group(1);
            line = Integer.parseInt(pos.group(2));
        }
        if (file.endsWith("/") || file.equals(".")) {
            file = file.equals(".") ? "" : file;
        }
        return Finding.of(severity, "helm-lint", NAME, file, line, message, hint(message));
    }

    private static String hint(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("icon is recommended")) {
            return "add icon: https://… to Chart.yaml";
        }
        if (m.contains("yaml") && (m.contains("convert") || m.contains("parse") || m.contains("mapping"))) {
            return "fix the YAML indentation of the rendered template (use nindent with include/toYaml)";
        }
        if (m.contains("semver")) {
            return "use a strict SemVer version such as 1.0.0";
        }
        return "see the helm lint message";
    }
}
