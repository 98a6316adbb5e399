package dev.k8sautopilot.validation;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
