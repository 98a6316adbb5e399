package dev.k8sautopilot.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code k8s-autopilot} command line. Exit codes: 0 success, 1 the chart did not pass validation,
 * 2 bad usage or input, 3 the run stopped to ask something (answer with {@code resume}), 4 the chart directory
 * exists already (pass {@code --force} or {@code --update}). With {@code --json}, every outcome, errors included,
 * is one JSON object on stdout.
 */
@Command(name = "k8s-autopilot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns a request or a spec into a validated, production-grade Helm chart.",
        subcommands = {GenerateCommand.class, ValidateCommand.class, RepairCommand.class, RenderCommand.class,
                ResumeCommand.class, RunsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 validation failed, 2 bad usage or input, 3 stopped to ask (see resume),",
                "4 the chart directory exists already (use --force or --update)."})
public final class Main {

    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: the chart did not pass validation. */
    public static final int INVALID = 1;
    /** Exit code: bad usage or input. */
    public static final int USAGE = 2;
    /** Exit code: the run stopped at a gate and waits for an answer. */
    public static final int NEEDS_INPUT = 3;
    /** Exit code: the chart directory exists already and neither {@code --force} nor {@code --update} was given. */
    public static final int EXISTS = 4;

    /** Columns of the help text. */
    static final int HELP_WIDTH = 120;

    private Main() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with its output captured (used by tests and hosts embedding the CLI). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Wide enough that no option description or example is broken inside a value (a URI, a path, an image).
        cl.setUsageHelpWidth(HELP_WIDTH);
        return cl;
    }

    /** Bad usage: the problem, a "did you mean" for a mistyped command or option, and where the help is. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String message = Errors.withoutErrorPrefix(ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String unknown = u.getUnmatched().get(0);
            List<String> suggestions = u.getSuggestions();
            message = (unknown.startsWith("-") ? "unknown option '" : "unknown command or argument '") + unknown + "'"
                    + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)");
        }
        String help = cl.getCommandSpec().qualifiedName(" ") + " --help";
        return Errors.report(cl, Errors.jsonRequested(List.of(args)), USAGE, message + " (see: " + help + ")");
    }

    /** The project version the build wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IllegalStateException("version.properties is missing from the CLI jar (fix: build it with Maven)");
                }
                p.load(in);
            }
            return new String[] {"k8s-autopilot " + p.getProperty("version"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
