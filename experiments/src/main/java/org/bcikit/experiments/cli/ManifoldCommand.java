package org.bcikit.experiments.cli;

import org.bcikit.experiments.cli.options.VersionProvider;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code bcikit manifold}: estimate the intrinsic manifold of a recording (sub-command {@code fit}). */
@Command(name = "manifold", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Intrinsic manifold of a recording: factor analysis with cross-validated dimensionality.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {ManifoldFitCommand.class})
public final class ManifoldCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see 'bcikit manifold --help'.");
    }
}
