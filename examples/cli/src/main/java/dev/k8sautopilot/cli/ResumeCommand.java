package dev.k8sautopilot.cli;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.hitl.Answers;
import dev.k8sautopilot.hitl.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code resume RUN_ID --approve | --reject "…" | --answer key=value | --abort}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run that stopped at a gate, with a decision.",
        footer = {"", "Examples:", "  k8s-autopilot resume 20261128-101500-1a2b3c4d --approve",
                "  k8s-autopilot resume 20261128-101500-1a2b3c4d --answer image=ghcr.io/acme/billing:1.2.0",
                "  k8s-autopilot resume 20261128-101500-1a2b3c4d --reject \"use 3 replicas\"",
                "", "Exit codes: as for generate."})
final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_ID", description = "The run id printed when the run stopped (see: runs).")
    String runId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--approve", description = "Approve the gate.")
        boolean approve;

        @Option(names = "--reject", paramLabel = "FEEDBACK", description = "Reject with feedback (re-plans).")
        String reject;

        @Option(names = "--answer", paramLabel = "FIELD=VALUE", description = "Answer a question (repeatable).")
        List<String> answers = new ArrayList<>();

        @Option(names = "--abort", description = "Abort the run.")
        boolean abort;
    }

    @Mixin
    PipelineOptions options;

    @Override
    public Integer call() {
        Decision decision;
        if (choice.approve) {
            decision = Decision.approve();
        } else if (choice.reject != null) {
            decision = Decision.reject(choice.reject);
        } else if (choice.abort) {
            decision = Decision.abort("aborted from the command line");
        } else {
            decision = Decision.answer(Answers.parse(choice.answers));
        }
        try (ChartPipeline pipeline = options.builder(spec.commandLine().getErr()).build()) {
            RunResult result = pipeline.resume(runId, decision);
            return new ResultPrinter(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json).print(result);
        }
    }
}
