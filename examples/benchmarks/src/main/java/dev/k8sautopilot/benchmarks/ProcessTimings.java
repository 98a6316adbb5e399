package dev.k8sautopilot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whole-process timings, each in a fresh JVM, wall clock from process start to exit: the CLI generating the
 * nginx chart offline (JVM start to chart written), the helm-java floor ({@link HelmFloor}: {@code create} +
 * {@code lint}) and an empty {@code main} ({@link JvmBaseline}). Prints the median, minimum and maximum of
 * {@code --runs} runs after one untimed run of each (to warm the OS file cache), the ratio CLI / floor and,
 * where GNU {@code /usr/bin/time} exists, the median peak resident set size.
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar dev.k8sautopilot.benchmarks.ProcessTimings \
 *     --cli examples/cli/target/k8s-autopilot.jar --runs 10
 * </pre>
 */
public final class ProcessTimings {

    private static final long TIMEOUT_SECONDS = 300;
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private ProcessTimings() {
    }

    /** Entry point; options {@code --cli JAR} (required), {@code --runs N} (default 10). */
    public static void main(String[] args) throws Exception {
        Path cli = null;
        int runs = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cli" -> cli = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --cli JAR --runs N)");
            }
        }
        if (cli == null || !Files.isRegularFile(cli)) {
            throw new IllegalArgumentException("--cli: give the CLI jar, e.g. examples/cli/target/k8s-autopilot.jar (build it with mvn package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String self = Path.of(ProcessTimings.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Path cliJar = cli.toAbsolutePath();

        Measure baseline = measure("JVM start + exit (empty main)", runs,
                dir -> List.of(java, "-cp", self, JvmBaseline.class.getName()), dir -> true);
        Measure floor = measure("helm-java create + lint (floor)", runs,
                dir -> List.of(java, "-cp", self, HelmFloor.class.getName(), dir.toString()),
                dir -> Files.isRegularFile(dir.resolve("floor/Chart.yaml")));
        Measure generate = measure("CLI generate nginx, offline (JVM start to chart written)", runs,
                dir -> List.of(java, "-jar", cliJar.toString(), "generate", "Create a Helm chart for nginx", "--output", dir.toString(),
                        "--yes", "--no-color", "--checkpointer", "memory:"),
                dir -> Files.isRegularFile(dir.resolve("nginx/Chart.yaml")));

        System.out.println("| process | runs | median ms | min ms | max ms | peak RSS MiB (median) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Measure m : List.of(baseline, floor, generate)) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %s |%n", m.name(), m.millis().size(), m.median(), m.min(), m.max(),
                    m.rss());
        }
        System.out.printf(Locale.ROOT, "%nratio CLI / floor (medians): %.2f; CLI - floor: %d ms%n",
                generate.median() / (double) floor.median(), generate.median() - floor.median());
    }

    /** Builds the command for an output directory. */
    @FunctionalInterface
    interface Command {
        List<String> in(Path dir);
    }

    /** Checks what the process left in its output directory. */
    @FunctionalInterface
    interface Check {
        boolean ok(Path dir) throws IOException;
    }

    record Measure(String name, List<Long> millis, List<Long> rssKiB) {
        long median() {
            return medianOf(millis);
        }

        String rss() {
            return rssKiB.isEmpty() ? "n/a" : String.valueOf(medianOf(rssKiB) >> 10);
        }

        long min() {
            return millis.stream().mapToLong(Long::longValue).min().orElse(0);
        }

        long max() {
            return millis.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    static long medianOf(List<Long> values) {
        List<Long> s = values.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    static Measure measure(String name, int runs, Command command, Check check) throws Exception {
        List<Long> millis = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            Path dir = Files.createTempDirectory("k8s-autopilot-process-");
            try {
                Path log = dir.resolveSibling(dir.getFileName() + ".log");
                Path rssFile = dir.resolveSibling(dir.getFileName() + ".rss");
                List<String> cmd = new ArrayList<>();
                if (Files.isExecutable(GNU_TIME)) {
                    // GNU time writes the peak resident set size (KiB) of the child to its own file.
                    cmd.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rssFile.toString()));
                }
                cmd.addAll(command.in(dir));
                long start = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(name + ": no exit within " + TIMEOUT_SECONDS + " s");
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                String output = Files.readString(log);
                Files.deleteIfExists(log);
                if (p.exitValue() != 0 || !check.ok(dir)) {
                    throw new IllegalStateException(name + ": exit " + p.exitValue() + ", output:\n" + output);
                }
                if (i > 0) {
                    millis.add(ms);
                    if (Files.isRegularFile(rssFile)) {
                        rss.add(Long.parseLong(Files.readString(rssFile).strip()));
                    }
                }
                Files.deleteIfExists(rssFile);
            } finally {
                Trees.delete(dir);
            }
        }
        return new Measure(name, millis, rss);
    }
}
