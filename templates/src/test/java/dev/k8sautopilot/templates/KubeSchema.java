package dev.k8sautopilot.templates;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.k8sautopilot.internal.Json;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Strict Kubernetes schema validation of rendered objects with the official client models (unknown and missing fields, types). */
final class KubeSchema {

    private static final Map<String, Validation> BY_KIND = Map.ofEntries(
            Map.entry("Deployment", V1Deployment::validateJsonElement),
            Map.entry("StatefulSet", V1StatefulSet::validateJsonElement),
            Map.entry("DaemonSet", io.kubernetes.client.openapi.models.V1DaemonSet::validateJsonElement),
            Map.entry("Job", V1Job::validateJsonElement),
            Map.entry("CronJob", V1CronJob::validateJsonElement),
            Map.entry("Pod", V1Pod::validateJsonElement),
            Map.entry("Service", V1Service::validateJsonElement),
            Map.entry("ConfigMap", V1ConfigMap::validateJsonElement),
            Map.entry("Secret", V1Secret::validateJsonElement),
            Map.entry("ServiceAccount", V1ServiceAccount::validateJsonElement),
            Map.entry("Ingress", V1Ingress::validateJsonElement),
            Map.entry("HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::validateJsonElement),
            Map.entry("PodDisruptionBudget", V1PodDisruptionBudget::validateJsonElement),
            Map.entry("NetworkPolicy", V1NetworkPolicy::validateJsonElement),
            Map.entry("PersistentVolumeClaim", V1PersistentVolumeClaim::validateJsonElement),
            Map.entry("Role", V1Role::validateJsonElement),
            Map.entry("RoleBinding", V1RoleBinding::validateJsonElement));

    private KubeSchema() {
    }

    /** Problems per object; CRDs (Traefik, ServiceMonitor, Gateway API) get structural checks in the validation module. */
    static List<String> problems(List<Map<String, Object>> objects) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            Validation v = BY_KIND.get((String) o.get("kind"));
            if (v == null) {
                if (!List.of("IngressRoute", "Middleware", "ServiceMonitor", "HTTPRoute").contains(o.get("kind"))) {
                    out.add("no schema for kind " + o.get("kind"));
                }
                continue;
            }
            try {
                v.validate(JsonParser.parseString(Json.write(o)));
            } catch (IOException | RuntimeException e) {
                out.add(o.get("kind") + "/" + Quality.name(o) + ": " + e.getMessage());
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface Validation {
        void validate(JsonElement json) throws IOException;
    }

}
