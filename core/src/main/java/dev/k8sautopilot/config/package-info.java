/** Configuration: {@link dev.k8sautopilot.config.AutopilotConfig} and its keys and precedence rules. */
package dev.k8sautopilot.config;
