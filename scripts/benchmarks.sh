#!/usr/bin/env bash
# Builds and runs every benchmark, printing Markdown tables (copy them into docs/benchmarks.md):
#   1. JMH (with the gc profiler: bytes allocated per chart): plan, generate, validate (all layers and each layer
#      alone), the whole offline pipeline, and Helm alone (lint --strict + template), per corpus chart
#   2. PipelineVsHelm: per corpus chart, the whole pipeline against Helm alone (lint --strict + template) on the chart
#      it wrote, alternating in one warm JVM, medians and the ratio
#   3. BatchRun: N corpus charts on 1 thread and on all cores — charts/second, latency, peak heap, per-stage/per-layer ms
#   4. ProcessTimings: the README's command (examples/cli/target/k8s-autopilot generate "Create a Helm chart for nginx"
#      --output charts --yes) against the floor, a JVM running helm-java create + lint --strict + template: alternating
#      runs, medians, the load average, and the ratio CLI / floor
#   5. LlmEconomy: LLM calls and tokens per corpus request with a counting chat model
# Usage: scripts/benchmarks.sh [--quick | --process]
#   --quick    1 fork, short iterations, fewer charts, 5 process runs (~5 min on 2 cores)
#   --process  only the whole-process comparison (4), 7 runs each (~1 min on 2 cores)
# The report is also written to examples/benchmarks/target/benchmarks-report.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--quick" ]; then
    MODE=quick; JMH=(-f 1 -wi 2 -w 2s -i 3 -r 2s); CHARTS=60; RUNS=5; ROUNDS=3
elif [ "${1:-}" = "--process" ]; then
    MODE=process; RUNS=7
else
    MODE=full; JMH=(-f 2 -wi 3 -w 3s -i 5 -r 3s); CHARTS=300; RUNS=10; ROUNDS=5
fi

mvn -B -q -DskipTests -Pbenchmarks package -pl examples/cli,examples/benchmarks -am >&2
JAR=examples/benchmarks/target/benchmarks.jar
REPORT=examples/benchmarks/target/benchmarks-report.md

{
    echo "# Benchmark run ($MODE), $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo
    echo '```'
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo 2>/dev/null || true
    free -h | head -2
    echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
    java -version 2>&1
    echo '```'
    echo
    if [ "$MODE" = process ]; then
        echo "## Whole process (ProcessTimings --runs $RUNS)"
        echo
        java -cp "$JAR" dev.k8sautopilot.benchmarks.ProcessTimings --cli examples/cli/target/k8s-autopilot --runs "$RUNS" 2>/dev/null
        exit 0
    fi
    echo "## JMH (java -jar $JAR ${JMH[*]} -prof gc StageBenchmarks ValidationBenchmarks HelmBenchmarks)"
    echo
    echo '```'
    java -jar "$JAR" "${JMH[@]}" -prof gc StageBenchmarks ValidationBenchmarks HelmBenchmarks 2>&1 | sed -n '/^Benchmark /,$p'
    echo '```'
    echo
    echo "## Pipeline vs. Helm alone, per corpus chart, alternating in one JVM (PipelineVsHelm --rounds $ROUNDS)"
    echo
    java -Xmx2g -cp "$JAR" dev.k8sautopilot.benchmarks.PipelineVsHelm --rounds "$ROUNDS" 2>/dev/null
    echo
    echo "## Batch (BatchRun --charts $CHARTS --threads 1,$(nproc), -Xmx2g)"
    echo
    java -Xmx2g -cp "$JAR" dev.k8sautopilot.benchmarks.BatchRun --charts "$CHARTS" --threads "1,$(nproc)" 2>/dev/null
    echo
    echo "## Whole process (ProcessTimings --runs $RUNS)"
    echo
    java -cp "$JAR" dev.k8sautopilot.benchmarks.ProcessTimings --cli examples/cli/target/k8s-autopilot --runs "$RUNS" 2>/dev/null
    echo
    echo "## LLM economy (LlmEconomy)"
    java -cp "$JAR" dev.k8sautopilot.benchmarks.LlmEconomy 2>/dev/null
} | tee "$REPORT"
