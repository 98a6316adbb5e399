package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import dev.k8sautopilot.validation.RemovedApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code api-removed}, {@code api-deprecated}, {@code api-traefik-legacy}: replaces a removed
 * apiVersion line with its replacement from the removed-API table and applies the field changes
 * that come with it — Ingress ({@code serviceName}/{@code servicePort} → {@code service.name}/
 * {@code service.port}, {@code pathType} added), HorizontalPodAutoscaler ({@code
 * targetAverageUtilization} → {@code target}), apps/v1 workloads ({@code spec.selector} added). Only
 * literal {@code apiVersion:} lines are changed; templated ones are left for a person or the LLM healer.
 */
public final class ApiVersionHealer extends RuleHealer {

    /** Creates the healer. */
    public ApiVersionHealer() {
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of("api-removed", "api-deprecated", "api-traefik-legacy");
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    protected HealResult fix(ChartFiles files, List<Finding> findings, HealContext context) {
        ChartFiles out = files;
        List<String> applied = new ArrayList<>();
        String helpers = files.get("templates/_helpers.tpl").orElse("");
        for (Finding f : findings) {
            String text = out.get(f.file()).orElse(null);
            String[] words = f.message().split(" ", 3);
            if (text == null || words.length < 2 || f.resource().indexOf('/') < 0) {
                continue;
            }
            String oldVersion = words[0];
            String kind = f.resource().substring(0, f.resource().indexOf('/'));
            Optional<String> replacement = f.ruleId().equals("api-traefik-legacy")
                    ? Optional.of(oldVersion.replace("traefik.containo.us", "traefik.io"))
                    : RemovedApi.find(oldVersion, kind).map(RemovedApi::replacement).filter(r -> !r.isEmpty());
            if (replacement.isEmpty()) {
                continue;
            }
            List<String> lines = Lines.split(text);
            List<String> changes = new ArrayList<>();
            for (int[] doc : TemplateEdits.docsOfKind(lines, List.of(kind))) {
                boolean replaced = false;
                for (int i = doc[0]; i < doc[1]; i++) {
                    String l = lines.get(i);
                    if (Lines.indent(l) == 0 && l.startsWith("apiVersion:") && l.substring(11).strip().equals(oldVersion)) {
                        lines.set(i, "apiVersion: " + replacement.get());
                        replaced = true;
                    }
                }
                if (!replaced) {
                    continue;
                }
                changes.add(kind + " " + oldVersion + " → " + replacement.get());
                switch (kind) {
                    case "Ingress" -> {
                        int backends = migrateIngressBackends(lines, doc);
                        int paths = TemplateEdits.addPathTypes(lines, doc, "ImplementationSpecific");
                        if (backends + paths > 0) {
                            changes.add("rewrote " + backends + " backend(s) to service.name/port and added " + paths + " pathType(s)");
                        }
                    }
                    case "HorizontalPodAutoscaler" -> {
                        int metrics = migrateHpaTargets(lines, doc);
                        if (metrics > 0) {
                            changes.add("rewrote " + metrics + " metric target(s) to target.type/averageUtilization");
                        }
                    }
                    case "Deployment", "DaemonSet", "ReplicaSet", "StatefulSet" -> {
                        if (TemplateEdits.insertSelector(lines, doc, helpers)) {
                            changes.add("added spec.selector.matchLabels required by apps/v1");
                        }
                    }
                    default -> {
                    }
                }
            }
            if (!changes.isEmpty()) {
                out = out.with(f.file(), Lines.join(lines));
                applied.add(f.file() + ": " + String.join("; ", changes));
            }
        }
        return new HealResult(out, applied);
    }

    /** serviceName/servicePort pairs → service: {name, port: {number|name}}. */
    static int migrateIngressBackends(List<String> lines, int[] doc) {
        int count = 0;
        for (int i = doc[0]; i < doc[1]; i++) {
            String l = lines.get(i);
            if (!l.strip().startsWith("serviceName:")) {
                continue;
            }
            int indent = Lines.indent(l);
            String name = l.strip().substring("serviceName:".length()).strip();
            int portLine = -1;
            for (int j = Math.max(doc[0], i - 2); j < Math.min(doc[1], i + 3); j++) {
                if (j != i && Lines.indent(lines.get(j)) == indent && lines.get(j).strip().startsWith("servicePort:")) {
                    portLine = j;
                }
            }
            String port = portLine < 0 ? "" : lines.get(portLine).strip().substring("servicePort:".length()).strip();
            String pad = Lines.spaces(indent);
            List<String> block = new ArrayList<>(List.of(pad + "service:", pad + "  name: " + name));
            if (!port.isEmpty()) {
                boolean named = port.matches("[a-zA-Z][-a-zA-Z0-9]*") || port.matches("[\"'][a-zA-Z][-a-zA-Z0-9]*[\"']");
                block.add(pad + "  port:");
                block.add(pad + "    " + (named ? "name: " : "number: ") + port);
            }
            int first = portLine < 0 ? i : Math.min(i, portLine);
            if (portLine >= 0) {
                lines.remove(Math.max(i, portLine));
            }
            lines.remove(first);
            lines.addAll(first, block);
            doc[1] += block.size() - (portLine < 0 ? 1 : 2);
            i = first + block.size() - 1;
            count++;
        }
        return count;
    }

    /** targetAverageUtilization / targetAverageValue → target: {type, averageUtilization|averageValue}. */
    static int migrateHpaTargets(List<String> lines, int[] doc) {
        int count = 0;
        for (int i = doc[0]; i < doc[1]; i++) {
            String s = lines.get(i).strip();
            String type;
            String field;
            if (s.startsWith("targetAverageUtilization:")) {
                type = "Utilization";
                field = "averageUtilization";
            } else if (s.startsWith("targetAverageValue:")) {
                type = "AverageValue";
                field = "averageValue";
            } else {
                continue;
            }
            String value = s.substring(s.indexOf(':') + 1).strip();
            String pad = Lines.spaces(Lines.indent(lines.get(i)));
            lines.set(i, pad + "target:");
            lines.add(i + 1, pad + "  type: " + type);
            lines.add(i + 2, pad + "  " + field + ": " + value);
            doc[1] += 2;
            count++;
        }
        return count;
    }
}
