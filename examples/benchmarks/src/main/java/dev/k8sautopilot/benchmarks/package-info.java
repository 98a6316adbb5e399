/**
 * Benchmarks of k8s-autopilot: JMH benchmarks of each stage and of the whole offline pipeline on the public
 * corpus ({@link dev.k8sautopilot.benchmarks.StageBenchmarks}), a parallel batch run reporting charts per
 * second and peak heap ({@link dev.k8sautopilot.benchmarks.BatchRun}), whole-process timings of the CLI
 * against a helm-java floor ({@link dev.k8sautopilot.benchmarks.ProcessTimings}) and the LLM economy with a
 * counting chat model ({@link dev.k8sautopilot.benchmarks.LlmEconomy}). Run them all with
 * {@code scripts/benchmarks.sh}; results are recorded in {@code docs/benchmarks.md}.
 */
package dev.k8sautopilot.benchmarks;
