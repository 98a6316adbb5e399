/**
 * Deterministic healers: each {@link dev.k8sautopilot.validation.heal.RuleHealer} fixes the findings of
 * a few rule ids of {@link dev.k8sautopilot.validation.DefaultValidator}; {@link
 * dev.k8sautopilot.validation.heal.Healers#builtIns()} lists them. Templates are Go templates, not YAML,
 * so template edits are line-based and indentation-aware; values.yaml edits are computed on the parsed
 * YAML and spliced back so comments elsewhere survive.
 */
@API(status = API.Status.STABLE)
package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.API;
