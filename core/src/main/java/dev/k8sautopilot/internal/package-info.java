/**
 * Implementation details of k8s-autopilot, shared between its own modules (core, templates, validation,
 * llm-providers). Nothing here is API: it may change in any release without notice. Applications, plug-ins
 * and the examples do not import it, and no public signature outside this package mentions its types
 * (both checked by {@code ApiBoundariesTest}); where they need something from here, a public type exists.
 */
@API(status = API.Status.INTERNAL)
package dev.k8sautopilot.internal;

import dev.k8sautopilot.API;
