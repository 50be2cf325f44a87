package org.bcikit.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

import org.bcikit.data.InvalidInputException;
import org.bcikit.experiments.BuiltInExperiments;
import org.bcikit.experiments.cli.options.VersionProvider;

import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.cli.bench.BenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The {@code bcikit} command. Exit codes: 0 success, 1 failure while running, 2 bad usage or bad
 * input. Without {@code --debug} a user sees one clear message, never a stack trace.
 */
@Command(name = "bcikit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Model how brains adapt to brain-computer interfaces: read recordings, fit the "
                + "intrinsic manifold, rebuild decoders, replicate perturbation experiments.",
        synopsisSubcommandLabel = "COMMAND")
public final class Bcikit implements Runnable {

    /** Exit code for a failure while running. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for bad usage or bad input. */
    public static final int EXIT_BAD_INPUT = 2;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see 'bcikit --help'.");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; used by {@link #main} and by tests. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with every sub-command and the project's error handling. */
    public static CommandLine commandLine() {
        return commandLine(BuiltInExperiments.registry());
    }

    /** As {@link #commandLine()}, with the experiments of {@code registry} (tests add their own). */
    public static CommandLine commandLine(ExperimentRegistry registry) {
        Bcikit root = new Bcikit();
        CommandLine cl = new CommandLine(root);
        cl.addSubcommand(new InspectCommand());
        cl.addSubcommand(new ManifoldCommand());
        cl.addSubcommand(new DemoCommand());
        cl.addSubcommand(new SessionCommand());
        cl.addSubcommand(new CalibrateCommand());
        cl.addSubcommand(new DecoderCommand());
        cl.addSubcommand(new PerturbationsCommand());
        cl.addSubcommand(new InternalModelCommand());
        cl.addSubcommand(new SpectrumCommand());
        cl.addSubcommand(new RunCommand(registry));
        cl.addSubcommand(new ListCommand(registry));
        cl.addSubcommand(new MergeCommand(registry));
        cl.addSubcommand(new BenchCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, root.debug, commandLine.getErr()));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("bcikit: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    private static int report(Exception ex, boolean debug, PrintWriter err) {
        Throwable t = ex;
        if (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        boolean badInput = t instanceof InvalidInputException;
        if (debug) {
            t.printStackTrace(err);
        } else {
            err.println("bcikit: " + describe(t));
        }
        err.flush();
        return badInput ? EXIT_BAD_INPUT : EXIT_FAILURE;
    }

    private static String describe(Throwable t) {
        if (t instanceof InvalidInputException) {
            return t.getMessage();
        }
        if (t instanceof java.nio.file.NoSuchFileException) {
            return t.getMessage() + ": no such file";
        }
        String msg = t.getMessage();
        String kind = t instanceof IOException ? "I/O error" : t.getClass().getSimpleName();
        return kind + (msg == null ? "" : ": " + msg) + " (run with --debug for details)";
    }
}
