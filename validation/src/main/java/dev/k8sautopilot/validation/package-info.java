/**
 * Layered chart validation: {@link dev.k8sautopilot.validation.DefaultValidator} runs the layers
 * {@code structure}, {@code schema}, {@code lint}, {@code template}, {@code kubernetes},
 * {@code deprecation}, {@code security} and {@code dry-run} over a chart and returns a
 * {@link dev.k8sautopilot.model.ValidationReport}. Helm runs in-process through helm-java.
 * Every rule id is documented in {@code docs/validation-rules.md}.
 */
@API(status = API.Status.STABLE)
package dev.k8sautopilot.validation;

import dev.k8sautopilot.API;
