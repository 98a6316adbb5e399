package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code helm template} with the defaults and every {@code ci/*-values.yaml}; produces the shared render
 * (manifest and hooks, {@code lookup} returning empty, see {@link HelmRunner#render}). A scenario that does
 * not render is an error whatever the cause, so a report whose later layers could not look at the objects
 * never passes.
 */
final class TemplateLayer implements Layer {

    static final String NAME = "template";
    /** Said of every scenario that did not render: what it means for the later layers. */
    static final String NOT_CHECKED = "the kubernetes, deprecation and security layers could not check this scenario";
    private static final Pattern POS = Pattern.compile("[\\w.-]+/((?:templates|charts)/[\\w./-]+?):(\\d+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> skipReason(ValidationContext ctx) {
        return ctx.helmCanRun() ? Optional.empty() : Optional.of(LintLayer.notRunnable(ctx));
    }

    @Override
    public List<Finding> run(ValidationContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (Rendering.Scenario s : ctx.rendering().scenarios()) {
            if (!s.rendered()) {
                out.add(renderFailure(s));
                continue;
            }
            out.addAll(s.problems());
            if (s.objects().isEmpty() && s.valuesFile().isEmpty()) {
                out.add(Finding.of(Severity.WARNING, "template-empty", NAME, "", 0,
                        "the chart renders no Kubernetes objects with its default values",
                        "enable the main workload by default"));
            }
        }
        return out;
    }

    static Finding renderFailure(Rendering.Scenario s) {
        String error = s.error();
        String file = "";
        int line = 0;
        Matcher m = POS.matcher(error);
        if (m.find()) {
            file = m.group(1);
            line = Integer.parseInt(m.group(2));
        }
        String first = Rendering.firstLine(error);
        if (error.contains("native library")) {
            return Finding.of(Severity.ERROR, "helm-native-failure", NAME, file, line, "helm template could not run: " + first,
                    "check that the helm-java native jar for this platform is on the class path");
        }
        // A fail message may span lines ("VALUES VALIDATION:\n…"); keep all of it, on one line.
        String whole = error.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(java.util.stream.Collectors.joining(" "));
        if (whole.length() > 800) {
            whole = whole.substring(0, 800) + "…";
        }
        return Finding.of(Severity.ERROR, "template-render-failed", NAME, file, line,
                "helm template failed" + s.label() + ": " + whole + " (" + NOT_CHECKED + ")",
                error.contains("execution error") ? "the chart's fail/required check fired: change the values it names"
                        : "fix the template syntax or the values it reads");
    }
}
