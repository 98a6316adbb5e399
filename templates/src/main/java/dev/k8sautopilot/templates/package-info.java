/**
 * Deterministic, Bitnami-grade Helm chart generation from a {@link dev.k8sautopilot.model.ChartPlan}.
 *
 * <p>{@link dev.k8sautopilot.templates.DefaultTemplateCoordinator} is the {@code TemplateCoordinator} found
 * through ServiceLoader; {@link dev.k8sautopilot.templates.TemplateGenerator} is the extension point for
 * host applications; {@link dev.k8sautopilot.templates.ValuesModel} is the single values model behind
 * values.yaml, values.schema.json and the README tables. Helm template text lives in resources under
 * {@code dev/k8sautopilot/templates/chart/}.
 */
@API(status = API.Status.STABLE)
package dev.k8sautopilot.templates;

import dev.k8sautopilot.API;
