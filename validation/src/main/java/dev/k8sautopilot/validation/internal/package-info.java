/**
 * Implementation details of the validation module that must be public for {@link java.util.ServiceLoader};
 * not an API, free to change between releases.
 */
package dev.k8sautopilot.validation.internal;
