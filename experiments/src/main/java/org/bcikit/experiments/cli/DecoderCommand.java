package org.bcikit.experiments.cli;

import org.bcikit.experiments.cli.options.VersionProvider;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code bcikit decoder}: decoders estimated from recordings (sub-command {@code rebuild}). */
@Command(name = "decoder", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Decoders from recordings: rebuild the decoder that drove a closed-loop session.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {DecoderRebuildCommand.class})
public final class DecoderCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see 'bcikit decoder --help'.");
    }
}
