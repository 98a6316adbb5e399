/**
 * Example: a small host application that embeds k8s-autopilot — it builds a pipeline with its own
 * approval callback ({@link dev.k8sautopilot.examples.embedded.ReviewPolicy}) and a file checkpointer,
 * generates charts, and reacts to each kind of {@link dev.k8sautopilot.RunResult}, resuming a deferred
 * run from a second pipeline instance as another process would. Uses public API only.
 */
package dev.k8sautopilot.examples.embedded;
