package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural checks of Argo CD {@code Application} and {@code AppProject} objects ({@code argoproj.io/v1alpha1}):
 * known fields only, exactly one source, a destination, and a sync policy of the documented shape.
 */
final class ArgoCdChecks {

    static final String RULE = "argocd-structure";
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Set<String> APP_SPEC = Set.of("project", "source", "sources", "destination", "syncPolicy",
            "ignoreDifferences", "info", "revisionHistoryLimit", "sourceHydrator");
    private static final Set<String> SOURCE = Set.of("repoURL", "path", "targetRevision", "chart", "helm", "kustomize",
            "directory", "plugin", "ref", "name");
    private static final Set<String> HELM = Set.of("valueFiles", "values", "valuesObject", "parameters", "fileParameters",
            "releaseName", "passCredentials", "ignoreMissingValueFiles", "skipCrds", "skipSchemaValidation", "version",
            "kubeVersion", "apiVersions", "namespace", "skipTests");
    private static final Set<String> DESTINATION = Set.of("server", "name", "namespace");
    private static final Set<String> SYNC = Set.of("automated", "syncOptions", "retry", "managedNamespaceMetadata");
    private static final Set<String> AUTOMATED = Set.of("prune", "selfHeal", "allowEmpty", "enabled");
    private static final Set<String> RETRY = Set.of("limit", "backoff", "refresh");
    private static final Set<String> BACKOFF = Set.of("duration", "factor", "maxDuration");
    private static final Set<String> PROJECT_SPEC = Set.of("description", "sourceRepos", "destinations", "clusterResourceWhitelist",
            "clusterResourceBlacklist", "namespaceResourceWhitelist", "namespaceResourceBlacklist", "roles", "syncWindows",
            "orphanedResources", "signatureKeys", "sourceNamespaces", "permitOnlyProjectScopedClusters", "destinationServiceAccounts");

    private ArgoCdChecks() {
    }

    static boolean applies(RenderedObject o) {
        return o.group().equals("argoproj.io");
    }

    static List<Finding> check(RenderedObject o, String label) {
        List<String> problems = new ArrayList<>();
        if (!o.apiVersion().equals("argoproj.io/v1alpha1")) {
            problems.add("apiVersion " + o.apiVersion() + " is not served by Argo CD (use argoproj.io/v1alpha1)");
        } else {
            switch (o.kind()) {
                case "Application" -> application(o.body(), problems);
                case "AppProject" -> appProject(o.body(), problems);
                default -> {
                    return List.of(KubernetesLayer.find(Severity.INFO, "k8s-unknown-kind", o,
                            "Argo CD " + o.kind() + " is not checked structurally" + label, ""));
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (String p : problems) {
            out.add(KubernetesLayer.find(Severity.ERROR, RULE, o, o.kind() + ": " + p + label,
                    "see the Argo CD " + o.kind() + " reference; docs/publishing.md shows the generated form"));
        }
        return out;
    }

    private static void application(Map<String, Object> body, List<String> problems) {
        Map<String, Object> spec = Maps.map(body, "spec");
        unknown("spec", spec, APP_SPEC, problems);
        if (Maps.string(spec, "project").isEmpty()) {
            problems.add("spec.project is required (use default or the chart's AppProject)");
        }
        boolean single = spec.containsKey("source");
        boolean multi = spec.containsKey("sources");
        if (single == multi) {
            problems.add("give exactly one of spec.source and spec.sources");
        }
        if (single) {
            source("spec.source", Maps.map(spec, "source"), problems);
        }
        List<Map<String, Object>> sources = Maps.maps(spec, "sources");
        for (int i = 0; i < sources.size(); i++) {
            source("spec.sources[" + i + "]", sources.get(i), problems);
        }
        Map<String, Object> dest = Maps.map(spec, "destination");
        unknown("spec.destination", dest, DESTINATION, problems);
        boolean server = !Maps.string(dest, "server").isEmpty();
        boolean name = !Maps.string(dest, "name").isEmpty();
        if (server == name) {
            problems.add("spec.destination needs exactly one of server and name");
        }
        String ns = Maps.string(dest, "namespace");
        if (!ns.isEmpty() && !DNS_LABEL.matcher(ns).matches()) {
            problems.add("spec.destination.namespace '" + ns + "' is not a namespace name");
        }
        Map<String, Object> sync = Maps.map(spec, "syncPolicy");
        unknown("spec.syncPolicy", sync, SYNC, problems);
        Object automated = sync.get("automated");
        if (automated != null) {
            if (!(automated instanceof Map<?, ?>)) {
                problems.add("spec.syncPolicy.automated must be a map (prune, selfHeal, allowEmpty)");
            } else {
                Map<String, Object> a = Maps.map(sync, "automated");
                unknown("spec.syncPolicy.automated", a, AUTOMATED, problems);
                for (String k : a.keySet()) {
                    if (!(a.get(k) instanceof Boolean)) {
                        problems.add("spec.syncPolicy.automated." + k + " must be true or false");
                    }
                }
            }
        }
        for (Object option : Maps.list(sync, "syncOptions")) {
            if (!(option instanceof String s) || !s.matches("^[A-Za-z]+=[A-Za-z0-9-]+$")) {
                problems.add("spec.syncOptions entries are Name=value strings such as CreateNamespace=true");
            }
        }
        Map<String, Object> retry = Maps.map(sync, "retry");
        unknown("spec.syncPolicy.retry", retry, RETRY, problems);
        unknown("spec.syncPolicy.retry.backoff", Maps.map(retry, "backoff"), BACKOFF, problems);
        if (retry.containsKey("limit") && !(retry.get("limit") instanceof Integer)) {
            problems.add("spec.syncPolicy.retry.limit must be an integer");
        }
    }

    private static void source(String at, Map<String, Object> source, List<String> problems) {
        unknown(at, source, SOURCE, problems);
        if (Maps.string(source, "repoURL").isEmpty()) {
            problems.add(at + ".repoURL is required");
        }
        boolean chart = !Maps.string(source, "chart").isEmpty();
        boolean path = !Maps.string(source, "path").isEmpty();
        if (chart && path) {
            problems.add(at + " gives both chart (a Helm repository) and path (a Git directory)");
        }
        if (chart && Maps.string(source, "targetRevision").isEmpty()) {
            problems.add(at + ".targetRevision is required for a Helm chart source (the chart version)");
        }
        unknown(at + ".helm", Maps.map(source, "helm"), HELM, problems);
    }

    private static void appProject(Map<String, Object> body, List<String> problems) {
        Map<String, Object> spec = Maps.map(body, "spec");
        unknown("spec", spec, PROJECT_SPEC, problems);
        if (Maps.list(spec, "sourceRepos").isEmpty()) {
            problems.add("spec.sourceRepos is empty: the project can deploy nothing");
        }
        List<Map<String, Object>> destinations = Maps.maps(spec, "destinations");
        if (destinations.isEmpty()) {
            problems.add("spec.destinations is empty: the project can deploy nowhere");
        }
        for (int i = 0; i < destinations.size(); i++) {
            unknown("spec.destinations[" + i + "]", destinations.get(i), DESTINATION, problems);
        }
        for (String list : List.of("clusterResourceWhitelist", "clusterResourceBlacklist", "namespaceResourceWhitelist", "namespaceResourceBlacklist")) {
            for (Map<String, Object> gk : Maps.maps(spec, list)) {
                if (!gk.containsKey("group") || Maps.string(gk, "kind").isEmpty()) {
                    problems.add("spec." + list + " entries need group and kind");
                }
            }
        }
    }

    private static void unknown(String at, Map<String, Object> map, Set<String> known, List<String> problems) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                problems.add("unknown field '" + at + "." + key + "'");
            }
        }
    }
}
