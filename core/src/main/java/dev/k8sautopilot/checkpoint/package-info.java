/**
 * Checkpoint stores: {@link dev.k8sautopilot.checkpoint.Checkpointers#open(String)} opens one by URI
 * ({@code memory:}, {@code file:}, {@code jdbc:}). Runs saved here can be resumed later, in another JVM
 * for the durable stores.
 */
package dev.k8sautopilot.checkpoint;
