package dev.k8sautopilot.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the chart with every layer (structure, schema, helm lint, helm template, strict Kubernetes schema,
 * removed APIs, security rules), logs the findings, writes the report as JSON and fails the build on errors.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ValidateMojo extends ChartMojo {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The chart to validate; defaults to the generated chart. */
    @Parameter(property = "k8sautopilot.chartDirectory")
    File chartDirectory;

    /** Where the JSON report is written. */
    @Parameter(property = "k8sautopilot.report", defaultValue = "${project.build.directory}/k8s-autopilot/validation-report.json")
    File report;

    /** Fails the build when a finding is an error. */
    @Parameter(property = "k8sautopilot.failOnError", defaultValue = "true")
    boolean failOnError;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("k8s-autopilot: skipped");
            return;
        }
        Path chart = chartDirectory != null ? chartDirectory.toPath() : chartDirectory();
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new MojoFailureException("k8s-autopilot: no chart at " + chart
                    + " (fix: run the generate goal first, or point <chartDirectory> at a chart)");
        }
        ValidationReport result = pipeline().validate(ChartFiles.read(chart));
        log(getLog(), result);
        writeReport(chart, result);
        long errors = result.count(Severity.ERROR);
        if (errors > 0 && failOnError) {
            throw new MojoFailureException("k8s-autopilot: " + chart + " has " + errors + " error finding(s), listed above; report: " + report);
        }
        getLog().info("k8s-autopilot: " + chart + " passed validation" + result.score().stream().mapToObj(s -> ", score " + s)
                .findFirst().orElse("") + " (" + result.count(Severity.WARNING) + " warnings); report: " + report);
    }

    private void writeReport(Path chart, ValidationReport result) throws MojoExecutionException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("chart", chart.toString());
        doc.put("passed", result.passed());
        doc.put("score", result.score().isPresent() ? result.score().getAsInt() : null);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : result.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", f.severity().name());
            m.put("rule", f.ruleId());
            m.put("layer", f.layer());
            m.put("file", f.file());
            m.put("line", f.line());
            m.put("resource", f.resource());
            m.put("message", f.message());
            m.put("hint", f.hint());
            findings.add(m);
        }
        doc.put("findings", findings);
        try {
            Files.createDirectories(report.toPath().getParent());
            JSON.writeValue(report, doc);
        } catch (IOException e) {
            throw new MojoExecutionException("k8s-autopilot: cannot write " + report + ": " + e.getMessage(), e);
        }
    }
}
