/**
 * The offline, rule-based planner: {@link dev.k8sautopilot.plan.RuleBasedPlanner} reads natural-language
 * requests with rules, completes them with the {@link dev.k8sautopilot.plan.AppCatalog} of well-known
 * applications, and decides kind, sizing, scaling, exposure and hardening with a recorded reason for each
 * decision — or asks clarification questions when a critical fact is missing. The LLM planner falls back
 * to it and completes what a model extracted through {@link dev.k8sautopilot.plan.RuleBasedPlanner#complete}.
 */
package dev.k8sautopilot.plan;
