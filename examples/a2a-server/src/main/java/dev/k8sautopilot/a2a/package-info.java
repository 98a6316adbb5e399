/**
 * An A2A v0.3 agent server (JSON-RPC over HTTP) in front of {@link dev.k8sautopilot.ChartPipeline}: a run is
 * a task, a gate is the {@code input-required} state, a written chart comes back as artifacts.
 *
 * <p>Start it with {@code java -jar k8s-autopilot-a2a-server.jar}, or embed it with {@link
 * dev.k8sautopilot.a2a.A2aServer#start(dev.k8sautopilot.a2a.ServerSettings)}. See {@code docs/a2a-server.md}.
 */
package dev.k8sautopilot.a2a;
