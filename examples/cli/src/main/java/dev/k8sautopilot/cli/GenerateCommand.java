package dev.k8sautopilot.cli;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.hitl.Answers;
import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.WriteMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code generate "<request>" --output DIR [--spec FILE] [--yes] [--json]}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Plan, generate, validate and write a chart to DIR/<chart-name>/.",
        footer = {"", "Examples:",
                "  k8s-autopilot generate \"Create a Helm chart for nginx\" --output charts --yes",
                "  k8s-autopilot generate --spec web.yaml --output charts --yes --json",
                "  k8s-autopilot generate \"chart for our billing service\" --answer image=ghcr.io/acme/billing:1.2.0 -o charts -y",
                "  k8s-autopilot generate --spec web.yaml -o charts -y --argocd --argocd-oci oci://registry.example.com/charts",
                "", "Exit codes: 0 chart passed validation, 1 it did not, 2 bad input, 3 stopped to ask,",
                "4 the chart directory exists already (use --force or --update)."})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "REQUEST", description = "What to build, in plain words.")
    String request;

    @Option(names = "--spec", paramLabel = "FILE", description = "A ChartSpec in YAML or JSON (see docs/chart-spec.md).")
    Path specFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Directory the chart directory is written into.")
    Path output;

    @Option(names = "--answer", paramLabel = "FIELD=VALUE", description = "Answer a clarification question up front (repeatable).")
    List<String> answers = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Existing existing;

    static final class Existing {
        @Option(names = "--force", description = "Replace an existing chart directory.")
        boolean force;

        @Option(names = "--update", description = "Regenerate in place, keeping files you edited since the last generation.")
        boolean update;
    }

    @Mixin
    PipelineOptions options;

    @Mixin
    ArgoCdOptions argocd;

    @Override
    public Integer call() throws java.io.IOException {
        if ((request == null || request.isBlank()) && specFile == null) {
            return Errors.report(spec.commandLine(), options.json, Main.USAGE,
                    "give a REQUEST or --spec FILE (see: k8s-autopilot generate --help)");
        }
        Optional<String> argocdProblem = argocd.problem();
        if (argocdProblem.isPresent()) {
            return Errors.report(spec.commandLine(), options.json, Main.USAGE, argocdProblem.get());
        }
        // The spec file is read as an intent: exactly the fields it writes are explicit (replicas: 1 stays 1 in prod).
        Optional<ChartIntent> intent = specFile == null ? Optional.empty() : Optional.of(ChartSpecs.readIntent(specFile));
        ChartRequest chartRequest = new ChartRequest(request == null ? "" : request, Optional.empty(), Answers.parse(answers), List.of(), intent);
        WriteMode mode = existing == null ? WriteMode.FAIL_IF_EXISTS : existing.force ? WriteMode.OVERWRITE : WriteMode.UPDATE;
        try (ChartPipeline pipeline = options.builder(spec.commandLine().getErr())
                .outputDirectory(output)
                .writeMode(mode)
                .build()) {
            RunResult result = pipeline.run(chartRequest);
            Map<String, Object> extra = new LinkedHashMap<>();
            if (argocd.enabled && result instanceof RunResult.Completed done && done.passed()) {
                extra.put("argocd", argocd.write(done.plan().spec(), output));
            }
            return new ResultPrinter(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json).print(result, extra);
        }
    }
}
