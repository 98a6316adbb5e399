/**
 * The built-in feature slices of the chart generator, one package per feature: each package holds the
 * {@link dev.k8sautopilot.templates.Feature} (values leaves, rendered kinds, README prerequisites, ci scenarios)
 * and, under the same resource path, the Helm template files it writes. They are registered once, in
 * {@code dev.k8sautopilot.templates.BuiltinFeatures}. See {@code docs/architecture.md}, "Adding a resource kind".
 */
package dev.k8sautopilot.templates.feature;
