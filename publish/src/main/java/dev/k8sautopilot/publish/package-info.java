/**
 * Delivery of generated charts: packaging and pushing to an OCI registry ({@link dev.k8sautopilot.publish.ChartPublisher}),
 * pulling a pushed chart back over the OCI distribution API to prove what the registry holds, and Argo CD
 * {@code Application}/{@code AppProject} manifests that deliver a chart from Git or from the registry
 * ({@link dev.k8sautopilot.publish.ArgoCdApplication}).
 *
 * <pre>{@code
 * ChartPublisher publisher = ChartPublisher.builder()
 *     .credentials(RegistryCredentials.of("ci", System.getenv("REGISTRY_PASSWORD")))
 *     .build();
 * PushResult pushed = publisher.push(Path.of("charts/web"), OciReference.parse("oci://registry.example.com/charts"));
 * System.out.println(pushed.reference() + "@" + pushed.digest());
 * }</pre>
 */
package dev.k8sautopilot.publish;
