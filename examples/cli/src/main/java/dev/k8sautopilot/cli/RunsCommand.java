package dev.k8sautopilot.cli;

import dev.k8sautopilot.checkpoint.Checkpointers;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.Checkpointer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runs [--limit N] [--json]} lists saved runs, newest first; {@code runs prune --older-than 7d} deletes old ones. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List saved runs, newest first.",
        subcommands = RunsCommand.Prune.class,
        footer = {"", "Examples:", "  k8s-autopilot runs --limit 10",
                "  k8s-autopilot runs --json --checkpointer file:/var/lib/autopilot/runs",
                "  k8s-autopilot runs prune --older-than 7d",
                "", "Exit codes: 0 listed, 2 bad usage or an unreadable store."})
final class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "Show at most N runs, newest first; 0 shows all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 0) {
            return Errors.report(spec.commandLine(), store.json, Main.USAGE, "--limit " + limit + " is negative (fix: use 0 for all, or a positive count)");
        }
        List<Checkpoint> all;
        try (Checkpointer cp = Checkpointers.open(store.checkpointerUri())) {
            all = newestFirst(cp.list());
        }
        List<Checkpoint> shown = limit == 0 ? all : all.subList(0, Math.min(limit, all.size()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Checkpoint c : shown) {
            rows.add(row(c));
        }
        if (store.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("runs", rows);
            doc.put("total", all.size());
            Errors.printJson(spec.commandLine().getOut(), doc);
        } else {
            for (Map<String, Object> r : rows) {
                spec.commandLine().getOut().printf("%-26s %-24s %s%n", r.get("runId"), r.get("stage"), r.get("updatedAt"));
            }
            if (rows.isEmpty()) {
                spec.commandLine().getOut().println("no saved runs");
            } else if (shown.size() < all.size()) {
                spec.commandLine().getOut().println("(" + shown.size() + " of " + all.size() + " runs; --limit 0 shows all)");
            }
        }
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    static List<Checkpoint> newestFirst(List<Checkpoint> list) {
        List<Checkpoint> sorted = new ArrayList<>(list);
        sorted.sort((a, b) -> Long.compare(b.updatedAt(), a.updatedAt()));
        return sorted;
    }

    static Map<String, Object> row(Checkpoint c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("runId", c.runId());
        row.put("stage", c.stage());
        row.put("version", c.version());
        row.put("updatedAt", Instant.ofEpochMilli(c.updatedAt()).toString());
        return row;
    }

    /** The options of the commands that read the run store: where it is and how to print. */
    static final class StoreOptions {

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Option(names = "--checkpointer", paramLabel = "URI",
                description = "Where runs are saved: memory:, file:DIR or jdbc:URL (default: file:~/.k8s-autopilot/runs).")
        String checkpointer;

        String checkpointerUri() {
            return PipelineOptions.checkpointerUri(checkpointer);
        }
    }

    /** {@code runs prune --older-than 7d [--dry-run]}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Delete saved runs not updated for a while (finished or not).",
            footer = {"", "Examples:", "  k8s-autopilot runs prune --older-than 7d", "  k8s-autopilot runs prune --older-than 12h --dry-run --json",
                    "", "Exit codes: 0 pruned (or nothing to prune), 2 bad usage or an unreadable store."})
    static final class Prune implements Callable<Integer> {

        private static final Pattern AGE = Pattern.compile("(\\d{1,6})([mhd])");

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--older-than", paramLabel = "AGE", required = true,
                description = "Minimum age since the last update: a number with m (minutes), h (hours) or d (days), e.g. 7d.")
        String olderThan;

        @Option(names = "--dry-run", description = "Only list what would be deleted.")
        boolean dryRun;

        @Override
        public Integer call() {
            Duration age;
            try {
                age = age(olderThan);
            } catch (IllegalArgumentException e) {
                return Errors.report(spec.commandLine(), store.json, Main.USAGE, e.getMessage());
            }
            Instant cutoff = Instant.now().minus(age);
            List<Map<String, Object>> pruned = new ArrayList<>();
            try (Checkpointer cp = Checkpointers.open(store.checkpointerUri())) {
                for (Checkpoint c : newestFirst(cp.list())) {
                    if (Instant.ofEpochMilli(c.updatedAt()).isBefore(cutoff) && (dryRun || cp.delete(c.runId()))) {
                        pruned.add(row(c));
                    }
                }
            }
            CommandLine cl = spec.commandLine();
            if (store.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put(dryRun ? "wouldPrune" : "pruned", pruned);
                doc.put("olderThan", olderThan);
                Errors.printJson(cl.getOut(), doc);
            } else {
                for (Map<String, Object> r : pruned) {
                    cl.getOut().println((dryRun ? "would delete " : "deleted ") + r.get("runId") + " (" + r.get("stage") + ", " + r.get("updatedAt") + ")");
                }
                cl.getOut().println(pruned.size() + (dryRun ? " run(s) would be deleted" : " run(s) deleted") + " (not updated for " + olderThan + ")");
            }
            cl.getOut().flush();
            return Main.OK;
        }

        static Duration age(String text) {
            Matcher m = AGE.matcher(text == null ? "" : text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("--older-than '" + text + "' is not an age (fix: a number with m, h or d, e.g. 30m, 12h, 7d)");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
    }
}
