package org.bcikit.experiments.cli.bench;

import java.util.concurrent.Callable;

import org.bcikit.experiments.cli.options.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code bcikit bench}: speed measurements against the scikit-learn and PyTorch baselines of
 * {@code ../shared/bench}, each printing one JSON line with the baseline's field names so the two
 * can be compared side by side in one run. Speed lives here, never in timed unit tests.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Benchmarks against the scikit-learn / PyTorch baselines (one JSON line each).",
        subcommands = {
            // one line per benchmark; keep sorted
            BenchFaCommand.class,
            StaticBenchCommand.class,
            RateNetBenchCommand.class,
        })
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: see 'bcikit bench --help'.");
    }
}
