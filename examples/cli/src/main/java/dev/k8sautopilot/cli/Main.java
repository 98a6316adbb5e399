package dev.k8sautopilot.cli;

import dev.k8sautopilot.validation.DefaultValidator;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code k8s-autopilot} command line. Exit codes: 0 success, 1 the chart did not pass validation,
 * 2 bad usage or input, 3 the run stopped to ask something (answer with {@code resume}).
 */
@Command(name = "k8s-autopilot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns a request or a spec into a validated, production-grade Helm chart.",
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

    /** The subcommands by name, in the order the usage lists them; each is created only when a command line needs it. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();
    /** Commands that run Helm. */
    private static final Set<String> HELM_COMMANDS = Set.of("generate", "validate", "repair", "render", "resume", "package", "push");
    /** Options that only print something. */
    private static final Set<String> PRINT_ONLY = Set.of("-h", "--help", "-V", "--version");

    private Main() {
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("generate", GenerateCommand::new);
        m.put("validate", ValidateCommand::new);
        m.put("repair", RepairCommand::new);
        m.put("render", RenderCommand::new);
        m.put("resume", ResumeCommand::new);
        m.put("runs", RunsCommand::new);
        m.put("package", PackageCommand::new);
        m.put("push", PushCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    /** Entry point. */
    public static void main(String[] args) {
        if (args.length > 0 && HELM_COMMANDS.contains(args[0]) && List.of(args).stream().noneMatch(PRINT_ONLY::contains)) {
            // Helm's ~100 MB native library loads while the command plans and generates.
            DefaultValidator.warmUp();
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /** Runs the command line with its output captured (used by tests and hosts embedding the CLI). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured picocli command line, with every subcommand. */
    public static CommandLine commandLine() {
        return configure(SUBCOMMANDS.keySet());
    }

    /**
     * The command line for these arguments: only the subcommand they run when the first one names it, every
     * subcommand otherwise (no command, an unknown one, {@code help}). picocli reflects over the annotations of
     * each subcommand it is given, which a cold JVM pays for on every start; parsing, help and errors of the
     * command that runs are the same either way.
     */
    static CommandLine commandLine(String... args) {
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help")) {
            return configure(Set.of(args[0]));
        }
        return commandLine();
    }

    private static CommandLine configure(Set<String> names) {
        CommandLine cl = new CommandLine(new Main());
        SUBCOMMANDS.forEach((name, create) -> {
            if (names.contains(name)) {
                cl.addSubcommand(name, create.get());
            }
        });
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
