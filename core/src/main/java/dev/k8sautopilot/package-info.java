/**
 * The front door of k8s-autopilot: {@link dev.k8sautopilot.ChartPipeline} plans, generates, validates,
 * heals and writes a Helm chart, stopping at approval gates and saving each step through a checkpointer;
 * {@link dev.k8sautopilot.RunResult} says how a run ended and {@link dev.k8sautopilot.PipelineListener}
 * reports progress.
 *
 * <pre>{@code
 * ChartPipeline pipeline = ChartPipeline.builder().outputDirectory(Path.of("charts")).build();
 * RunResult result = pipeline.run(ChartRequest.of("Create a Helm chart for redis with persistence"));
 * }</pre>
 *
 * <p>The model lives in {@code dev.k8sautopilot.model}, the extension points in {@code dev.k8sautopilot.spi},
 * gates and decisions in {@code dev.k8sautopilot.hitl}. Nothing in {@code dev.k8sautopilot.internal} is API.
 */
@API(status = API.Status.STABLE)
package dev.k8sautopilot;
