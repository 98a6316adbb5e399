package dev.k8sautopilot.templates;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartMetadata;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Maintainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chart.yaml with the metadata that is known: every string goes through Jackson (quoted) or snakeyaml-engine
 * (lists). {@code home}, {@code sources}, {@code icon} and {@code maintainers} are written only when the spec has
 * them (from the request, the spec or the app catalog); nothing is guessed.
 */
final class ChartYamlGenerator implements TemplateGenerator {

    @Override
    public String id() {
        return "chart-yaml";
    }

    @Override
    public Phase phase() {
        return Phase.CORE;
    }


    @Override
    public Map<String, String> generate(GenerationContext ctx) {
        ChartSpec spec = ctx.spec();
        ChartMetadata md = spec.metadata();
        Set<String> keywords = new LinkedHashSet<>(md.keywords());
        if (keywords.isEmpty()) {
            keywords.add(spec.name());
            keywords.add(spec.image().shortName());
            if (!spec.app().isEmpty()) {
                keywords.add(spec.app());
            }
            keywords.add(spec.workload().wire().toLowerCase(java.util.Locale.ROOT));
        }
        List<Object> maintainers = new ArrayList<>();
        for (Maintainer m : md.maintainers()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", m.name());
            if (!m.email().isEmpty()) {
                e.put("email", m.email());
            }
            if (!m.url().isEmpty()) {
                e.put("url", m.url());
            }
            maintainers.add(e);
        }
        // What is not known is left out (no registry page as a source, no placeholder maintainer or icon).
        Map<String, Object> lists = new LinkedHashMap<>();
        lists.put("keywords", List.copyOf(keywords));
        if (!md.sources().isEmpty()) {
            lists.put("sources", md.sources());
        }
        if (!maintainers.isEmpty()) {
            lists.put("maintainers", maintainers);
        }
        List<Object> dependencies = new ArrayList<>();
        ctx.features().forEach(f -> dependencies.addAll(f.chartDependencies(spec)));
        if (!dependencies.isEmpty()) {
            lists.put("dependencies", dependencies);
        }
        Map<String, String> fill = new LinkedHashMap<>();
        // A DNS label can read as another YAML type (4, 1e3, no, on, null): Yaml.scalar quotes it then.
        fill.put("name", Yaml.scalar(spec.name()));
        fill.put("description", Json.write(spec.description()));
        fill.put("version", Json.write(spec.chartVersion()));
        fill.put("appVersion", Json.write(spec.appVersion()));
        fill.put("home", md.home().isEmpty() ? "" : "home: " + Json.write(md.home()) + "\n");
        fill.put("icon", md.icon().isEmpty() ? "" : "icon: " + Json.write(md.icon()) + "\n");
        fill.put("lists", Yaml.dump(lists));
        fill.put("license", Json.write(md.license()));
        fill.put("category", Json.write(spec.longRunning() ? (spec.persistence().enabled() ? "Database" : "ApplicationServer") : "Job"));
        return Map.of("Chart.yaml", TemplateText.fill(BuiltinGenerators.CHART + "Chart.yaml", fill));
    }
}
