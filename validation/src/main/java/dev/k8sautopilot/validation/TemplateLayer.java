package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code helm template} with the defaults and every {@code ci/*-values.yaml}; produces the shared render. */
final class TemplateLayer implements Layer {

    static final String NAME = "template";
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
        List<String> hooks = ctx.files().paths().stream().filter(p -> p.startsWith("templates/")
                && ctx.files().get(p).orElse("").contains("helm.sh/hook")).toList();
        if (!hooks.isEmpty()) {
            out.add(Finding.of(Severity.INFO, "template-hooks-unchecked", NAME, hooks.get(0), 0,
                    "helm-java renders the release manifest without hook objects, so " + hooks
                            + " were not checked by the kubernetes and security layers",
                    "check hook and test pods by hand, or render them with the helm CLI"));
        }
        return out;
    }

    private static final java.util.regex.Pattern DEBUG_ADVICE =
            java.util.regex.Pattern.compile("\\s*\\(?\\s*[Uu]se --debug flag to render out invalid YAML\\s*\\)?\\.?");

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
        if (error.contains("error calling lookup") || error.contains("lookup")
                && (error.contains("cluster") || error.contains("connection refused") || error.contains("apiresource"))) {
            return Finding.of(Severity.WARNING, "template-lookup-offline", NAME, file, line,
                    "the chart calls lookup, which needs a live cluster; rendering offline failed" + s.label()
                            + ", so rendered objects were not checked: " + first,
                    "guard lookup results (e.g. {{ $s := lookup … }}{{ if $s }}…{{ end }}) or validate with a kubeconfig");
        }
        if (error.contains("native library")) {
            return Finding.of(Severity.ERROR, "helm-native-failure", NAME, file, line, "helm template could not run: " + first,
                    "check that the helm-java native jar for this platform is on the class path");
        }
        // A fail message may span lines ("VALUES VALIDATION:\n…"); keep all of it, on one line.
        String whole = error.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(java.util.stream.Collectors.joining(" "));
        // Helm's advice to pass its --debug flag means nothing to a user of this library or CLI: our hint replaces it.
        boolean yaml = whole.contains("YAML parse error") || whole.contains("error converting YAML");
        whole = DEBUG_ADVICE.matcher(whole).replaceAll("").strip();
        if (whole.length() > 800) {
            whole = whole.substring(0, 800) + "…";
        }
        return Finding.of(Severity.ERROR, "template-render-failed", NAME, file, line,
                "helm template failed" + s.label() + ": " + whole,
                error.contains("execution error") ? "the chart's fail/required check fired: change the values it names"
                        : yaml ? "the template produces invalid YAML at that line: check the indentation around include/toYaml"
                                + " (use nindent) and quote values that YAML would misread"
                        : "fix the template syntax or the values it reads");
    }
}
