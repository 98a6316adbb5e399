package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sec-resources}, {@code sec-run-as-non-root}, {@code sec-privilege-escalation},
 * {@code sec-capabilities}, {@code sec-probes}: gives containers resources, a hardened security
 * context and liveness/readiness probes <em>through values.yaml</em> when the template reads
 * {@code .Values.<key>} for them (the value is filled in, an {@code enabled} switch turned on), and
 * otherwise inserts a block that reads values (resources, security context) or a tcpSocket probe on the
 * container's first port into the container spec with its indentation.
 */
public final class ContainerDefaultsHealer extends RuleHealer {

    private static final Pattern VALUES_REF = Pattern.compile("\\.Values\\.([A-Za-z0-9_.]+)");
    private static final Pattern IF_VALUES = Pattern.compile("\\{\\{-?\\s*if\\s+\\.Values\\.([A-Za-z0-9_.]+)\\s*-?}}");
    private static final Pattern WITH_VALUES = Pattern.compile("\\{\\{-?\\s*with\\s+\\.Values\\.([A-Za-z0-9_.]+)\\s*-?}}");
    private static final Set<String> SECURITY_RULES = Set.of("sec-run-as-non-root", "sec-privilege-escalation", "sec-capabilities");
    private static final Pattern CONTAINER = Pattern.compile("container '([^']+)'");
    private static final Pattern NAME = Pattern.compile("^(?:- )?name:\\s*[\"']?([^\"'#]+?)[\"']?\\s*(?:#.*)?$");

    /** Creates the healer. */
    public ContainerDefaultsHealer() {
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of("sec-resources", "sec-run-as-non-root", "sec-privilege-escalation", "sec-capabilities", "sec-probes");
    }

    @Override
    public int order() {
        return 30;
    }

    /** Requests and a memory limit for a small web workload. */
    static Map<String, Object> defaultResources() {
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("cpu", "100m");
        requests.put("memory", "128Mi");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("requests", requests);
        r.put("limits", new LinkedHashMap<>(Map.of("memory", "256Mi")));
        return r;
    }

    /** The hardened container security context of QUALITY.md §3. */
    static Map<String, Object> hardenedContext() {
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("runAsNonRoot", true);
        sc.put("runAsUser", 10001);
        sc.put("runAsGroup", 10001);
        sc.put("allowPrivilegeEscalation", false);
        sc.put("capabilities", new LinkedHashMap<>(Map.of("drop", List.of("ALL"))));
        sc.put("seccompProfile", new LinkedHashMap<>(Map.of("type", "RuntimeDefault")));
        return sc;
    }

    @Override
    protected HealResult fix(ChartFiles files, List<Finding> findings, HealContext context) {
        String valuesText = files.get("values.yaml").orElse("");
        Object values;
        try {
            values = valuesText.isBlank() ? new LinkedHashMap<>() : Yaml.load(valuesText);
        } catch (RuntimeException e) {
            return HealResult.unchanged(files); // broken values.yaml is the indentation healer's job
        }
        if (values != null && !(values instanceof Map)) {
            return HealResult.unchanged(files);
        }
        Edit edit = new Edit(valuesText);
        ChartFiles out = files;
        List<String> applied = new ArrayList<>();
        for (String path : findings.stream().map(Finding::file).filter(p -> p.startsWith("templates/")).distinct().toList()) {
            Set<String> rules = Set.copyOf(findings.stream().filter(f -> f.file().equals(path)).map(Finding::ruleId).toList());
            String text = out.get(path).orElse(null);
            if (text == null) {
                continue;
            }
            List<String> lines = Lines.split(text);
            List<String> changes = new ArrayList<>();
            List<Integer> images = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String s = lines.get(i).strip();
                if (s.startsWith("image:") || s.startsWith("- image:")) {
                    images.add(i);
                }
            }
            Map<String, Set<String>> byContainer = new LinkedHashMap<>();
            for (Finding f : findings) {
                Matcher m = CONTAINER.matcher(f.message());
                if (f.file().equals(path) && m.find()) {
                    byContainer.computeIfAbsent(m.group(1), n -> new java.util.TreeSet<>()).add(f.ruleId());
                }
            }
            for (int k = images.size() - 1; k >= 0; k--) {
                // Only the containers the findings name; a templated name cannot be matched, so it gets every rule.
                String name = containerName(lines, images.get(k));
                Set<String> own = byContainer.isEmpty() || name == null || name.contains("{{") ? rules
                        : byContainer.getOrDefault(name, Set.of());
                if (!own.isEmpty()) {
                    container(lines, images.get(k), own, edit, changes);
                }
            }
            if (!changes.isEmpty()) {
                out = out.with(path, Lines.join(lines));
                applied.add(path + ": " + String.join("; ", changes.stream().distinct().toList()));
            }
        }
        if (!edit.text.equals(valuesText)) {
            out = out.with("values.yaml", edit.text);
            applied.add("values.yaml: " + String.join("; ", edit.notes.stream().distinct().toList()));
        }
        return applied.isEmpty() ? HealResult.unchanged(files) : new HealResult(out, applied);
    }

    /** values.yaml being edited. */
    private static final class Edit {
        String text;
        final List<String> notes = new ArrayList<>();

        Edit(String text) {
            this.text = text;
        }

        Object get(String dotted) {
            try {
                return ValuesEdit.get(Yaml.load(text.isBlank() ? "{}" : text), path(dotted));
            } catch (RuntimeException e) {
                return null;
            }
        }

        /**
         * Fills {@code defaults} into the map at {@code dotted} without changing what the user set, except the
         * keys in {@code forced} (the values the finding is about), and turns on the block's own {@code enabled}
         * switch when it is off. A value that is not a map (a preset name, a boolean) is never replaced.
         */
        void fill(String dotted, Map<String, Object> defaults, Map<String, Object> forced, String note) {
            Object current = get(dotted);
            if (current != null && !(current instanceof Map)) {
                return;
            }
            Object next = current == null ? ValuesEdit.merge(defaults, forced) : ValuesEdit.merge(fillMissing(current, defaults), forced);
            if (current instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("enabled")) && next instanceof Map<?, ?>) {
                next = ValuesEdit.merge(next, Map.of("enabled", true));
            }
            if (next.equals(current)) {
                return;
            }
            String updated = ValuesEdit.set(text, path(dotted), next);
            if (!updated.equals(text)) {
                text = updated;
                notes.add(note);
            }
        }

        /** Sets a boolean switch; anything that is not a boolean (or absent) is left alone. */
        void turnOn(String dotted, String note) {
            Object current = get(dotted);
            if (Boolean.FALSE.equals(current) || current == null && dotted.endsWith(".enabled")) {
                String updated = ValuesEdit.set(text, path(dotted), true);
                if (!updated.equals(text)) {
                    text = updated;
                    notes.add(note);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static Object fillMissing(Object base, Map<String, Object> defaults) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) base);
            defaults.forEach((k, v) -> {
                Object have = out.get(k);
                if (have == null) {
                    out.put(k, v);
                } else if (have instanceof Map && v instanceof Map<?, ?> vm) {
                    out.put(k, fillMissing(have, (Map<String, Object>) vm));
                }
            });
            return out;
        }

        static List<String> path(String dotted) {
            return Arrays.asList(dotted.split("\\."));
        }
    }

    private static void container(List<String> lines, int imageLine, Set<String> rules, Edit edit, List<String> changes) {
        int keyIndent = Lines.keyIndent(lines.get(imageLine));
        int start = imageLine;
        if (!lines.get(imageLine).strip().startsWith("- ")) {
            for (int j = imageLine - 1; j >= 0; j--) {
                String l = lines.get(j);
                if (Lines.indent(l) == keyIndent - 2 && l.strip().startsWith("- ")) {
                    start = j;
                    break;
                }
                if (!Lines.neutral(l) && Lines.indent(l) < keyIndent - 2) {
                    break;
                }
            }
        }
        int end = start + 1;
        for (; end < lines.size(); end++) {
            String l = lines.get(end);
            if (Lines.neutral(l)) {
                continue;
            }
            if (Lines.indent(l) < keyIndent || Lines.indent(l) == keyIndent - 2 && l.strip().startsWith("- ")) {
                break;
            }
        }
        List<String> insert = new ArrayList<>();
        String pad = Lines.spaces(keyIndent);
        if (rules.contains("sec-resources")) {
            int res = keyLine(lines, start, end, keyIndent, "resources:");
            String ref = res < 0 ? null : valuesRef(lines, res, end, keyIndent);
            if (ref != null) {
                edit.fill(ref, defaultResources(), Map.of(), "set " + ref + " requests/limits");
                enableGuard(lines, res, edit);
            } else if (res < 0 && String.join("\n", lines).contains(".Values.resources")) {
                // Another container reads .Values.resources already: a literal block, so that one is not changed.
                for (String l : List.of("resources:", "  requests:", "    cpu: 100m", "    memory: 128Mi", "  limits:",
                        "    memory: 256Mi")) {
                    insert.add(pad + l);
                }
                changes.add("container got literal resource requests/limits");
            } else if (res < 0) {
                insert.add(pad + "resources:");
                insert.add(pad + "  {{- toYaml .Values.resources | nindent " + (keyIndent + 2) + " }}");
                edit.fill("resources", defaultResources(), Map.of(), "set resources requests/limits");
                changes.add("container reads resources from .Values.resources");
            }
        }
        if (rules.stream().anyMatch(SECURITY_RULES::contains)) {
            int sc = keyLine(lines, start, end, keyIndent, "securityContext:");
            String ref = sc < 0 ? null : valuesRef(lines, sc, end, keyIndent);
            if (ref != null) {
                edit.fill(ref, contextDefaults(rules), contextForced(rules, edit.get(ref)), "hardened " + ref);
                enableGuard(lines, sc, edit);
            } else if ((sc < 0 || lines.get(sc).strip().equals("securityContext: {}"))
                    && String.join("\n", lines).contains(".Values.containerSecurityContext")) {
                // Another container reads .Values.containerSecurityContext: a literal block leaves that one alone.
                if (sc >= 0) {
                    lines.remove(sc);
                }
                for (String l : List.of("securityContext:", "  runAsNonRoot: true", "  runAsUser: 10001",
                        "  allowPrivilegeEscalation: false", "  capabilities:", "    drop: [\"ALL\"]")) {
                    insert.add(pad + l);
                }
                changes.add("container got a literal hardened securityContext");
            } else if (sc < 0 || lines.get(sc).strip().equals("securityContext: {}")) {
                if (sc >= 0) {
                    lines.remove(sc);
                }
                insert.add(pad + "securityContext:");
                insert.add(pad + "  {{- omit .Values.containerSecurityContext \"enabled\" | toYaml | nindent " + (keyIndent + 2) + " }}");
                edit.fill("containerSecurityContext", hardenedContext(), contextForced(rules, edit.get("containerSecurityContext")),
                        "set a hardened containerSecurityContext");
                changes.add("container reads its securityContext from .Values.containerSecurityContext");
            } else {
                int added = literalContext(lines, sc, keyIndent, rules);
                if (added > 0) {
                    changes.add("set " + added + " hardening key(s) in a literal securityContext");
                }
            }
        }
        if (rules.contains("sec-probes")) {
            String port = firstPort(lines, start, end, keyIndent);
            for (String probe : List.of("livenessProbe", "readinessProbe")) {
                int p = keyLine(lines, start, end, keyIndent, probe + ":");
                String ref = p < 0 ? null : valuesRef(lines, p, end, keyIndent);
                if (p >= 0) {
                    enableGuard(lines, p, edit);
                    if (ref != null && port != null && !(edit.get(ref) instanceof Map<?, ?> m && !m.isEmpty())) {
                        edit.fill(ref, Map.of("tcpSocket", Map.of("port", literal(port))), Map.of(), "set " + ref + " to a tcpSocket probe");
                    }
                } else if (port != null) {
                    insert.add(pad + probe + ":");
                    insert.add(pad + "  tcpSocket:");
                    insert.add(pad + "    port: " + port);
                    changes.add("added a tcpSocket " + probe + " on port " + port);
                }
            }
        }
        if (!insert.isEmpty()) {
            lines.addAll(imageLine + 1, insert);
        }
    }

    /** The keys a values security context gets when missing, for the rules found (nothing else is added). */
    static Map<String, Object> contextDefaults(Set<String> rules) {
        Map<String, Object> sc = new LinkedHashMap<>();
        if (rules.contains("sec-run-as-non-root")) {
            sc.put("runAsNonRoot", true);
            sc.put("runAsUser", 10001);
        }
        if (rules.contains("sec-privilege-escalation")) {
            sc.put("allowPrivilegeEscalation", false);
        }
        if (rules.contains("sec-capabilities")) {
            sc.put("capabilities", new LinkedHashMap<>(Map.of("drop", List.of("ALL"))));
        }
        return sc;
    }

    /**
     * The values that are the finding and so are changed even when the user set them: runAsNonRoot (and a
     * runAsUser of 0, which contradicts it), allowPrivilegeEscalation, capabilities.drop. Any other user value
     * (e.g. runAsUser: 1001) is kept.
     */
    static Map<String, Object> contextForced(Set<String> rules, Object current) {
        Map<String, Object> forced = new LinkedHashMap<>();
        Map<?, ?> cur = current instanceof Map<?, ?> m ? m : Map.of();
        if (rules.contains("sec-run-as-non-root")) {
            forced.put("runAsNonRoot", true);
            if (cur.get("runAsUser") instanceof Number n && n.longValue() == 0) {
                forced.put("runAsUser", 10001);
            }
        }
        if (rules.contains("sec-privilege-escalation")) {
            forced.put("allowPrivilegeEscalation", false);
        }
        if (rules.contains("sec-capabilities")) {
            forced.put("capabilities", new LinkedHashMap<>(Map.of("drop", List.of("ALL"))));
        }
        return forced;
    }

    /** The literal {@code name:} of the container whose image is on {@code imageLine}, or null. */
    private static String containerName(List<String> lines, int imageLine) {
        int keyIndent = Lines.keyIndent(lines.get(imageLine));
        for (int j = imageLine; j >= 0; j--) {
            String l = lines.get(j);
            if (Lines.keyIndent(l) == keyIndent) {
                Matcher m = NAME.matcher(l.strip());
                if (m.matches()) {
                    return m.group(1).strip();
                }
            }
            if (j < imageLine && l.strip().startsWith("- ") && Lines.keyIndent(l) == keyIndent) {
                break;
            }
            if (!Lines.neutral(l) && Lines.indent(l) < keyIndent - 2) {
                break;
            }
        }
        for (int j = imageLine + 1; j < lines.size(); j++) {
            String l = lines.get(j);
            if (Lines.neutral(l)) {
                continue;
            }
            if (Lines.indent(l) < keyIndent || l.strip().startsWith("- ")) {
                break;
            }
            Matcher m = NAME.matcher(l.strip());
            if (Lines.keyIndent(l) == keyIndent && m.matches()) {
                return m.group(1).strip();
            }
        }
        return null;
    }

    private static Object literal(String port) {
        return port.matches("\\d+") ? Integer.parseInt(port) : port;
    }

    /** Line of a direct key of the container, or -1. */
    private static int keyLine(List<String> lines, int start, int end, int keyIndent, String key) {
        for (int i = start; i < end && i < lines.size(); i++) {
            String l = lines.get(i);
            if (Lines.keyIndent(l) == keyIndent && l.strip().replaceFirst("^- ", "").startsWith(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The {@code .Values.x} path a key's block reads, when it is a values hook. */
    private static String valuesRef(List<String> lines, int keyLine, int end, int keyIndent) {
        // {{- with .Values.x }} right above the key: the block renders ".", i.e. .Values.x
        for (int i = keyLine - 1; i >= Math.max(0, keyLine - 2); i--) {
            Matcher with = WITH_VALUES.matcher(lines.get(i).strip());
            if (with.matches()) {
                return with.group(1);
            }
            if (!Lines.neutral(lines.get(i))) {
                break;
            }
        }
        for (int i = keyLine; i < Math.min(end, keyLine + 3) && i < lines.size(); i++) {
            if (i > keyLine && !Lines.neutral(lines.get(i)) && Lines.indent(lines.get(i)) <= keyIndent) {
                break;
            }
            Matcher m = VALUES_REF.matcher(lines.get(i));
            if (m.find() && (i == keyLine || lines.get(i).contains("toYaml") || lines.get(i).contains("omit"))) {
                return m.group(1);
            }
        }
        return null;
    }

    /** Turns on an {@code {{- if .Values.x.enabled }}} guard right above a key, when it is off. */
    private static void enableGuard(List<String> lines, int keyLine, Edit edit) {
        for (int i = keyLine - 1; i >= Math.max(0, keyLine - 2); i--) {
            Matcher m = IF_VALUES.matcher(lines.get(i).strip());
            if (m.matches()) {
                edit.turnOn(m.group(1), "turned on " + m.group(1));
                return;
            }
        }
    }

    /**
     * Fixes a literal securityContext block for the rules found: adds the missing keys, and turns the values
     * that are the finding ({@code runAsNonRoot: false}, {@code runAsUser: 0}, {@code allowPrivilegeEscalation:
     * true}) around. Other keys are left as they are.
     */
    private static int literalContext(List<String> lines, int sc, int keyIndent, Set<String> rules) {
        int end = Lines.blockEnd(lines, sc, keyIndent);
        int found = TemplateEdits.childIndent(lines, sc, end);
        int child = found < 0 ? keyIndent + 2 : found;
        String pad = Lines.spaces(child);
        int changed = 0;
        Map<String, String> wrong = new LinkedHashMap<>();
        if (rules.contains("sec-run-as-non-root")) {
            wrong.put("runAsNonRoot:", "runAsNonRoot: true");
            wrong.put("runAsUser: 0", "runAsUser: 10001");
        }
        if (rules.contains("sec-privilege-escalation")) {
            wrong.put("allowPrivilegeEscalation:", "allowPrivilegeEscalation: false");
        }
        for (Map.Entry<String, String> e : wrong.entrySet()) {
            int at = Lines.find(lines, sc + 1, end, child, e.getKey());
            if (at >= 0 && !lines.get(at).contains("{{") && !lines.get(at).strip().replaceAll("\\s+#.*$", "").equals(e.getValue())
                    && (e.getKey().endsWith(":") || lines.get(at).strip().matches("runAsUser:\\s*0\\s*(#.*)?"))) {
                lines.set(at, pad + e.getValue());
                changed++;
            }
        }
        List<String> add = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        if (rules.contains("sec-run-as-non-root")) {
            keys.put("runAsNonRoot:", "runAsNonRoot: true");
            keys.put("runAsUser:", "runAsUser: 10001");
        }
        if (rules.contains("sec-privilege-escalation")) {
            keys.put("allowPrivilegeEscalation:", "allowPrivilegeEscalation: false");
        }
        if (rules.contains("sec-capabilities")) {
            keys.put("capabilities:", "capabilities:\n" + pad + "  drop: [\"ALL\"]");
        }
        for (Map.Entry<String, String> e : keys.entrySet()) {
            if (Lines.find(lines, sc + 1, end, child, e.getKey()) < 0) {
                for (String l : e.getValue().split("\n")) {
                    add.add(l.startsWith(" ") ? l : pad + l);
                }
            }
        }
        lines.addAll(sc + 1, add);
        return changed + (int) add.stream().filter(l -> Lines.indent(l) == child).count();
    }

    /** The first named (or else numbered) port of the container. */
    private static String firstPort(List<String> lines, int start, int end, int keyIndent) {
        int ports = keyLine(lines, start, end, keyIndent, "ports:");
        if (ports < 0) {
            return null;
        }
        int portsEnd = Lines.blockEnd(lines, ports, keyIndent);
        String number = null;
        for (int i = ports + 1; i < portsEnd; i++) {
            String s = lines.get(i).strip().replaceFirst("^- ", "");
            if (s.startsWith("name:")) {
                String v = s.substring(5).strip();
                if (v.matches("[\"']?[a-z0-9-]{1,15}[\"']?")) {
                    return v.replace("\"", "").replace("'", "");
                }
            }
            if (s.startsWith("containerPort:") && number == null) {
                String v = s.substring(14).strip();
                number = v.matches("\\d+") ? v : null;
            }
        }
        return number;
    }
}
