package dev.k8sautopilot.maven;

import dev.k8sautopilot.publish.ChartPublisher;
import dev.k8sautopilot.publish.OciReference;
import dev.k8sautopilot.publish.PublishException;
import dev.k8sautopilot.publish.PushResult;
import dev.k8sautopilot.publish.RegistryCredentials;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Pushes the packaged chart ({@code target/NAME-VERSION.tgz}, or the chart directory when it was not packaged)
 * to an OCI registry and pulls it back to compare digests. Credentials come from a {@code <server>} of
 * {@code settings.xml} named by {@code <serverId>} (encrypted passwords are decrypted as usual), never from the POM.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends ChartMojo {

    /** The registry and repository, e.g. {@code oci://registry.example.com/charts}. */
    @Parameter(property = "k8sautopilot.remote", required = true)
    String remote;

    /** The {@code settings.xml} server whose username and password log in to the registry. */
    @Parameter(property = "k8sautopilot.serverId")
    String serverId;

    /** The registry speaks plain HTTP (no TLS). */
    @Parameter(property = "k8sautopilot.plainHttp", defaultValue = "false")
    boolean plainHttp;

    /** Skips TLS certificate verification (test registries only). */
    @Parameter(property = "k8sautopilot.insecureSkipTlsVerify", defaultValue = "false")
    boolean insecureSkipTlsVerify;

    /** A PEM CA bundle that signs the registry's certificate. */
    @Parameter(property = "k8sautopilot.caFile")
    File caFile;

    /** Pulls the chart back and compares digests and bytes. */
    @Parameter(property = "k8sautopilot.verify", defaultValue = "true")
    boolean verify;

    /** Where the package goal wrote the archive. */
    @Parameter(property = "k8sautopilot.packageDirectory", defaultValue = "${project.build.directory}")
    File packageDirectory;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter decrypter;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("k8s-autopilot: skipped");
            return;
        }
        try {
            OciReference target = OciReference.parse(remote);
            ChartPublisher publisher = ChartPublisher.builder().credentials(credentials()).plainHttp(plainHttp)
                    .insecureSkipTlsVerify(insecureSkipTlsVerify).caFile(caFile == null ? null : caFile.toPath()).verify(verify).build();
            PushResult r = publisher.push(chart(), target);
            getLog().info("k8s-autopilot: pushed " + r.reference() + " (" + r.digest() + ")"
                    + (r.verified() ? ", verified by pulling it back" : ""));
        } catch (PublishException e) {
            throw new MojoFailureException("k8s-autopilot: " + e.getMessage());
        }
    }

    private Path chart() {
        Path dir = chartDirectory();
        if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            try {
                String chartYaml = Files.readString(dir.resolve("Chart.yaml"));
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^version:\\s*[\"']?([^\"'\\s]+)").matcher(chartYaml);
                if (m.find()) {
                    Path archive = packageDirectory.toPath().resolve(chartName() + "-" + m.group(1) + ".tgz");
                    if (Files.isRegularFile(archive)) {
                        return archive;
                    }
                }
            } catch (java.io.IOException e) {
                throw new PublishException("cannot read " + dir.resolve("Chart.yaml") + ": " + e.getMessage(), "check the chart");
            }
            return dir;
        }
        throw new PublishException("no chart at " + dir, "run the generate and package goals first");
    }

    private RegistryCredentials credentials() throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            return null;
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new MojoFailureException("k8s-autopilot: no <server> with id '" + serverId + "' in settings.xml"
                    + " (fix: add it with the registry's username and password)");
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem p : decrypted.getProblems()) {
            if (p.getSeverity() == SettingsProblem.Severity.ERROR || p.getSeverity() == SettingsProblem.Severity.FATAL) {
                throw new MojoFailureException("k8s-autopilot: cannot decrypt the password of server '" + serverId + "': " + p.getMessage());
            }
        }
        Server s = decrypted.getServer();
        return RegistryCredentials.of(s.getUsername(), s.getPassword());
    }
}
