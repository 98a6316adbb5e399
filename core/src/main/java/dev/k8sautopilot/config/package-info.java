/** Configuration: {@link dev.k8sautopilot.config.AutopilotConfig} and its keys and precedence rules. */
@API(status = API.Status.STABLE)
package dev.k8sautopilot.config;

import dev.k8sautopilot.API;
