package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Required files, Chart.yaml fields and their types, values.yaml and YAML hygiene (tabs, binary content
 * where Helm expects text). Files excluded by {@code .helmignore} are not checked: Helm never loads them.
 */
final class StructureLayer implements Layer {

    static final String NAME = "structure";
    private static final Pattern CHART_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern SEMVER = Pattern.compile(
            "^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$");
    private static final Pattern YAML_LINE = Pattern.compile("line (\\d+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> run(ValidationContext ctx) {
        List<Finding> out = new ArrayList<>();
        var files = ctx.files();
        HelmIgnore ignore = HelmIgnore.of(files);
        for (String path : files.binaryFiles().keySet()) {
            if (!ignore.ignored(path) && helmReadsAsText(path)) {
                out.add(f(Severity.ERROR, "file-not-text", path, 0,
                        "Helm reads this file as text, but it is not UTF-8 text (invalid UTF-8 or NUL bytes)",
                        "save it as UTF-8 text, or move binary content out of templates/ and the chart's YAML files"));
            }
        }
        for (String path : files.paths()) {
            String text = files.get(path).orElse("");
            if (ignore.ignored(path)) {
                continue;
            }
            if (helmReadsAsText(path) && text.indexOf('\0') >= 0) {
                // Only programmatic ChartFiles get here: files read from disk with NUL bytes are binary files.
                out.add(f(Severity.ERROR, "file-not-text", path, 0, "Helm reads this file as text, but it contains NUL bytes",
                        "save it as UTF-8 text, or move binary content out of templates/ and the chart's YAML files"));
                continue;
            }
            if (isYaml(path)) {
                int tabLine = tabIndentLine(text);
                if (tabLine > 0) {
                    out.add(f(Severity.ERROR, "yaml-tab-indent", path, tabLine,
                            "a line is indented with a tab; YAML allows only spaces",
                            "indent with spaces (two per level)"));
                }
            }
        }
        if (ctx.chartDir().isEmpty()) {
            // Without a copy on disk helm cannot run: every later layer is skipped, so this must fail the report.
            out.add(f(Severity.ERROR, "chart-write-failed", "", 0, "the chart could not be written to a temporary directory for "
                    + "helm (" + ctx.writeError() + "); the lint, template, kubernetes, deprecation and security layers did not run",
                    "check free space and permissions of the temporary directory (DefaultValidator(Path) chooses another)"));
        }
        checkChartYaml(ctx, out);
        checkValues(ctx, out);
        if (files.paths().stream().noneMatch(p -> p.startsWith("templates/"))) {
            out.add(f(Severity.ERROR, "templates-missing", "templates/", 0, "the chart has no templates directory",
                    "add the chart's manifests under templates/"));
        } else if (files.get("templates/_helpers.tpl").isEmpty()) {
            out.add(f(Severity.WARNING, "helpers-missing", "templates/_helpers.tpl", 0,
                    "no templates/_helpers.tpl with the name, fullname and label helpers",
                    "add _helpers.tpl defining <chart>.name, <chart>.fullname, <chart>.labels and <chart>.selectorLabels"));
        }
        if (files.get("values.schema.json").isEmpty()) {
            out.add(f(Severity.WARNING, "values-schema-missing", "values.schema.json", 0,
                    "no values.schema.json: wrong value types are only found at install time",
                    "add a draft-07 JSON schema describing every value"));
        }
        for (String optional : List.of("templates/NOTES.txt", ".helmignore", "README.md")) {
            if (files.get(optional).isEmpty()) {
                out.add(f(Severity.INFO, "file-missing", optional, 0, optional + " is missing",
                        "add " + optional + " (see the Bitnami chart layout)"));
            }
        }
        return out;
    }

    private static void checkChartYaml(ValidationContext ctx, List<Finding> out) {
        String text = ctx.files().get("Chart.yaml").orElse(null);
        if (text == null) {
            out.add(f(Severity.ERROR, "chart-yaml-missing", "Chart.yaml", 0, "Chart.yaml is missing",
                    "add Chart.yaml with apiVersion: v2, name, version, appVersion and description"));
            return;
        }
        Object parsed;
        try {
            // The shared parse (other layers read Chart.yaml too); only a document that does not parse to anything
            // is parsed again here, for the error and its line.
            parsed = ctx.parse("Chart.yaml").orElseGet(() -> Yaml.load(text));
        } catch (RuntimeException e) {
            out.add(f(Severity.ERROR, "chart-yaml-invalid", "Chart.yaml", yamlLine(e.getMessage()),
                    "Chart.yaml is not valid YAML: " + Rendering.firstLine(e.getMessage()),
                    "fix the indentation (spaces only, consistent levels) and quoting"));
            return;
        }
        if (!(parsed instanceof Map<?, ?> chart)) {
            out.add(f(Severity.ERROR, "chart-yaml-invalid", "Chart.yaml", 1, "Chart.yaml is not a YAML mapping",
                    "write Chart.yaml as key: value pairs"));
            return;
        }
        Object api = chart.get("apiVersion");
        if (!"v2".equals(api)) {
            out.add(f(Severity.ERROR, "chart-api-version", "Chart.yaml", lineOf(text, "apiVersion:"),
                    "Chart.yaml apiVersion is " + (api == null ? "missing" : "'" + api + "'") + ", Helm 3 charts use v2",
                    "set apiVersion: v2"));
        }
        Object name = chart.get("name");
        if (!(name instanceof String s) || !CHART_NAME.matcher(s).matches() || s.length() > 53) {
            out.add(f(Severity.ERROR, "chart-name-invalid", "Chart.yaml", lineOf(text, "name:"),
                    "chart name " + (name == null ? "is missing" : "'" + name + "' is not a DNS label of at most 53 characters"),
                    "use lowercase letters, digits and '-', e.g. my-app"));
        } else if (!s.equals(ctx.files().name())) {
            out.add(f(Severity.WARNING, "chart-name-mismatch", "Chart.yaml", lineOf(text, "name:"),
                    "chart name '" + s + "' differs from the directory name '" + ctx.files().name() + "'",
                    "rename the directory or the chart so both are equal"));
        }
        for (String key : List.of("version", "appVersion", "kubeVersion")) {
            Object v = chart.get(key);
            if (v != null && !(v instanceof String)) {
                out.add(f(Severity.ERROR, "chart-field-type", "Chart.yaml", lineOf(text, key + ":"),
                        "Chart.yaml " + key + " is a " + typeName(v) + ", it must be a string (unquoted "
                                + v + " is read as a number and can lose digits)",
                        "quote it: " + key + ": \"" + rawValue(text, key) + "\""));
            }
        }
        Object version = chart.get("version");
        if (version == null) {
            out.add(f(Severity.ERROR, "chart-version-invalid", "Chart.yaml", 0, "Chart.yaml has no version",
                    "add version: \"0.1.0\" (strict SemVer)"));
        } else if (!SEMVER.matcher(rawValue(text, "version")).matches()) {
            out.add(f(Severity.ERROR, "chart-version-invalid", "Chart.yaml", lineOf(text, "version:"),
                    "chart version '" + rawValue(text, "version") + "' is not SemVer (MAJOR.MINOR.PATCH)",
                    "write it as three numbers, e.g. \"1.0.0\""));
        }
        if (chart.get("appVersion") == null) {
            out.add(f(Severity.WARNING, "chart-app-version-missing", "Chart.yaml", 0, "Chart.yaml has no appVersion",
                    "add appVersion: \"<the application's version>\" (quoted)"));
        }
        Object description = chart.get("description");
        if (!(description instanceof String d) || d.isBlank() || d.startsWith("A Helm chart for Kubernetes")) {
            out.add(f(Severity.INFO, "chart-description", "Chart.yaml", lineOf(text, "description:"),
                    "Chart.yaml has no real description", "describe what the chart deploys in one sentence"));
        }
        Object type = chart.get("type");
        if (type != null && !List.of("application", "library").contains(type)) {
            out.add(f(Severity.ERROR, "chart-type-invalid", "Chart.yaml", lineOf(text, "type:"),
                    "chart type '" + type + "' is neither application nor library", "set type: application"));
        }
    }

    private static void checkValues(ValidationContext ctx, List<Finding> out) {
        List<String> valueFiles = new ArrayList<>();
        valueFiles.add("values.yaml");
        valueFiles.addAll(ctx.ciValuesFiles());
        for (String path : valueFiles) {
            String text = ctx.files().get(path).orElse(null);
            if (text == null) {
                if (path.equals("values.yaml")) {
                    out.add(f(Severity.WARNING, "values-missing", path, 0, "values.yaml is missing",
                            "add values.yaml with the chart's documented defaults"));
                }
                continue;
            }
            try {
                Object v = ctx.parse(path).orElseGet(() -> Yaml.load(text));
                if (v != null && !(v instanceof Map)) {
                    out.add(f(Severity.ERROR, "values-invalid", path, 1, path + " is not a YAML mapping",
                            "write values as key: value pairs"));
                }
            } catch (RuntimeException e) {
                out.add(f(Severity.ERROR, "values-invalid", path, yamlLine(e.getMessage()),
                        path + " is not valid YAML: " + Rendering.firstLine(e.getMessage()),
                        "fix the indentation (spaces only, two per level) and quoting"));
            }
        }
    }

    static boolean isYaml(String path) {
        return path.endsWith(".yaml") || path.endsWith(".yml") || path.endsWith(".tpl");
    }

    /**
     * True for the files Helm parses as text: Chart.yaml, values files, the schema, lock and ignore files,
     * templates and CRDs, of the chart and of every unpacked subchart. Other files ({@code files/logo.png},
     * {@code charts/*.tgz}) may hold any bytes.
     */
    static boolean helmReadsAsText(String path) {
        String p = path;
        while (p.startsWith("charts/") && p.indexOf('/', "charts/".length()) > 0) {
            p = p.substring(p.indexOf('/', "charts/".length()) + 1);
        }
        return p.equals("Chart.yaml") || p.equals("values.yaml") || p.equals("values.schema.json")
                || p.equals("requirements.yaml") || p.equals("requirements.lock") || p.equals("Chart.lock")
                || p.equals(".helmignore") || p.startsWith("templates/") || p.startsWith("crds/")
                || p.startsWith("ci/") && p.endsWith(".yaml");
    }

    /** 1-based line of the first line whose indentation contains a tab, 0 when none. */
    static int tabIndentLine(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            for (int j = 0; j < l.length(); j++) {
                char c = l.charAt(j);
                if (c == '\t') {
                    return i + 1;
                }
                if (c != ' ') {
                    break;
                }
            }
        }
        return 0;
    }

    static int lineOf(String text, String prefix) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The value text of a top-level key as written (quotes removed). */
    static String rawValue(String text, String key) {
        for (String l : text.split("\n", -1)) {
            if (l.startsWith(key + ":")) {
                String v = l.substring(key.length() + 1);
                int hash = v.indexOf(" #");
                if (hash >= 0) {
                    v = v.substring(0, hash);
                }
                v = v.strip();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return "";
    }

    static int yamlLine(String message) {
        if (message == null) {
            return 0;
        }
        Matcher m = YAML_LINE.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String typeName(Object v) {
        return v instanceof Number ? "number" : v instanceof Boolean ? "boolean" : v.getClass().getSimpleName();
    }

    private static Finding f(Severity s, String rule, String file, int line, String msg, String hint) {
        return Finding.of(s, rule, NAME, file, line, msg, hint);
    }
}
