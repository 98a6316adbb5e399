package dev.k8sautopilot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whole-process timings, each in a fresh process, wall clock from process start to exit: the README's command
 * ({@code <cli> generate "Create a Helm chart for nginx" --output charts --yes}, run in an empty directory, where
 * {@code <cli>} is the launcher {@code examples/cli/target/k8s-autopilot} or {@code java -jar} of a jar), the
 * helm-java floor ({@link HelmFloor}: {@code create} + {@code lint --strict} + {@code template}, default JVM
 * options) and an empty {@code main} ({@link JvmBaseline}). After one untimed run of each (to warm the OS file
 * cache and the per-user caches), the three run in turns, in alternating order, so that load from other processes
 * hits all of them alike. Prints the median, minimum and maximum of {@code --runs} runs, the load average before
 * and after, the ratio CLI / floor of the medians and the median of the per-turn ratios and, where GNU
 * {@code /usr/bin/time} exists, the median peak resident set size.
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar dev.k8sautopilot.benchmarks.ProcessTimings \
 *     --cli examples/cli/target/k8s-autopilot --runs 10
 * </pre>
 */
public final class ProcessTimings {

    private static final long TIMEOUT_SECONDS = 300;
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final int MIN_RUNS = 5;

    private ProcessTimings() {
    }

    /** Entry point; options {@code --cli LAUNCHER|JAR} (required), {@code --runs N} (default 10, at least 5). */
    public static void main(String[] args) throws Exception {
        Path cli = null;
        int runs = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cli" -> cli = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --cli LAUNCHER|JAR --runs N)");
            }
        }
        if (cli == null || !Files.isRegularFile(cli)) {
            throw new IllegalArgumentException("--cli: give the launcher examples/cli/target/k8s-autopilot or a jar (build them with mvn package)");
        }
        if (runs < MIN_RUNS) {
            throw new IllegalArgumentException("--runs: at least " + MIN_RUNS + " (fix: --runs " + MIN_RUNS + ")");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String self = Path.of(ProcessTimings.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> cliCommand = cli.toString().endsWith(".jar") ? List.of(java, "-jar", cli.toAbsolutePath().toString())
                : List.of(cli.toAbsolutePath().toString());

        Measure baseline = new Measure("JVM start + exit (empty main)",
                dir -> List.of(java, "-cp", self, JvmBaseline.class.getName()), dir -> true);
        Measure floor = new Measure("helm-java create + lint --strict + template (the floor)",
                dir -> List.of(java, "-cp", self, HelmFloor.class.getName(), dir.toString()),
                dir -> Files.isRegularFile(dir.resolve("floor/Chart.yaml")));
        Measure generate = new Measure("`" + String.join(" ", cliCommand.size() == 1 ? List.of(cli.toString()) : List.of("java -jar", cli.toString()))
                + " generate \"Create a Helm chart for nginx\" --output charts --yes`",
                dir -> {
                    List<String> c = new ArrayList<>(cliCommand);
                    c.addAll(List.of("generate", "Create a Helm chart for nginx", "--output", "charts", "--yes"));
                    return c;
                },
                dir -> Files.isRegularFile(dir.resolve("charts/nginx/Chart.yaml")));

        String loadBefore = loadAverage();
        List<Measure> all = List.of(baseline, floor, generate);
        for (Measure m : all) {
            m.run(false);
        }
        List<Double> pairRatios = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<Measure> turn = i % 2 == 0 ? all : List.of(generate, floor, baseline);
            for (Measure m : turn) {
                m.run(true);
            }
            pairRatios.add(generate.millis.get(i) / (double) floor.millis.get(i));
        }
        String loadAfter = loadAverage();

        System.out.println("| process | runs | median ms | min ms | max ms | peak RSS MiB (median) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Measure m : all) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %s |%n", m.name, m.millis.size(), m.median(), m.min(), m.max(), m.rss());
        }
        System.out.printf(Locale.ROOT, "%nload average (1, 5, 15 min): %s before, %s after; %d cores%n", loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "ratio CLI / floor: %.2f (medians), %.2f (median of the %d alternating turns); CLI - floor: %d ms%n",
                generate.median() / (double) floor.median(), medianOf(pairRatios), runs, generate.median() - floor.median());
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** Builds the command for a working directory. */
    @FunctionalInterface
    interface Command {
        List<String> in(Path dir);
    }

    /** Checks what the process left in its working directory. */
    @FunctionalInterface
    interface Check {
        boolean ok(Path dir) throws IOException;
    }

    /** One process kind and its timed runs. */
    static final class Measure {
        final String name;
        final Command command;
        final Check check;
        final List<Long> millis = new ArrayList<>();
        final List<Long> rssKiB = new ArrayList<>();

        Measure(String name, Command command, Check check) {
            this.name = name;
            this.command = command;
            this.check = check;
        }

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

        /** Runs once in a fresh empty directory (the process's working directory); records the time when {@code timed}. */
        void run(boolean timed) throws Exception {
            Path dir = Files.createTempDirectory("k8s-autopilot-process-");
            Path log = dir.resolveSibling(dir.getFileName() + ".log");
            Path rssFile = dir.resolveSibling(dir.getFileName() + ".rss");
            try {
                List<String> cmd = new ArrayList<>();
                if (Files.isExecutable(GNU_TIME)) {
                    // GNU time writes the peak resident set size (KiB) of the child to its own file.
                    cmd.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rssFile.toString()));
                }
                cmd.addAll(command.in(dir));
                long start = System.nanoTime();
                Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(name + ": no exit within " + TIMEOUT_SECONDS + " s");
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (p.exitValue() != 0 || !check.ok(dir)) {
                    throw new IllegalStateException(name + ": exit " + p.exitValue() + ", output:\n" + Files.readString(log));
                }
                if (timed) {
                    millis.add(ms);
                    if (Files.isRegularFile(rssFile)) {
                        rssKiB.add(Long.parseLong(Files.readString(rssFile).strip()));
                    }
                }
            } finally {
                Files.deleteIfExists(log);
                Files.deleteIfExists(rssFile);
                Trees.delete(dir);
            }
        }
    }

    static <T extends Comparable<T>> T medianOf(List<T> values) {
        List<T> s = values.stream().sorted().toList();
        return s.get(s.size() / 2);
    }
}
