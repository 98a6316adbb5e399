package dev.k8sautopilot.maven;

import dev.k8sautopilot.publish.ChartPublisher;
import dev.k8sautopilot.publish.PackagedChart;
import dev.k8sautopilot.publish.PublishException;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Packages the chart as {@code target/NAME-VERSION.tgz}, as {@code helm package} does. */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends ChartMojo {

    /** The chart to package; defaults to the generated chart. */
    @Parameter(property = "k8sautopilot.chartDirectory")
    File chartDirectory;

    /** Where the archive is written. */
    @Parameter(property = "k8sautopilot.packageDirectory", defaultValue = "${project.build.directory}")
    File packageDirectory;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("k8s-autopilot: skipped");
            return;
        }
        Path chart = chartDirectory != null ? chartDirectory.toPath() : chartDirectory();
        try {
            PackagedChart p = ChartPublisher.builder().build().pack(chart, packageDirectory.toPath());
            getLog().info("k8s-autopilot: packaged " + p.archive() + " (sha256 " + p.sha256() + ")");
        } catch (PublishException e) {
            throw new MojoFailureException("k8s-autopilot: " + e.getMessage());
        }
    }
}
