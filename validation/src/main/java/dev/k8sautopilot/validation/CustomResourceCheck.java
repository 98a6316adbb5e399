package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import java.util.List;

/**
 * Structural checks of a family of custom resources the Kubernetes models do not know (Traefik, Prometheus
 * Operator, Gateway API): the hook the validation side of a feature slice plugs into. The strict-schema layer
 * asks the first check that {@linkplain #appliesTo applies} to a rendered object; objects no check claims get an
 * {@code k8s-unknown-kind} info. Register a new family once, in {@link #BUILT_IN}. (Traefik, Argo CD, Prometheus
 * Operator and Gateway API are built in.)
 */
interface CustomResourceCheck {

    /** The built-in checks, asked in this order. */
    List<CustomResourceCheck> BUILT_IN = List.of(new TraefikChecks(), new ArgoCdResourceCheck(), new ServiceMonitorCheck(),
            new GatewayApiChecks());

    /** Whether this check knows objects of this API group and kind. */
    boolean appliesTo(String group, String kind);

    /**
     * Findings for one object.
     *
     * @param label scenario label appended to messages, e.g. {@code " (scenario ci/all-features-values.yaml)"}
     */
    List<Finding> check(RenderedObject o, String label);
}
