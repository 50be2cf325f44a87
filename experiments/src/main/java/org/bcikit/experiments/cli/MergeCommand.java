package org.bcikit.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bcikit.data.InvalidInputException;
import org.bcikit.experiments.BuiltInExperiments;

import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.results.ResultsFolder;
import org.bcikit.experiments.results.RunStore;
import org.bcikit.experiments.sweep.SweepJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bcikit merge DIR...}: combines the folders of a sharded sweep into one results folder
 * with results.json, curves.csv and figures. The folders must hold the same experiment (same
 * spec.json identity); together they must hold every run.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Combine shard folders of one sweep ('bcikit run --shard I/N') into one results folder.")
public final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Shard folders (each with spec.json and runs/).")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Merged results folder (default: the folder itself when only one is given).")
    Path out;

    private final ExperimentRegistry registry;

    public MergeCommand() {
        this(BuiltInExperiments.registry());
    }

    public MergeCommand(ExperimentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        if (out == null && dirs.size() > 1) {
            throw new InvalidInputException("merge: --out DIR is required when merging more than one folder");
        }
        Path target = out == null ? dirs.get(0) : out;
        ExperimentPlan<?> plan = ResultsFolder.readPlan(dirs.get(0), registry);
        for (Path d : dirs) {
            ResultsFolder.open(d);
            ExperimentPlan<?> p = ResultsFolder.readPlan(d, registry);
            if (!p.identity().equals(plan.identity()) || p.seeds() != plan.seeds()) {
                throw new InvalidInputException(d + ": holds a different experiment, parameters or seed count than "
                        + dirs.get(0) + "; only shards of one sweep can be merged");
            }
        }
        ResultsFolder folder = ResultsFolder.prepare(target, plan, true);
        for (Path d : dirs) {
            if (d.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
                continue;
            }
            RunStore from = ResultsFolder.open(d).runs();
            for (int k = 0; k < plan.runCount(); k++) {
                RunContext c = plan.run(k);
                if (folder.runs().read(c).isEmpty()) {
                    var r = from.read(c);
                    if (r.isPresent()) {
                        folder.runs().write(r.get());
                    }
                }
            }
        }
        SweepJob.finishFromFolder(plan, folder);
        System.out.println("results: " + target.resolve("results.json"));
        return 0;
    }
}
