package dev.k8sautopilot.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** values.schema.json is a valid draft-07 schema, and values.yaml plus every ci scenario satisfy it. */
final class SchemaLayer implements Layer {

    static final String NAME = "schema";
    static final String FILE = "values.schema.json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> skipReason(ValidationContext ctx) {
        return ctx.files().get(FILE).isPresent() ? Optional.empty() : Optional.of("the chart has no " + FILE);
    }

    @Override
    public List<Finding> run(ValidationContext ctx) {
        List<Finding> out = new ArrayList<>();
        JsonNode schema;
        try {
            schema = Json.mapper().readTree(ctx.files().get(FILE).orElse(""));
        } catch (Exception e) {
            out.add(Finding.of(Severity.ERROR, "values-schema-invalid", NAME, FILE, 0,
                    FILE + " is not valid JSON: " + Rendering.firstLine(e.getMessage()), "fix the JSON syntax"));
            return out;
        }
        if (schema == null) {
            out.add(Finding.of(Severity.ERROR, "values-schema-invalid", NAME, FILE, 0, FILE + " is empty",
                    "write a draft-07 schema, or delete the file"));
            return out;
        }
        List<String> problems = JsonSchemaCheck.schemaProblems(schema);
        for (String p : problems) {
            out.add(Finding.of(Severity.ERROR, "values-schema-invalid", NAME, FILE, 0, "invalid schema: " + p,
                    "follow JSON schema draft-07"));
        }
        if (!problems.isEmpty()) {
            return out;
        }
        List<String> valueFiles = new ArrayList<>();
        valueFiles.add("values.yaml");
        valueFiles.addAll(ctx.ciValuesFiles());
        java.util.Set<String> inDefaults = new java.util.HashSet<>();
        for (String vf : valueFiles) {
            Optional<Object> values = vf.equals("values.yaml") ? ctx.values().map(Object.class::cast) : ctx.parse(vf);
            if (values.isEmpty()) {
                continue; // unparseable values are reported by the structure layer
            }
            Object merged = vf.equals("values.yaml") ? values.get()
                    : ValuesMerge.merge(ctx.values().orElse(java.util.Map.of()), values.get());
            for (String v : JsonSchemaCheck.violations(schema, merged)) {
                // A scenario inherits the defaults' violations: one root cause, one finding (on values.yaml).
                if (vf.equals("values.yaml")) {
                    inDefaults.add(v);
                } else if (inDefaults.contains(v)) {
                    continue;
                }
                out.add(Finding.of(Severity.ERROR, "values-schema-violation", NAME, vf, 0,
                        (vf.equals("values.yaml") ? "" : "values merged with " + vf + ": ") + v,
                        "change the value in " + vf + " or widen " + FILE));
            }
        }
        return out;
    }
}
