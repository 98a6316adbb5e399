package dev.k8sautopilot.benchmarks;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.model.LayerTiming;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.spi.Checkpointer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A batch of N corpus charts through the whole offline pipeline on a fixed thread pool (default: one thread
 * per core), after one warm-up pass over the corpus. Prints charts per second, the mean and the per-stage and
 * per-validation-layer milliseconds of a chart, and the peak used heap sampled every 5 ms.
 *
 * <pre>
 * java -Xmx2g -cp examples/benchmarks/target/benchmarks.jar dev.k8sautopilot.benchmarks.BatchRun --charts 200 --threads 1,2
 * </pre>
 */
public final class BatchRun {

    private BatchRun() {
    }

    /** Entry point; options {@code --charts N} (default 100) and {@code --threads T[,T…]} (default: all cores). */
    public static void main(String[] args) throws Exception {
        int charts = 100;
        List<Integer> threads = List.of(Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--charts" -> charts = Integer.parseInt(args[++i]);
                case "--threads" -> threads = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --charts N --threads T[,T…])");
            }
        }
        List<Corpus.Entry> corpus = Corpus.completing();
        Path root = Files.createTempDirectory("k8s-autopilot-batch-");
        try {
            Result warm = run(corpus, corpus.size(), 1, root.resolve("warm-up"));
            System.out.printf(Locale.ROOT, "warm-up: %d charts in %.1f s%n", warm.charts(), warm.seconds());
            System.out.println();
            System.out.println("| threads | charts | wall s | charts/s | ms/chart (mean latency) | peak used heap MiB | GC count | GC ms |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            List<Result> results = new ArrayList<>();
            for (int t : threads) {
                Result r = run(corpus, charts, t, root.resolve("t" + t));
                results.add(r);
                System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.2f | %.0f | %d | %d | %d |%n", t, r.charts(), r.seconds(),
                        r.charts() / r.seconds(), r.meanMillis(), r.peakHeapMiB(), r.gcCount(), r.gcMillis());
            }
            Result last = results.get(results.size() - 1);
            System.out.println();
            System.out.println("Mean milliseconds per chart by stage and by validation layer (" + last.threads() + " threads):");
            System.out.println();
            System.out.println("| part | ms |");
            System.out.println("|---|---|");
            last.stageMillis().forEach((k, v) -> System.out.printf(Locale.ROOT, "| stage %s | %.1f |%n", k, v / (double) last.charts()));
            last.layerMillis().forEach((k, v) -> System.out.printf(Locale.ROOT, "| layer %s | %.1f |%n", k, v / (double) last.validations()));
            System.out.printf(Locale.ROOT, "%nmax heap (-Xmx): %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            Trees.delete(root);
        }
    }

    /** One batch's figures. */
    record Result(int threads, int charts, double seconds, double meanMillis, long peakHeapMiB, long gcCount, long gcMillis,
                  Map<String, Long> stageMillis, Map<String, Long> layerMillis, int validations) {
    }

    static Result run(List<Corpus.Entry> corpus, int charts, int threads, Path output) throws Exception {
        Checkpointer checkpointer = new MemoryCheckpointer();
        ChartPipeline base = ChartPipeline.builder()
                .writeMode(WriteMode.OVERWRITE)
                .checkpointer(checkpointer)
                .approvals(ApprovalHandlers.autoApprove())
                .outputDirectory(output)
                .build();
        // One output directory per worker thread: two workers never write the same chart directory at once.
        Map<Thread, ChartPipeline> perThread = new ConcurrentHashMap<>();
        AtomicInteger workers = new AtomicInteger();
        Map<String, Long> stageMillis = new ConcurrentHashMap<>();
        Map<String, Long> layerMillis = new ConcurrentHashMap<>();
        AtomicInteger validations = new AtomicInteger();
        LongAdder latency = new LongAdder();
        HeapSampler sampler = new HeapSampler();
        long gcCount0 = gcCount();
        long gcMillis0 = gcMillis();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        sampler.start();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < charts; i++) {
                Corpus.Entry entry = corpus.get(i % corpus.size());
                futures.add(pool.submit(() -> {
                    ChartPipeline p = perThread.computeIfAbsent(Thread.currentThread(),
                            t -> base.toBuilder().outputDirectory(output.resolve("w" + workers.incrementAndGet())).build());
                    long t0 = System.nanoTime();
                    RunResult r = p.run(entry.chartRequest());
                    latency.add(System.nanoTime() - t0);
                    if (!(r instanceof RunResult.Completed c) || !c.passed()) {
                        throw new IllegalStateException(entry.id() + " did not complete: " + r);
                    }
                    r.usage().stageMillis().forEach((k, v) -> stageMillis.merge(k, v, Long::sum));
                    for (LayerTiming lt : c.report().layers()) {
                        if (!lt.skipped()) {
                            layerMillis.merge(lt.layer(), lt.millis(), Long::sum);
                        }
                    }
                    validations.incrementAndGet();
                    checkpointer.delete(r.runId());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
            sampler.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(threads, charts, seconds, latency.sum() / 1e6 / charts, sampler.peak() >> 20, gcCount() - gcCount0,
                gcMillis() - gcMillis0, new LinkedHashMap<>(new java.util.TreeMap<>(stageMillis)), ordered(layerMillis),
                validations.get());
    }

    private static Map<String, Long> ordered(Map<String, Long> layers) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : dev.k8sautopilot.validation.DefaultValidator.layerNames()) {
            if (layers.containsKey(name)) {
                out.put(name, layers.get(name));
            }
        }
        return out;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Samples the used heap on a daemon thread and keeps the highest value seen. */
    static final class HeapSampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }
}
