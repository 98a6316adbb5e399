package dev.k8sautopilot.cli;

import dev.k8sautopilot.checkpoint.Checkpointers;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.Checkpointer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code runs [--json]}: saved runs, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List saved runs, newest first.",
        footer = {"", "Examples:", "  k8s-autopilot runs", "  k8s-autopilot runs --json --checkpointer file:/var/lib/autopilot/runs"})
final class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineOptions options;

    @Override
    public Integer call() {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Checkpointer cp = Checkpointers.open(options.checkpointerUri())) {
            for (Checkpoint c : cp.list()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("runId", c.runId());
                row.put("stage", c.stage());
                row.put("version", c.version());
                row.put("updatedAt", Instant.ofEpochMilli(c.updatedAt()).toString());
                rows.add(row);
            }
        }
        ResultPrinter printer = new ResultPrinter(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json);
        if (options.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("runs", rows);
            printer.printJson(doc);
        } else {
            for (Map<String, Object> r : rows) {
                spec.commandLine().getOut().printf("%-26s %-24s %s%n", r.get("runId"), r.get("stage"), r.get("updatedAt"));
            }
            if (rows.isEmpty()) {
                spec.commandLine().getOut().println("no saved runs");
            }
        }
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
