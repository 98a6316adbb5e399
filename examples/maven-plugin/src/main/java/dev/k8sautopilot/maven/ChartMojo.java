package dev.k8sautopilot.maven;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.model.WriteMode;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every goal shares: the project, where charts live, the chart name and a switch to skip. */
abstract class ChartMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Directory the chart directory is generated into. */
    @Parameter(property = "k8sautopilot.outputDirectory", defaultValue = "${project.build.directory}/helm")
    File outputDirectory;

    /** Chart name; defaults to the artifactId made into a DNS label. */
    @Parameter(property = "k8sautopilot.chartName")
    String chartName;

    /** Target Kubernetes version of validation. */
    @Parameter(property = "k8sautopilot.kubeVersion", defaultValue = ValidationOptions.DEFAULT_KUBE_VERSION)
    String kubeVersion;

    /** Skips the goal. */
    @Parameter(property = "k8sautopilot.skip", defaultValue = "false")
    boolean skip;

    String chartName() {
        return chartName != null && !chartName.isBlank() ? chartName.strip() : ProjectDefaults.chartName(project.getArtifactId());
    }

    Path chartDirectory() {
        return outputDirectory.toPath().resolve(chartName());
    }

    /** An offline pipeline: memory checkpoints (a build is one run), every gate approved, hand edits kept. */
    ChartPipeline pipeline() {
        return ChartPipeline.builder()
                .outputDirectory(outputDirectory.toPath())
                .writeMode(WriteMode.UPDATE)
                .validationOptions(new ValidationOptions(kubeVersion, true, Set.of(), Optional.empty()))
                .checkpointer(new MemoryCheckpointer())
                .approvals(ApprovalHandlers.autoApprove())
                .build();
    }

    /** Logs each finding at its severity's level. */
    static void log(Log log, ValidationReport report) {
        for (Finding f : report.findings()) {
            String where = f.file().isEmpty() ? "" : f.file() + (f.line() > 0 ? ":" + f.line() : "") + ": ";
            String line = f.ruleId() + " " + where + (f.resource().isEmpty() ? "" : f.resource() + ": ") + f.message()
                    + (f.hint().isEmpty() ? "" : " (fix: " + f.hint() + ")");
            switch (f.severity()) {
                case ERROR -> log.error(line);
                case WARNING -> log.warn(line);
                default -> log.info(line);
            }
        }
    }
}
