package dev.k8sautopilot.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only place that calls helm-java. Every native failure ({@link UnsatisfiedLinkError}, a Go
 * panic surfacing as an exception, odd output) comes back as an {@link Outcome} with an error text,
 * never as a thrown exception. Calls are not serialized: concurrent lint/template calls on different
 * charts were checked to be independent (see {@code HelmRunnerTest}).
 */
final class HelmRunner {

    /** Release name used for rendering. */
    static final String RELEASE = "release";
    /** Namespace used for rendering. */
    static final String NAMESPACE = "default";
    private static final int MAX_RENDER_ATTEMPTS = 4;
    private static final Pattern NO_KIND_MATCH = Pattern.compile("no matches for kind \\\"([^\"]+)\\\" in version \\\"([^\"]+)\\\"");

    static {
        // Native library copies and chart copies of killed runs would otherwise pile up in the temp directory.
        StaleTemporaries.cleanOnce();
    }

    private HelmRunner() {
    }

    /** Result of one helm call: output or error text. */
    record Outcome<T>(Optional<T> value, String error) {
        static <T> Outcome<T> ok(T value) {
            return new Outcome<>(Optional.of(value), "");
        }

        static <T> Outcome<T> failed(String error) {
            return new Outcome<>(Optional.empty(), error == null || error.isBlank() ? "unknown error" : error.strip());
        }

        boolean ok() {
            return value.isPresent();
        }
    }

    /** {@code helm lint [--strict]} */
    static Outcome<LintResult> lint(Path chartDir, boolean strict) {
        try {
            var cmd = new Helm(chartDir).lint();
            if (strict) {
                cmd.strict();
            }
            LintResult result = cmd.call();
            if (result == null) {
                return Outcome.failed("helm lint returned no result");
            }
            return Outcome.ok(new LintResult(result.getMessages() == null ? List.of() : result.getMessages(), result.isFailed()));
        } catch (Throwable t) { // native code: UnsatisfiedLinkError, NoClassDefFoundError and Go errors all become findings
            return Outcome.failed(describe(t));
        }
    }

    /** {@code helm template} with defaults or one extra values file. */
    static Outcome<String> template(Path chartDir, String kubeVersion, Optional<Path> valuesFile) {
        return template(chartDir, RELEASE, kubeVersion, valuesFile);
    }

    /** {@code helm template} under a release name, with defaults or one extra values file. */
    static Outcome<String> template(Path chartDir, String release, String kubeVersion, Optional<Path> valuesFile) {
        try {
            TemplateCommand cmd = new Helm(chartDir).template().withName(release).withNamespace(NAMESPACE)
                    .withKubeVersion(kubeVersion);
            valuesFile.ifPresent(cmd::withValuesFile);
            String out = cmd.call();
            return out == null ? Outcome.failed("helm template returned no output") : Outcome.ok(out);
        } catch (Throwable t) {
            return Outcome.failed(describe(t));
        }
    }

    /**
     * Renders like {@code helm template} (manifest and hooks, {@code lookup} returning empty) without any
     * network access beyond a private loopback {@link OfflineApiServer}; see that class for how.
     * Custom resource kinds Helm cannot map are learned from its error and the render is retried.
     *
     * @param workDir a private directory for the generated kubeconfig
     */
    static Outcome<String> render(Path chartDir, String release, String kubeVersion, Optional<Path> valuesFile, Path workDir) {
        return render(chartDir, release, kubeVersion, valuesFile, workDir, new LinkedHashMap<>());
    }

    /**
     * As {@link #render(Path, String, String, Optional, Path)}, starting from and adding to {@code learned}
     * (group version → custom kinds), so the scenarios of one validation learn a chart's custom kinds once.
     */
    static Outcome<String> render(Path chartDir, String release, String kubeVersion, Optional<Path> valuesFile, Path workDir,
                                  Map<String, Set<String>> learned) {
        String error = "";
        for (int attempt = 0; attempt < MAX_RENDER_ATTEMPTS; attempt++) {
            try (OfflineApiServer api = OfflineApiServer.start(kubeVersion, learned, workDir)) {
                try {
                    InstallCommand cmd = new Helm(chartDir).install().withName(release).withNamespace(NAMESPACE)
                            .withKubeConfig(api.kubeconfig()).skipCrds().disableOpenApiValidation();
                    valuesFile.ifPresent(cmd::withValuesFile);
                    cmd.call();
                    error = "";
                } catch (Throwable t) { // native code: the install is refused on purpose once the release is captured
                    error = describe(t);
                } finally {
                    DiscoveryCache.forget(api.url());
                }
                Optional<JsonNode> rel = api.release();
                if (rel.isPresent()) {
                    return Outcome.ok(manifest(rel.get()));
                }
                Matcher m = NO_KIND_MATCH.matcher(error);
                boolean more = false;
                while (m.find()) {
                    more |= api.learn(m.group(2), m.group(1));
                }
                if (!more) {
                    return Outcome.failed(error.isEmpty() ? "helm rendered no release" : error);
                }
                learned.putAll(api.learned());
            } catch (IOException e) {
                return Outcome.failed("the offline render could not start its loopback API: " + e.getMessage());
            }
        }
        return Outcome.failed(error);
    }

    /** The release manifest followed by every hook, the way {@code helm template} prints them. */
    static String manifest(JsonNode release) {
        StringBuilder out = new StringBuilder(release.path("manifest").asText("").strip()).append('\n');
        for (JsonNode hook : release.path("hooks")) {
            out.append("---\n# Source: ").append(hook.path("path").asText("")).append('\n')
                    .append(hook.path("manifest").asText("")).append('\n');
        }
        return out.toString();
    }

    /** Server-side dry-run install against the cluster of a kubeconfig. */
    static Outcome<String> dryRunInstall(Path chartDir, Path kubeconfig, String kubeVersion) {
        try {
            var release = new Helm(chartDir).install().withName(RELEASE).withNamespace(NAMESPACE)
                    .withKubeConfig(kubeconfig).withDryRunOption(com.marcnuri.helm.DryRun.SERVER).call();
            return Outcome.ok(release == null ? "" : String.valueOf(release.getStatus()));
        } catch (Throwable t) {
            return Outcome.failed(describe(t));
        }
    }

    static String describe(Throwable t) {
        if (t instanceof LinkageError) {
            return "the helm-java native library could not be loaded (" + t.getClass().getSimpleName() + ": "
                    + t.getMessage() + ")";
        }
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
    }
}
