package dev.k8sautopilot.benchmarks;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;

/**
 * The floor of a whole-process measure: a minimal program that only calls helm-java {@code create} and
 * {@code lint} (through the same native library the validator uses) and exits. {@link ProcessTimings} runs
 * it as a separate JVM and compares the CLI with it.
 *
 * <pre>java -cp examples/benchmarks/target/benchmarks.jar dev.k8sautopilot.benchmarks.HelmFloor OUTPUT_DIR</pre>
 */
public final class HelmFloor {

    private HelmFloor() {
    }

    /** Creates chart {@code floor} in {@code args[0]} and lints it; exits 1 when lint fails. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HelmFloor OUTPUT_DIR");
            System.exit(2);
        }
        Helm.create().withName("floor").withDir(Path.of(args[0])).call();
        LintResult lint = new Helm(Path.of(args[0], "floor")).lint().strict().call();
        System.exit(lint.isFailed() ? 1 : 0);
    }
}
