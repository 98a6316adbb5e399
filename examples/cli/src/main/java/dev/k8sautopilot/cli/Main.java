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
 * 2 bad usage or input, 3 the run stopped to ask something (answer with {@code resume}), 4 the chart directory
 * exists already (pass {@code --force} or {@code --update}). With {@code --json}, every outcome, errors included,
 * is one JSON object on stdout.
 */
@Command(name = "k8s-autopilot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns a request or a spec into a validated, production-grade Helm chart.",
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

    /** The subcommands by name, in the order the usage lists them; each is created only when a command line needs it. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();
    /** Commands that run Helm. */
    private static final Set<String> HELM_COMMANDS = Set.of("generate", "validate", "repair", "render", "resume", "package", "push");
    /** JNA's system library path. */
    private static final String JNA_PLATFORM_PATH = "jna.platform.library.path";
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
        boolean works = args.length > 0 && List.of(args).stream().noneMatch(PRINT_ONLY::contains);
        if (works && HELM_COMMANDS.contains(args[0])) {
            // JNA learns the system's library path by running `ldconfig -p` unless it is given one; Helm's library is
            // loaded by its absolute path, so the command line needs none and saves the process.
            if (System.getProperty(JNA_PLATFORM_PATH) == null) {
                System.setProperty(JNA_PLATFORM_PATH, "");
            }
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
