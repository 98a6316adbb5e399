/**
 * LLM support through langchain4j: the {@link dev.k8sautopilot.spi.LlmProvider} implementations
 * ({@link dev.k8sautopilot.llm.OpenAiProvider}, {@link dev.k8sautopilot.llm.AnthropicProvider},
 * {@link dev.k8sautopilot.llm.OllamaProvider}, {@link dev.k8sautopilot.llm.GeminiProvider}), the
 * {@link dev.k8sautopilot.llm.LlmPlanner} (one call per request to understand it; the rule-based planner
 * completes and checks the result) and the {@link dev.k8sautopilot.llm.LlmHealer} (patches files with
 * findings no deterministic healer knows). All are found through {@link java.util.ServiceLoader}.
 *
 * <p>API keys come from {@link dev.k8sautopilot.spi.LlmSettings} or the provider's usual environment
 * variable and are never logged. See {@code docs/llm.md} and {@code docs/spi-llm-provider.md}.
 */
@API(status = API.Status.STABLE)
package dev.k8sautopilot.llm;

import dev.k8sautopilot.API;
