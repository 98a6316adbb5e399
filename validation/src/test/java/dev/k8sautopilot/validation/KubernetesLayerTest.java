package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("kubernetes layer")
class KubernetesLayerTest {

    @SuppressWarnings("unchecked")
    static RenderedObject obj(String yaml) {
        return new RenderedObject("", "templates/x.yaml", (Map<String, Object>) Yaml.load(yaml));
    }

    static List<Finding> check(String yaml) {
        return KubernetesLayer.check(obj(yaml), "");
    }

    @Nested
    @DisplayName("valid objects pass")
    class Valid {

        @Test
        @DisplayName("a Deployment with quantities, int-or-string ports, null creationTimestamp and numeric strings")
        void deployment() {
            assertThat(check("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                      creationTimestamp: null
                      labels: {app: web}
                    spec:
                      replicas: 3
                      strategy:
                        type: RollingUpdate
                        rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
                      selector:
                        matchLabels: {app: web}
                      template:
                        metadata:
                          labels: {app: web}
                          annotations: {checksum/config: "abc"}
                        spec:
                          containers:
                            - name: web
                              image: nginx:1.27
                              ports: [{name: http, containerPort: 8080, protocol: TCP}]
                              env: [{name: PORT, value: "8080"}]
                              resources:
                                requests: {cpu: 100m, memory: 128Mi}
                                limits: {cpu: "1", memory: 1Gi, ephemeral-storage: 2G}
                              livenessProbe: {httpGet: {path: /, port: http}, initialDelaySeconds: 5}
                              readinessProbe: {tcpSocket: {port: 8080}}
                              securityContext: {runAsUser: 10001, capabilities: {drop: [ALL]}}
                          volumes: [{name: tmp, emptyDir: {sizeLimit: 64Mi}}]
                    """)).isEmpty();
        }

        @Test
        @DisplayName("Service, Ingress v1, HPA v2, PDB with percentage, NetworkPolicy, CronJob")
        void others() {
            assertThat(check("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec: {type: ClusterIP, ports: [{name: http, port: 80, targetPort: http}], selector: {app: web}}
                    """)).isEmpty();
            assertThat(check("""
                    apiVersion: networking.k8s.io/v1
                    kind: Ingress
                    metadata: {name: web}
                    spec:
                      rules:
                        - host: a.example.com
                          http:
                            paths:
                              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                    """)).isEmpty();
            assertThat(check("""
                    apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    metadata: {name: web}
                    spec:
                      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                      minReplicas: 2
                      maxReplicas: 5
                      metrics: [{type: Resource, resource: {name: memory, target: {type: AverageValue, averageValue: 500Mi}}}]
                    """)).isEmpty();
            assertThat(check("""
                    apiVersion: policy/v1
                    kind: PodDisruptionBudget
                    metadata: {name: web}
                    spec: {maxUnavailable: 50%, selector: {matchLabels: {app: web}}}
                    """)).isEmpty();
            assertThat(check("""
                    apiVersion: batch/v1
                    kind: CronJob
                    metadata: {name: job}
                    spec:
                      schedule: "*/5 * * * *"
                      jobTemplate:
                        spec:
                          template:
                            spec:
                              restartPolicy: OnFailure
                              containers: [{name: c, image: "busybox:1.36"}]
                    """)).isEmpty();
        }

        @Test
        @DisplayName("Traefik IngressRoute and Middleware")
        void traefik() {
            assertThat(check("""
                    apiVersion: traefik.io/v1alpha1
                    kind: IngressRoute
                    metadata: {name: web}
                    spec:
                      entryPoints: [websecure]
                      routes:
                        - match: Host(`a.example.com`) && PathPrefix(`/api`)
                          kind: Rule
                          services: [{name: web, port: 80}]
                          middlewares: [{name: strip}]
                      tls: {certResolver: le}
                    """)).isEmpty();
            assertThat(check("""
                    apiVersion: traefik.io/v1alpha1
                    kind: Middleware
                    metadata: {name: strip}
                    spec: {stripPrefix: {prefixes: [/api]}}
                    """)).isEmpty();
        }
    }

    @Nested
    @DisplayName("invalid objects are flagged")
    class Invalid {

        @Test
        @DisplayName("an unknown container field is reported with its path")
        void unknownField() {
            List<Finding> f = check("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: p}
                    spec:
                      containers: [{name: c, image: "x:1", imagePullPolicyy: Always}]
                    """);
            assertThat(f).extracting(Finding::ruleId).containsExactly("k8s-schema");
            assertThat(f.get(0).message()).contains("spec.containers[0].imagePullPolicyy").contains("V1Container");
            assertThat(f.get(0).resource()).isEqualTo("Pod/p");
        }

        @Test
        @DisplayName("a wrong type and a bad quantity are reported")
        void wrongType() {
            assertThat(check("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: d}
                    spec:
                      replicas: many
                      selector: {matchLabels: {a: b}}
                      template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: "x:1"}]}}
                    """)).extracting(Finding::ruleId).containsExactly("k8s-schema");
            assertThat(check("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: p}
                    spec:
                      containers: [{name: c, image: "x:1", resources: {limits: {memory: lots}}}]
                    """)).extracting(Finding::ruleId).containsExactly("k8s-schema");
        }

        @Test
        @DisplayName("a missing required field, a missing name and a bad name")
        void required() {
            assertThat(check("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: s}
                    spec: {ports: [{name: http}]}
                    """)).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("required field 'port'"));
            assertThat(check("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n")).extracting(Finding::ruleId).contains("k8s-metadata-name");
            assertThat(check("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n")).extracting(Finding::ruleId)
                    .contains("k8s-metadata-name");
            assertThat(check("metadata: {name: x}\n")).extracting(Finding::ruleId).containsExactly("k8s-missing-kind");
        }

        @Test
        @DisplayName("Traefik objects with structural faults and unknown kinds")
        void traefik() {
            assertThat(check("""
                    apiVersion: traefik.io/v1alpha1
                    kind: IngressRoute
                    metadata: {name: web}
                    spec:
                      route: []
                    """)).extracting(Finding::ruleId).containsOnly("traefik-ingressroute").hasSizeGreaterThanOrEqualTo(2);
            assertThat(check("""
                    apiVersion: traefik.io/v1alpha1
                    kind: Middleware
                    metadata: {name: m}
                    spec: {redirectScheme: {}, stripPrefix: {prefixes: [/a]}}
                    """)).extracting(Finding::ruleId).containsOnly("traefik-middleware");
            assertThat(check("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"))
                    .extracting(Finding::ruleId).containsExactly("k8s-unknown-kind");
            assertThat(check("apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: w}\nspec: {}\n"))
                    .extracting(Finding::ruleId).containsOnly("servicemonitor-structure");
        }
    }

    @Nested
    @DisplayName("Gateway API HTTPRoute (structural check of the CRD)")
    class GatewayApi {

        @Test
        @DisplayName("a route to a Gateway listener with host names, a path match and a Service backend passes")
        void valid() {
            assertThat(check("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: shop}
                    spec:
                      parentRefs:
                        - {group: gateway.networking.k8s.io, kind: Gateway, name: public-gw, namespace: infra, sectionName: https}
                      hostnames: [shop.example.com, "*.shop.example.com"]
                      rules:
                        - matches: [{path: {type: PathPrefix, value: /}}]
                          backendRefs: [{name: shop, port: 8080}]
                    """)).isEmpty();
        }

        @Test
        @DisplayName("faults are named by field: no parent name, host with scheme, bad path type, unknown field, port by name")
        void faults() {
            List<Finding> findings = check("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: shop}
                    spec:
                      parentRefs: [{namespace: infra}]
                      hostnames: ["https://shop.example.com"]
                      rules:
                        - matches: [{path: {type: Prefix, value: api}}]
                          backendRefs: [{name: shop, port: http}]
                          destination: {}
                    """);
            assertThat(findings).extracting(Finding::ruleId).containsOnly("gateway-httproute");
            assertThat(findings).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("spec.parentRefs[0].name is missing"))
                    .anySatisfy(m -> assertThat(m).contains("spec.hostnames[0]"))
                    .anySatisfy(m -> assertThat(m).contains("path.type 'Prefix'"))
                    .anySatisfy(m -> assertThat(m).contains("does not start with /"))
                    .anySatisfy(m -> assertThat(m).contains("unknown field 'spec.rules[0].destination'"))
                    .anySatisfy(m -> assertThat(m).contains("backendRefs[0].port must be the Service port number"));
        }

        @Test
        @DisplayName("a route without parentRefs attaches to nothing; other Gateway API kinds are not checked")
        void noParentsAndOtherKinds() {
            assertThat(check("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {rules: []}\n"))
                    .extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("spec.parentRefs is missing"));
            assertThat(check("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec: {}\n"))
                    .extracting(Finding::ruleId).containsExactly("k8s-unknown-kind");
        }
    }
}
