/**
 * Checkpoint stores: {@link dev.k8sautopilot.checkpoint.Checkpointers#open(String)} opens one by URI.
 *
 * <ul>
 *   <li>{@code memory:} / {@code memory:NAME} — {@link dev.k8sautopilot.checkpoint.MemoryCheckpointer}, this JVM only;</li>
 *   <li>{@code file:DIR} — {@link dev.k8sautopilot.checkpoint.FileCheckpointer}, one JSON document per run, safe
 *       across processes; the command line's default;</li>
 *   <li>{@code jdbc:...} — {@link dev.k8sautopilot.checkpoint.JdbcCheckpointer}, a table in PostgreSQL or another
 *       SQL database (bring the driver); also constructible from a {@link javax.sql.DataSource}.</li>
 * </ul>
 *
 * <p>Runs saved in the durable stores can be resumed later, in another JVM. Every store passes the same
 * contract: optimistic versions (one winner per step), clear errors for corrupt or unsupported data, no
 * credentials in descriptions, logs or messages. See {@code docs/spi-checkpointer.md}.
 */
@API(status = API.Status.STABLE)
package dev.k8sautopilot.checkpoint;

import dev.k8sautopilot.API;
