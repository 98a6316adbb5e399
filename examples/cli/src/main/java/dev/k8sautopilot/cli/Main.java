package dev.k8sautopilot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code k8s-autopilot} command line. Exit codes: 0 success, 1 the chart did not pass validation,
 * 2 bad usage or input, 3 the run stopped to ask something (answer with {@code resume}).
 */
@Command(name = "k8s-autopilot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns a request or a spec into a validated, production-grade Helm chart.",
        subcommands = {GenerateCommand.class, ValidateCommand.class, RepairCommand.class, RenderCommand.class,
                ResumeCommand.class, RunsCommand.class, PackageCommand.class, PushCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 validation failed, 2 bad usage or input, 3 stopped to ask (see resume)."})
public final class Main {

    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: the chart did not pass validation. */
    public static final int INVALID = 1;
    /** Exit code: bad usage or input. */
    public static final int USAGE = 2;
    /** Exit code: the run stopped at a gate and waits for an answer. */
    public static final int NEEDS_INPUT = 3;

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
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("(see: k8s-autopilot " + ex.getCommandLine().getCommandName() + " --help)");
            return USAGE;
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"k8s-autopilot " + (v == null ? "development build" : v)};
        }
    }
}
