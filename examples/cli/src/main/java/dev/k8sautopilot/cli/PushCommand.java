package dev.k8sautopilot.cli;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.publish.ChartPublisher;
import dev.k8sautopilot.publish.OciReference;
import dev.k8sautopilot.publish.PublishException;
import dev.k8sautopilot.publish.PushResult;
import dev.k8sautopilot.publish.RegistryCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code push CHART oci://HOST/REPO}: validate, package, push, pull back and compare. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Validate and package a chart, push it to an OCI registry, and pull it back to verify the digest.",
        footer = {"", "Examples:",
                "  k8s-autopilot push charts/web oci://registry.example.com/charts",
                "  echo \"$TOKEN\" | k8s-autopilot push charts/web oci://127.0.0.1:5000/charts --plain-http --username ci --password-stdin",
                "", "The password is read from standard input (--password-stdin) or K8S_AUTOPILOT_REGISTRY_PASSWORD, never from",
                "the command line. Exit codes: 0 pushed and verified, 1 the chart failed validation or the registry refused",
                "or failed the push, 2 bad input."})
final class PushCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "K8S_AUTOPILOT_REGISTRY_PASSWORD";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHART", description = "A chart directory or a packaged NAME-VERSION.tgz.")
    Path chart;

    @Parameters(index = "1", paramLabel = "oci://HOST/REPO", description = "The registry and repository to push into.")
    String target;

    @Option(names = "--username", paramLabel = "USER", description = "Registry user (default: K8S_AUTOPILOT_REGISTRY_USERNAME).")
    String username;

    @Option(names = "--password-stdin", description = "Read the registry password or token from standard input.")
    boolean passwordStdin;

    @Option(names = "--plain-http", description = "The registry speaks plain HTTP (no TLS), e.g. a test registry on 127.0.0.1.")
    boolean plainHttp;

    @Option(names = "--insecure-skip-tls-verify", description = "Do not verify the registry's TLS certificate.")
    boolean insecure;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM CA bundle that signs the registry's certificate.")
    Path caFile;

    @Option(names = "--no-validate", description = "Push without validating the chart first.")
    boolean noValidate;

    @Option(names = "--no-verify", description = "Do not pull the chart back to compare digests.")
    boolean noVerify;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("chart", chart.toString());
        doc.put("target", target);
        ResultPrinter printer = new ResultPrinter(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        OciReference remote;
        ChartPublisher publisher;
        try {
            remote = OciReference.parse(target);
            publisher = ChartPublisher.builder().credentials(credentials().orElse(null)).plainHttp(plainHttp)
                    .insecureSkipTlsVerify(insecure).caFile(caFile).verify(!noVerify).build();
        } catch (PublishException e) {
            return fail(printer, doc, e.getMessage(), Main.USAGE);
        }
        if (!Files.exists(chart)) {
            return fail(printer, doc, chart + " does not exist (fix: give a chart directory or a packaged .tgz)", Main.USAGE);
        }
        if (Files.isDirectory(chart) && !noValidate) {
            ValidationReport report = ChartPipeline.builder().checkpointer(new MemoryCheckpointer())
                    .approvals(ApprovalHandlers.autoApprove()).build().validate(ChartFiles.read(chart));
            if (!report.passed()) {
                if (!json) {
                    spec.commandLine().getErr().print(report.format());
                }
                doc.put("passed", false);
                return fail(printer, doc, "the chart did not pass validation; nothing was pushed (fix: run k8s-autopilot repair "
                        + chart + ", or push anyway with --no-validate)", Main.INVALID);
            }
        }
        try {
            PushResult r = publisher.push(chart, remote);
            doc.put("status", "pushed");
            doc.put("reference", r.reference());
            doc.put("digest", r.digest());
            doc.put("name", r.chart().name());
            doc.put("version", r.chart().version());
            doc.put("sha256", r.chart().sha256());
            doc.put("verified", r.verified());
            if (json) {
                printer.printJson(doc);
            } else {
                spec.commandLine().getErr().println("digest: " + r.digest());
                if (r.verified()) {
                    spec.commandLine().getErr().println("verified: pulled back " + r.pulled().orElseThrow().content().length
                            + " bytes, identical to what was pushed");
                }
                spec.commandLine().getOut().println("pushed: " + r.reference());
            }
            return Main.OK;
        } catch (PublishException e) {
            return fail(printer, doc, e.getMessage(), Main.INVALID);
        }
    }

    private java.util.Optional<RegistryCredentials> credentials() throws IOException {
        String user = username != null ? username : System.getenv("K8S_AUTOPILOT_REGISTRY_USERNAME");
        String password = null;
        if (passwordStdin) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line = in.readLine();
                password = line == null ? "" : line.strip();
            }
        } else if (System.getenv(PASSWORD_VARIABLE) != null) {
            password = System.getenv(PASSWORD_VARIABLE);
        }
        if (user == null && password == null) {
            return java.util.Optional.empty();
        }
        if (user == null) {
            throw new PublishException("a registry password was given without a user name", "add --username");
        }
        if (password == null) {
            throw new PublishException("--username needs a password", "pipe it into --password-stdin or set " + PASSWORD_VARIABLE);
        }
        return java.util.Optional.of(RegistryCredentials.of(user, password));
    }

    private int fail(ResultPrinter printer, Map<String, Object> doc, String message, int code) {
        doc.put("status", "failed");
        doc.put("error", message);
        if (json) {
            printer.printJson(doc);
        } else {
            spec.commandLine().getErr().println("error: " + message);
        }
        return code;
    }
}
