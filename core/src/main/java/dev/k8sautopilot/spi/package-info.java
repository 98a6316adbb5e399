/**
 * Service provider interfaces: what plug-in authors implement. Stage interfaces ({@link
 * dev.k8sautopilot.spi.Planner}, {@link dev.k8sautopilot.spi.TemplateCoordinator}, {@link
 * dev.k8sautopilot.spi.Validator}, {@link dev.k8sautopilot.spi.Healer}) and the pluggable services
 * ({@link dev.k8sautopilot.spi.LlmProvider}, {@link dev.k8sautopilot.spi.CheckpointerProvider}, {@link
 * dev.k8sautopilot.spi.ApprovalHandler}). Each has one required method; optional abilities are default
 * methods. Implementations are found through {@link java.util.ServiceLoader}; instances given to the
 * {@code ChartPipeline} builder always win. A provider that fails to load is logged and skipped; two
 * providers with the same id fail fast, naming both.
 */
@API(status = API.Status.SPI)
package dev.k8sautopilot.spi;

import dev.k8sautopilot.API;
