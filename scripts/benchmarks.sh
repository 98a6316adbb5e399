#!/usr/bin/env bash
# Builds and runs every benchmark, printing Markdown tables (copy them into docs/benchmarks.md):
#   1. JMH: plan, generate, validate (all layers and each layer alone) and the whole offline pipeline, per corpus chart
#   2. BatchRun: N corpus charts on 1 thread and on all cores — charts/second, latency, peak heap, per-stage/per-layer ms
#   3. ProcessTimings: JVM start to chart written for the CLI, against the helm-java create+lint floor
#   4. LlmEconomy: LLM calls and tokens per corpus request with a counting chat model
# Usage: scripts/benchmarks.sh [--quick]     (--quick: 1 fork, short iterations, fewer charts and runs; ~5 min on 2 cores)
# The report is also written to examples/benchmarks/target/benchmarks-report.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--quick" ]; then
    MODE=quick; JMH=(-f 1 -wi 2 -w 2s -i 3 -r 2s); CHARTS=60; RUNS=5
else
    MODE=full; JMH=(-f 2 -wi 3 -w 3s -i 5 -r 3s); CHARTS=300; RUNS=10
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
    echo "## JMH (java -jar $JAR ${JMH[*]} StageBenchmarks ValidationBenchmarks)"
    echo
    echo '```'
    java -jar "$JAR" "${JMH[@]}" StageBenchmarks ValidationBenchmarks 2>&1 | sed -n '/^Benchmark /,$p'
    echo '```'
    echo
    echo "## Batch (BatchRun --charts $CHARTS --threads 1,$(nproc), -Xmx2g)"
    echo
    java -Xmx2g -cp "$JAR" dev.k8sautopilot.benchmarks.BatchRun --charts "$CHARTS" --threads "1,$(nproc)" 2>/dev/null
    echo
    echo "## Whole process (ProcessTimings --runs $RUNS)"
    echo
    java -cp "$JAR" dev.k8sautopilot.benchmarks.ProcessTimings --cli examples/cli/target/k8s-autopilot.jar --runs "$RUNS" 2>/dev/null
    echo
    echo "## LLM economy (LlmEconomy)"
    java -cp "$JAR" dev.k8sautopilot.benchmarks.LlmEconomy 2>/dev/null
} | tee "$REPORT"
