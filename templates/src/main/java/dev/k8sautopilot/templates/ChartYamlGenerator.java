package dev.k8sautopilot.templates;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartMetadata;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.Maintainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Chart.yaml with full metadata: every string goes through Jackson (quoted) or snakeyaml-engine (lists). */
final class ChartYamlGenerator implements TemplateGenerator {

    static final String DEFAULT_ICON = "https://raw.githubusercontent.com/cncf/artwork/main/projects/helm/icon/color/helm-icon-color.svg";

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
        String home = md.home().isEmpty() ? imagePage(spec.image()) : md.home();
        List<String> sources = md.sources().isEmpty() ? List.of(imagePage(spec.image())) : md.sources();
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
        Map<String, Object> lists = new LinkedHashMap<>();
        lists.put("keywords", List.copyOf(keywords));
        lists.put("sources", sources);
        lists.put("maintainers", maintainers);
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
        fill.put("home", Json.write(home));
        fill.put("icon", Json.write(md.icon().isEmpty() ? DEFAULT_ICON : md.icon()));
        fill.put("lists", Yaml.dump(lists));
        fill.put("license", Json.write(md.license()));
        fill.put("category", Json.write(spec.longRunning() ? (spec.persistence().enabled() ? "Database" : "ApplicationServer") : "Job"));
        return Map.of("Chart.yaml", TemplateText.fill(BuiltinGenerators.CHART + "Chart.yaml", fill));
    }

    /** The public page of an image: Docker Hub for docker.io, the registry path otherwise. */
    static String imagePage(Image image) {
        if (image.registry().equals("docker.io")) {
            return image.repository().startsWith("library/")
                    ? "https://hub.docker.com/_/" + image.shortName()
                    : "https://hub.docker.com/r/" + image.repository();
        }
        return "https://" + image.registry() + "/" + image.repository();
    }
}
