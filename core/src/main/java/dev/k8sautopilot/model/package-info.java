/**
 * Immutable model of k8s-autopilot: the request, the structured {@link dev.k8sautopilot.model.ChartSpec}
 * (readable from YAML/JSON with {@link dev.k8sautopilot.model.ChartSpecs}), the plan, the chart files,
 * validation reports and usage. All types are records validated in their constructors; an invalid value
 * raises a {@link dev.k8sautopilot.model.SpecException} naming the field and the fix.
 */
@API(status = API.Status.STABLE)
package dev.k8sautopilot.model;

import dev.k8sautopilot.API;
