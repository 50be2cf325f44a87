package org.bcikit.experiments.cli.options;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -q/--quiet} and the progress lines it silences, declared once for every command that
 * reports progress: one line on the command line's stderr, prefixed with the command's name
 * ({@code calibrate: reading FILE}), flushed at once so a long step shows what it is doing.
 */
public final class ProgressOption {

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public boolean quiet() {
        return quiet;
    }

    /** Writes {@code NAME: line} to stderr unless {@code --quiet} was given. */
    public void line(String line) {
        if (!quiet) {
            PrintWriter err = command.commandLine().getErr();
            err.println(command.name() + ": " + line);
            err.flush();
        }
    }
}
