/**
 * Human in the loop: the {@link dev.k8sautopilot.hitl.Gate}s of a run, the {@link
 * dev.k8sautopilot.hitl.ApprovalRequest} a reviewer sees, the {@link dev.k8sautopilot.hitl.Decision}s
 * they can take, and built-in handlers in {@link dev.k8sautopilot.hitl.ApprovalHandlers}.
 */
@API(status = API.Status.STABLE)
package dev.k8sautopilot.hitl;

import dev.k8sautopilot.API;
