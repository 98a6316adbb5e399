package dev.k8sautopilot.benchmarks;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.WriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * In-process, per corpus chart: the whole offline pipeline (plan, generate, validate with every layer, heal,
 * write) against Helm alone on the chart it wrote ({@code lint --strict} + {@code template} with the defaults, and
 * with every {@code ci/*-values.yaml} too). The two alternate chart by chart in one warm JVM, so load from other
 * processes hits both alike (JMH runs benchmarks one after the other, which a busy machine skews); prints the
 * median milliseconds of {@code --rounds} runs per chart and the ratio pipeline / Helm.
 *
 * <pre>java -Xmx2g -cp examples/benchmarks/target/benchmarks.jar dev.k8sautopilot.benchmarks.PipelineVsHelm --rounds 5</pre>
 */
public final class PipelineVsHelm {

    private PipelineVsHelm() {
    }

    /** Entry point; option {@code --rounds N} (default 5, at least 3). */
    public static void main(String[] args) throws Exception {
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + " (use --rounds N)");
            }
        }
        if (rounds < 3) {
            throw new IllegalArgumentException("--rounds: at least 3 (fix: --rounds 3)");
        }
        Path output = Files.createTempDirectory("k8s-autopilot-vs-helm-");
        try {
            run(output, rounds);
        } finally {
            Trees.delete(output);
        }
    }

    private static void run(Path output, int rounds) throws IOException {
        ChartPipeline pipeline = ChartPipeline.builder().outputDirectory(output).writeMode(WriteMode.OVERWRITE)
                .checkpointer(new MemoryCheckpointer()).approvals(ApprovalHandlers.autoApprove()).build();
        List<Corpus.Entry> corpus = Corpus.completing();
        int n = corpus.size();
        long[][] pipe = new long[n][rounds];
        long[][] helmDefaults = new long[n][rounds];
        long[][] helmAll = new long[n][rounds];
        Path[] dirs = new Path[n];
        // Warm-up: two rounds of everything.
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < n; i++) {
                dirs[i] = runPipeline(pipeline, corpus.get(i).chartRequest());
                helm(dirs[i], true);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                boolean pipelineFirst = (r + i) % 2 == 0;
                ChartRequest request = corpus.get(i).chartRequest();
                if (pipelineFirst) {
                    pipe[i][r] = timed(() -> runPipeline(pipeline, request));
                }
                Path dir = dirs[i];
                helmDefaults[i][r] = timed(() -> helm(dir, false));
                helmAll[i][r] = timed(() -> helm(dir, true));
                if (!pipelineFirst) {
                    pipe[i][r] = timed(() -> runPipeline(pipeline, request));
                }
            }
        }
        System.out.println("| chart | pipeline ms | Helm lint + template ms | ratio | Helm lint + template × every scenario ms | ratio |");
        System.out.println("|---|---|---|---|---|---|");
        double sumP = 0;
        double sumD = 0;
        double sumA = 0;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double p = median(pipe[i]);
            double d = median(helmDefaults[i]);
            double a = median(helmAll[i]);
            sumP += p;
            sumD += d;
            sumA += a;
            worst = Math.max(worst, p / d);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.1f | %.2f |%n", dirs[i].getFileName(), p, d, p / d, a, p / a);
        }
        System.out.printf(Locale.ROOT, "| **mean over %d charts** | **%.1f** | **%.1f** | **%.2f** | **%.1f** | **%.2f** |%n", n, sumP / n, sumD / n,
                sumP / sumD, sumA / n, sumP / sumA);
        System.out.printf(Locale.ROOT, "%nworst chart: pipeline / (lint + template) = %.2f; %d rounds, medians; load average %s%n", worst, rounds,
                loadAverage());
    }

    private static Path runPipeline(ChartPipeline pipeline, ChartRequest request) {
        RunResult result = pipeline.run(request);
        if (!(result instanceof RunResult.Completed c) || !c.passed()) {
            throw new IllegalStateException("corpus run did not complete: " + result);
        }
        pipeline.checkpointer().delete(result.runId());
        return c.chartDirectory();
    }

    private static int helm(Path chart, boolean everyScenario) {
        Helm helm = new Helm(chart);
        if (helm.lint().strict().call().isFailed()) {
            throw new IllegalStateException(chart + " fails helm lint");
        }
        String name = chart.getFileName().toString();
        int size = template(helm, name, null).length();
        if (everyScenario) {
            try (Stream<Path> ci = Files.list(chart.resolve("ci"))) {
                for (Path values : ci.filter(p -> p.getFileName().toString().endsWith("-values.yaml")).sorted().toList()) {
                    size += template(helm, name, values).length();
                }
            } catch (IOException e) {
                // No ci directory: the defaults are every scenario.
            }
        }
        return size;
    }

    private static String template(Helm helm, String release, Path values) {
        TemplateCommand cmd = helm.template().withName(release).withNamespace("default").withKubeVersion(ValidationOptions.DEFAULT_KUBE_VERSION);
        if (values != null) {
            cmd.withValuesFile(values);
        }
        return cmd.call();
    }

    private static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000;
    }

    /** Median in milliseconds of microsecond samples. */
    private static double median(long[] micros) {
        long[] s = micros.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2] / 1000.0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            return "n/a";
        }
    }
}
