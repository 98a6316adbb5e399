package dev.k8sautopilot.templates;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** QUALITY.md §3 error rules, checked on rendered objects (test code; the validation module has the real engine). */
final class Quality {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|api_?key|credential).*");
    private static final Set<String> CURRENT_APIS = Set.of("v1", "apps/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1",
            "batch/v1", "rbac.authorization.k8s.io/v1", "traefik.io/v1alpha1", "monitoring.coreos.com/v1", "gateway.networking.k8s.io/v1");

    private Quality() {
    }

    /** Every §3 error found, as "Kind/name: problem". */
    static List<String> errors(List<Map<String, Object>> objects) {
        List<String> out = new ArrayList<>();
        List<Map<String, Object>> podOwners = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            String id = o.get("kind") + "/" + name(o);
            if (!CURRENT_APIS.contains((String) o.get("apiVersion"))) {
                out.add(id + ": apiVersion " + o.get("apiVersion") + " is not a current API");
            }
            if (WORKLOADS.contains((String) o.get("kind"))) {
                Map<String, Object> pod = podSpec(o);
                podOwners.add(o);
                checkPod(id, o, pod, out);
            }
            if ("Role".equals(o.get("kind"))) {
                for (Object r : list(o.get("rules"))) {
                    Map<String, Object> rule = map(r);
                    if (list(rule.get("verbs")).contains("*") || list(rule.get("resources")).contains("*")
                            || list(rule.get("resources")).contains("pods/exec")) {
                        out.add(id + ": RBAC rule too broad " + rule);
                    }
                }
            }
            if ("RoleBinding".equals(o.get("kind")) && "cluster-admin".equals(map(o.get("roleRef")).get("name"))) {
                out.add(id + ": binds cluster-admin");
            }
        }
        for (Map<String, Object> o : objects) {
            if (!"Service".equals(o.get("kind"))) {
                continue;
            }
            Map<String, Object> selector = map(map(o.get("spec")).get("selector"));
            Map<String, Object> target = podOwners.stream().filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet()))
                    .findFirst().orElse(null);
            if (selector.isEmpty() || target == null) {
                out.add("Service/" + name(o) + ": selector " + selector + " matches no workload");
                continue;
            }
            Set<String> portNames = portNames(podSpec(target));
            for (Object p : list(map(o.get("spec")).get("ports"))) {
                Object tp = map(p).get("targetPort");
                if (!(tp instanceof String s) || !portNames.contains(s)) {
                    out.add("Service/" + name(o) + ": targetPort " + tp + " is not a declared port name " + portNames);
                }
            }
        }
        return out;
    }

    private static void checkPod(String id, Map<String, Object> o, Map<String, Object> pod, List<String> out) {
        if (Boolean.TRUE.equals(pod.get("hostNetwork")) || Boolean.TRUE.equals(pod.get("hostPID")) || Boolean.TRUE.equals(pod.get("hostIPC"))) {
            out.add(id + ": uses host namespaces");
        }
        for (Object v : list(pod.get("volumes"))) {
            if (map(v).containsKey("hostPath")) {
                out.add(id + ": mounts a hostPath");
            }
        }
        boolean longRunning = Set.of("Deployment", "StatefulSet", "DaemonSet").contains((String) o.get("kind"));
        Map<String, Object> selector = map(map(map(o.get("spec")).get("selector")).get("matchLabels"));
        if (longRunning && !podLabels(o).entrySet().containsAll(selector.entrySet())) {
            out.add(id + ": selector " + selector + " is not a subset of the pod labels");
        }
        Set<String> ports = portNames(pod);
        List<Object> containers = new ArrayList<>(list(pod.get("containers")));
        containers.addAll(list(pod.get("initContainers")));
        for (Object c : containers) {
            Map<String, Object> ctr = map(c);
            String cid = id + " container " + ctr.get("name");
            Map<String, Object> sc = map(ctr.get("securityContext"));
            if (Boolean.TRUE.equals(sc.get("privileged"))) {
                out.add(cid + ": privileged");
            }
            if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
                out.add(cid + ": allowPrivilegeEscalation is not false");
            }
            Object runAsNonRoot = sc.containsKey("runAsNonRoot") ? sc.get("runAsNonRoot") : map(pod.get("securityContext")).get("runAsNonRoot");
            if (!Boolean.TRUE.equals(runAsNonRoot)) {
                out.add(cid + ": runAsNonRoot is not true");
            }
            Map<String, Object> caps = map(sc.get("capabilities"));
            if (!list(caps.get("drop")).contains("ALL")) {
                out.add(cid + ": capabilities do not drop ALL");
            }
            if (list(caps.get("add")).contains("SYS_ADMIN") || list(caps.get("add")).contains("NET_RAW")) {
                out.add(cid + ": adds SYS_ADMIN or NET_RAW");
            }
            String image = String.valueOf(ctr.get("image"));
            String last = image.substring(image.lastIndexOf('/') + 1);
            if (!image.contains("@sha256:") && (!last.contains(":") || last.endsWith(":latest"))) {
                out.add(cid + ": image " + image + " is not pinned");
            }
            Map<String, Object> res = map(ctr.get("resources"));
            Map<String, Object> req = map(res.get("requests"));
            if (!req.containsKey("cpu") || !req.containsKey("memory") || !map(res.get("limits")).containsKey("memory")) {
                out.add(cid + ": missing cpu/memory requests or memory limit " + res);
            }
            boolean main = list(pod.get("containers")).indexOf(c) == 0;
            if (longRunning && main && (!ctr.containsKey("livenessProbe") || !ctr.containsKey("readinessProbe"))) {
                out.add(cid + ": missing liveness or readiness probe");
            }
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                Map<String, Object> p = map(ctr.get(probe));
                for (String handler : List.of("httpGet", "tcpSocket")) {
                    Object port = map(p.get(handler)).get("port");
                    if (p.containsKey(handler) && !(port instanceof String s && ports.contains(s))) {
                        out.add(cid + ": " + probe + " port " + port + " is not a declared port name");
                    }
                }
            }
            for (Object e : list(ctr.get("env"))) {
                Map<String, Object> env = map(e);
                if (SECRET_NAME.matcher(String.valueOf(env.get("name"))).matches() && env.containsKey("value")
                        && !String.valueOf(env.get("value")).isEmpty()) {
                    out.add(cid + ": secret-looking env " + env.get("name") + " has a literal value");
                }
            }
        }
    }

    static Map<String, Object> podSpec(Map<String, Object> o) {
        return map(podTemplate(o).get("spec"));
    }

    static Map<String, Object> podTemplate(Map<String, Object> o) {
        Map<String, Object> spec = map(o.get("spec"));
        return switch ((String) o.get("kind")) {
            case "Pod" -> o;
            case "CronJob" -> map(map(map(spec.get("jobTemplate")).get("spec")).get("template"));
            default -> map(spec.get("template"));
        };
    }

    static Map<String, Object> podLabels(Map<String, Object> o) {
        return map(map(podTemplate(o).get("metadata")).get("labels"));
    }

    private static Set<String> portNames(Map<String, Object> pod) {
        Set<String> names = new HashSet<>();
        for (Object c : list(pod.get("containers"))) {
            for (Object p : list(map(c).get("ports"))) {
                names.add(String.valueOf(map(p).get("name")));
            }
        }
        return names;
    }

    static String name(Map<String, Object> o) {
        return String.valueOf(map(o.get("metadata")).get("name"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
