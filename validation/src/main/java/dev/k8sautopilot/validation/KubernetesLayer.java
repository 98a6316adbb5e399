package dev.k8sautopilot.validation;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import io.kubernetes.client.openapi.models.*;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict Kubernetes schema of every rendered object through the official client's generated models
 * ({@code validateJsonElement}: unknown fields, required fields, JSON shapes, then typed
 * deserialization for numbers, booleans, quantities), plus structural checks of Traefik and
 * Prometheus Operator custom resources.
 */
final class KubernetesLayer implements Layer {

    static final String NAME = "kubernetes";
    private static final Map<String, Class<?>> MODELS = models();
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern UNKNOWN = Pattern.compile("The field `([^`]+)` in the JSON string is not defined in the `(\\w+)` properties");
    private static final Pattern REQUIRED = Pattern.compile("The required field `([^`]+)` is not found in the JSON string");
    private static final Pattern REQUIRED_EMPTY = Pattern.compile("The required field\\(s\\) \\[([^]]*)] in (\\w+) is not found");
    private static final Gson GSON = new Gson();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> skipReason(ValidationContext ctx) {
        return renderedOrReason(ctx);
    }

    static Optional<String> renderedOrReason(ValidationContext ctx) {
        if (!ctx.helmCanRun()) {
            return Optional.of(LintLayer.notRunnable(ctx));
        }
        return ctx.rendering().anyRendered() ? Optional.empty() : Optional.of("the chart did not render (see the template layer)");
    }

    private static Map<String, Class<?>> models() {
        Map<String, Class<?>> m = new HashMap<>();
        m.put("apps/v1/Deployment", V1Deployment.class);
        m.put("apps/v1/StatefulSet", V1StatefulSet.class);
        m.put("apps/v1/DaemonSet", V1DaemonSet.class);
        m.put("apps/v1/ReplicaSet", V1ReplicaSet.class);
        m.put("v1/Service", V1Service.class);
        m.put("v1/ConfigMap", V1ConfigMap.class);
        m.put("v1/Secret", V1Secret.class);
        m.put("v1/ServiceAccount", V1ServiceAccount.class);
        m.put("v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class);
        m.put("v1/PersistentVolume", V1PersistentVolume.class);
        m.put("v1/Pod", V1Pod.class);
        m.put("v1/Namespace", V1Namespace.class);
        m.put("v1/Endpoints", V1Endpoints.class);
        m.put("v1/ResourceQuota", V1ResourceQuota.class);
        m.put("v1/LimitRange", V1LimitRange.class);
        m.put("networking.k8s.io/v1/Ingress", V1Ingress.class);
        m.put("networking.k8s.io/v1/IngressClass", V1IngressClass.class);
        m.put("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class);
        m.put("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class);
        m.put("autoscaling/v1/HorizontalPodAutoscaler", V1HorizontalPodAutoscaler.class);
        m.put("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class);
        m.put("rbac.authorization.k8s.io/v1/Role", V1Role.class);
        m.put("rbac.authorization.k8s.io/v1/RoleBinding", V1RoleBinding.class);
        m.put("rbac.authorization.k8s.io/v1/ClusterRole", V1ClusterRole.class);
        m.put("rbac.authorization.k8s.io/v1/ClusterRoleBinding", V1ClusterRoleBinding.class);
        m.put("batch/v1/Job", V1Job.class);
        m.put("batch/v1/CronJob", V1CronJob.class);
        m.put("storage.k8s.io/v1/StorageClass", V1StorageClass.class);
        m.put("scheduling.k8s.io/v1/PriorityClass", V1PriorityClass.class);
        m.put("apiextensions.k8s.io/v1/CustomResourceDefinition", V1CustomResourceDefinition.class);
        return Map.copyOf(m);
    }

    /** The model class for an apiVersion and kind, when the client knows it. */
    static Optional<Class<?>> model(String apiVersion, String kind) {
        return Optional.ofNullable(MODELS.get(apiVersion + "/" + kind));
    }

    @Override
    public List<Finding> run(ValidationContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (Rendering.Scenario s : ctx.rendering().scenarios()) {
            Set<String> seen = new HashSet<>();
            for (RenderedObject o : s.objects()) {
                out.addAll(ctx.kubernetesFindings(s, o));
                String key = o.apiVersion() + "/" + o.resource() + "/" + Maps.string(o.body(), "metadata", "namespace");
                if (!o.kind().isEmpty() && !seen.add(key)) {
                    out.add(find(Severity.ERROR, "k8s-duplicate-object", o, "the chart renders " + o.resource()
                            + " twice" + s.label(), "give each object a unique name (use the fullname helper with a suffix)"));
                }
            }
        }
        return out;
    }

    /** Checks one object. */
    static List<Finding> check(RenderedObject o, String label) {
        List<Finding> out = new ArrayList<>();
        if (o.apiVersion().isEmpty() || o.kind().isEmpty()) {
            out.add(find(Severity.ERROR, "k8s-missing-kind", o, "a rendered object has no apiVersion or kind" + label,
                    "start every document with apiVersion: and kind:"));
            return out;
        }
        String name = o.name();
        if (name.isEmpty()) {
            out.add(find(Severity.ERROR, "k8s-metadata-name", o, o.kind() + " has no metadata.name" + label,
                    "set metadata.name from the fullname helper"));
        } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            out.add(find(Severity.ERROR, "k8s-metadata-name", o, "name '" + name + "' is not a valid Kubernetes name" + label,
                    "use lowercase letters, digits, '-' and '.', at most 253 characters (63 for Services)"));
        }
        boolean selectorMissing = false;
        if (List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet").contains(o.kind()) && o.apiVersion().startsWith("apps/")
                && Maps.map(o.body(), "spec", "selector", "matchLabels").isEmpty()
                && Maps.list(o.body(), "spec", "selector", "matchExpressions").isEmpty()) {
            selectorMissing = true;
            out.add(find(Severity.ERROR, "workload-selector-missing", o, o.kind() + " has no spec.selector.matchLabels" + label,
                    "add spec.selector.matchLabels with the selector labels helper, equal to the pod template's labels"));
        }
        boolean pathTypeMissing = false;
        if (o.kind().equals("Ingress") && o.apiVersion().equals("networking.k8s.io/v1")) {
            for (Map<String, Object> rule : Maps.maps(o.body(), "spec", "rules")) {
                for (Map<String, Object> path : Maps.maps(rule, "http", "paths")) {
                    if (Maps.string(path, "pathType").isEmpty()) {
                        pathTypeMissing = true;
                    }
                }
            }
            if (pathTypeMissing) {
                out.add(find(Severity.ERROR, "ingress-path-type-missing", o, "an Ingress path has no pathType" + label,
                        "set pathType: Prefix (or ImplementationSpecific / Exact) on every path"));
            }
        }
        Optional<Class<?>> model = model(o.apiVersion(), o.kind());
        if (model.isPresent()) {
            Optional<String> problem = modelProblem(model.get(), o.body());
            if (problem.isPresent()) {
                String p = problem.get();
                boolean covered = selectorMissing && p.contains("'selector'") || pathTypeMissing && p.contains("'pathType'");
                if (!covered) {
                    out.add(find(Severity.ERROR, "k8s-schema", o, p + label, schemaHint(p)));
                }
            }
        } else if (customCheck(o).isPresent()) {
            out.addAll(customCheck(o).get().check(o, label));
        } else if (!DeprecationLayer.isKnownRemoved(o.apiVersion(), o.kind())) {
            out.add(find(Severity.INFO, "k8s-unknown-kind", o, o.apiVersion() + " " + o.kind()
                    + " is not a built-in kind; only its metadata was checked" + label,
                    "make sure its CustomResourceDefinition is installed in the target cluster"));
        }
        return out;
    }

    private static Optional<CustomResourceCheck> customCheck(RenderedObject o) {
        return CustomResourceCheck.BUILT_IN.stream().filter(c -> c.appliesTo(o.group(), o.kind())).findFirst();
    }

    /** The first schema problem of an object, with the field path where it can be found. */
    static Optional<String> modelProblem(Class<?> model, Map<String, Object> body) {
        JsonElement json;
        try {
            json = GSON.toJsonTree(body);
        } catch (RuntimeException e) {
            return Optional.of("the object cannot be converted to JSON: " + e.getMessage());
        }
        try {
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
        } catch (java.lang.reflect.InvocationTargetException e) {
            return Optional.of(explain(e.getCause() == null ? e : e.getCause(), body));
        } catch (ReflectiveOperationException e) {
            return Optional.of("the Kubernetes model " + model.getSimpleName() + " cannot be used: " + e.getMessage());
        }
        if (ModelTypes.readable(json, model)) {
            // Every value has its field's type: the typed read below could only succeed (and would first build a Gson
            // over every model the kind can reach).
            return Optional.empty();
        }
        try {
            // Typed read: numbers, booleans, quantities and int-or-string fields must parse.
            // ModelGson reads like the client's JSON.getGson() without loading every model class of the API.
            ModelGson.forModel(model).fromJson(json, model);
        } catch (RuntimeException e) {
            return Optional.of("a field has the wrong type: " + shorten(Rendering.firstLine(e.getMessage())));
        }
        return Optional.empty();
    }

    private static String explain(Throwable t, Map<String, Object> body) {
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        Matcher m = UNKNOWN.matcher(msg);
        if (m.find()) {
            String path = pathOfKey(body, m.group(1), "");
            return "unknown field '" + (path == null ? m.group(1) : path) + "' (not a property of " + m.group(2) + ")";
        }
        m = REQUIRED.matcher(msg);
        if (m.find()) {
            return "required field '" + m.group(1) + "' is missing";
        }
        m = REQUIRED_EMPTY.matcher(msg);
        if (m.find()) {
            return "required field(s) " + m.group(1) + " of " + m.group(2) + " are missing (the object is empty)";
        }
        int json = msg.indexOf(" JSON:");
        if (json < 0) {
            json = msg.indexOf(" in the JSON string");
        }
        return shorten(json > 0 ? msg.substring(0, json) : msg);
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** Dotted path of the first map that holds {@code key}, depth-first. */
    static String pathOfKey(Object node, String key, String at) {
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey(key)) {
                return at.isEmpty() ? key : at + "." + key;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String r = pathOfKey(e.getValue(), key, at.isEmpty() ? String.valueOf(e.getKey()) : at + "." + e.getKey());
                if (r != null) {
                    return r;
                }
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                String r = pathOfKey(l.get(i), key, at + "[" + i + "]");
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    private static String schemaHint(String problem) {
        if (problem.startsWith("unknown field")) {
            return "remove the field or fix its spelling/indentation (kubectl explain <kind>.<path> lists valid fields)";
        }
        if (problem.startsWith("required field")) {
            return "add the required field";
        }
        return "use the type the Kubernetes API expects (kubectl explain <kind>.<path>)";
    }

    static Finding find(Severity s, String rule, RenderedObject o, String msg, String hint) {
        return new Finding(s, rule, NAME, o.file(), 0, o.kind().isEmpty() ? "" : o.resource(), msg, hint);
    }
}
