package dev.k8sautopilot.maven;

import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.IntentField;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.SpecException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates the project's chart into {@code target/helm/NAME/}, offline, from a spec file
 * ({@code src/main/helm/chart.yaml} by default) or from a sentence. The chart name, version and appVersion
 * default to the POM's artifactId and version, the image to {@code <image>} or the Jib/JKube image name; a value
 * written in the spec always wins. Regenerating keeps files edited by hand since the last generation (their new
 * versions go to {@code .k8s-autopilot/proposed/}). The build fails when the chart does not pass validation.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends ChartMojo {

    /** The chart spec (YAML or JSON, see docs/chart-spec.md); used when it exists. */
    @Parameter(property = "k8sautopilot.spec", defaultValue = "${project.basedir}/src/main/helm/chart.yaml")
    File spec;

    /** A sentence describing the chart, used when there is no spec file. */
    @Parameter(property = "k8sautopilot.request")
    String request;

    /** The container image; defaults to the Jib or JKube image name of this project when configured. */
    @Parameter(property = "k8sautopilot.image")
    String image;

    /** Chart version; defaults to the project version as strict SemVer (1.2-SNAPSHOT → 1.2.0-SNAPSHOT). */
    @Parameter(property = "k8sautopilot.chartVersion")
    String chartVersion;

    /** Application version; defaults to the project version. */
    @Parameter(property = "k8sautopilot.appVersion")
    String appVersion;

    /** Fails the build when the generated chart has error findings. */
    @Parameter(property = "k8sautopilot.failOnError", defaultValue = "true")
    boolean failOnError;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("k8s-autopilot: skipped");
            return;
        }
        ChartRequest chartRequest;
        try {
            chartRequest = chartRequest();
        } catch (SpecException e) {
            throw new MojoFailureException("k8s-autopilot: " + source() + ": " + e.getMessage());
        }
        RunResult result = pipeline().run(chartRequest);
        if (result instanceof RunResult.Completed done) {
            log(getLog(), done.report());
            if (!done.keptUserEdits().isEmpty()) {
                getLog().info("k8s-autopilot: kept your edits in " + String.join(", ", done.keptUserEdits())
                        + " (new versions under .k8s-autopilot/proposed/)");
            }
            if (!done.passed() && failOnError) {
                throw new MojoFailureException("k8s-autopilot: the chart " + done.chartDirectory() + " has "
                        + done.report().count(dev.k8sautopilot.model.Severity.ERROR) + " error finding(s), listed above");
            }
            getLog().info("k8s-autopilot: chart written to " + done.chartDirectory() + done.report().score().stream()
                    .mapToObj(s -> " (score " + s + ")").findFirst().orElse(""));
        } else if (result instanceof RunResult.Interrupted stopped) {
            StringBuilder sb = new StringBuilder("k8s-autopilot: the chart needs more information:");
            for (Question q : stopped.request().questions()) {
                sb.append("\n  ").append(q.field()).append(": ").append(q.text());
            }
            sb.append("\n(fix: add the missing values to ").append(spec.exists() ? spec : "the <request> sentence or a spec file")
                    .append(", e.g. <image>)");
            throw new MojoFailureException(sb.toString());
        } else if (result instanceof RunResult.Failed failed) {
            log(getLog(), failed.report());
            throw new MojoFailureException("k8s-autopilot: " + failed.reason());
        }
    }

    private String source() {
        return spec.exists() ? project.getBasedir().toPath().relativize(spec.toPath()).toString() : "<request>";
    }

    private ChartRequest chartRequest() throws MojoFailureException {
        Optional<String> defaultImage = image != null && !image.isBlank() ? Optional.of(image.strip()) : ProjectDefaults.image(project);
        String version = chartVersion != null ? chartVersion : ProjectDefaults.chartVersion(project.getVersion());
        String app = appVersion != null ? appVersion : project.getVersion();
        if (spec.isFile()) {
            String text;
            try {
                text = Files.readString(spec.toPath(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoFailureException("k8s-autopilot: cannot read " + spec + ": " + e.getMessage());
            }
            // The POM's values fill only what the spec leaves unset: a value written in the spec always wins.
            ChartIntent.Builder intent = ChartSpecs.parseIntent(text).toBuilder()
                    .setIfAbsent(IntentField.NAME, chartName())
                    .setIfAbsent(IntentField.CHART_VERSION, version)
                    .setIfAbsent(IntentField.APP_VERSION, app);
            if (defaultImage.isPresent() && !intent.has(IntentField.IMAGE)) {
                intent.set(IntentField.IMAGE, Image.parse(defaultImage.get()));
            }
            ChartIntent built = intent.build();
            getLog().info("k8s-autopilot: generating " + built.value(IntentField.NAME).orElse(chartName()) + " "
                    + built.value(IntentField.CHART_VERSION).orElse(version) + " from " + source());
            return ChartRequest.of(built);
        }
        if (request == null || request.isBlank()) {
            throw new MojoFailureException("k8s-autopilot: no chart spec at " + spec + " and no <request> configured"
                    + " (fix: write the spec file, see docs/chart-spec.md, or configure <request>Spring Boot service on port 8080</request>)");
        }
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("name", chartName());
        answers.put("chartVersion", version);
        answers.put("appVersion", app);
        defaultImage.ifPresent(i -> answers.put("image", i));
        getLog().info("k8s-autopilot: generating " + chartName() + " " + version + " from <request>");
        return new ChartRequest(request, Optional.empty(), answers, List.of());
    }
}
