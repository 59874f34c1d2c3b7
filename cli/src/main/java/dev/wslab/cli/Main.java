package dev.wslab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Main is the entry point of {@code ./wslab}: it gathers the subcommands of every module and turns
 * every error into one clear line and a non-zero exit code.
 */
@Command(name = "wslab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A readable RFC 6455 WebSocket implementation, conformance suite and tutorials.",
        footer = {"", "The tutorials' labs run through Maven: './wslab lab' lists them, './wslab lab NAME' runs one."},
        subcommands = {ConformCommand.class, ConformClientCommand.class, PropertiesCommand.class, ServeCommand.class, ConnectCommand.class, DecodeCommand.class, EncodeCommand.class, AcceptKeyCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for a command that ran and found a problem in its input or result. */
    static final int EXIT_FAILURE = 1;
    /** Exit code for a command line that could not be understood. */
    static final int EXIT_USAGE = 2;
    /** Exit code of {@code conform --fail-on-unsafe} when no case failed but a probe was UNSAFE. */
    static final int EXIT_UNSAFE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((e, commandArgs) -> {
                    CommandLine command = e.getCommandLine();
                    // One line: the problem, then where to look.
                    command.getErr().println("wslab: " + e.getMessage() + " (see '"
                            + command.getCommandSpec().qualifiedName() + " --help')");
                    return EXIT_USAGE;
                })
                .setExecutionExceptionHandler((e, command, parseResult) -> {
                    command.getErr().println("wslab: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                    return EXIT_FAILURE;
                });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version from the jar's manifest, if any. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"wslab " + (version != null ? version : "(development build)")};
        }
    }
}
