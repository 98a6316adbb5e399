package dev.k8sautopilot.benchmarks;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;

/**
 * The floor of a whole-process measure: a minimal program that only calls helm-java {@code create},
 * {@code lint --strict} and {@code template} (through the same native library the validator uses) and
 * exits. {@link ProcessTimings} runs it as a separate JVM, with default JVM options, and compares the CLI
 * with it: whatever the CLI needs beyond this is its own cost.
 *
 * <pre>java -cp examples/benchmarks/target/benchmarks.jar dev.k8sautopilot.benchmarks.HelmFloor OUTPUT_DIR</pre>
 */
public final class HelmFloor {

    private HelmFloor() {
    }

    /** Creates chart {@code floor} in {@code args[0]}, lints it strictly and renders it; exits 1 when either fails. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HelmFloor OUTPUT_DIR");
            System.exit(2);
        }
        Helm.create().withName("floor").withDir(Path.of(args[0])).call();
        Helm chart = new Helm(Path.of(args[0], "floor"));
        LintResult lint = chart.lint().strict().call();
        String manifest = chart.template().withName("floor").withNamespace("default").call();
        System.exit(lint.isFailed() || manifest == null || !manifest.contains("kind: Deployment") ? 1 : 0);
    }
}
