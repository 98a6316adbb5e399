/**
 * Implementation details of k8s-autopilot. Nothing here is API: it may change in any release without
 * notice. Do not use these types from applications or plug-ins.
 */
package dev.k8sautopilot.internal;
