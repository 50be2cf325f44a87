package org.bcikit.experiments.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.ResultTrees;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.results.ResultsFolder;
import org.bcikit.experiments.results.ResultsWriter;

/**
 * A whole sweep from plan to results folder: prepare the folder, run (a shard of) the runs, and,
 * when every run is there, summarise and write results, CSV and figures. What {@code bcikit run},
 * {@code bcikit demo} and {@code bcikit merge} share.
 */
public final class SweepJob {

    private SweepJob() {
    }

    /**
     * Runs {@code plan} into {@code out}. Returns the results, or null when a shard was run (its
     * runs are in {@code out/runs}; {@code bcikit merge} finishes the sweep).
     */
    public static ExperimentResults run(ExperimentPlan<?> plan, Path out, SweepRunner.Options options) throws IOException {
        ResultsFolder folder = ResultsFolder.prepare(out, plan, options.resume());
        SweepRunner.Outcome outcome = SweepRunner.run(plan, folder, options);
        if (!options.shard().isAll()) {
            return null;
        }
        ObjectNode timing = timing(outcome.seconds(), options.threads(), outcome.ran(), outcome.reused(),
                outcome.runs());
        return finish(plan, folder, outcome.runs(), timing);
    }

    /** Summarises complete {@code runs} and writes the results files into {@code folder}. */
    public static ExperimentResults finish(ExperimentPlan<?> plan, ResultsFolder folder, List<RunRecord> runs,
            ObjectNode timing) throws IOException {
        ExperimentResults results = ExperimentResults.summarise(plan, runs);
        ResultsWriter.write(folder.dir(), results, timing);
        return results;
    }

    /** Finishes a folder whose runs were made elsewhere (shards); every run must be present. */
    public static ExperimentResults finishFromFolder(ExperimentPlan<?> plan, ResultsFolder folder) throws IOException {
        List<RunContext> missing = new ArrayList<>();
        List<RunRecord> runs = folder.readRuns(plan, missing);
        if (!missing.isEmpty()) {
            RunContext m = missing.get(0);
            throw new InvalidInputException(folder.dir() + ": " + missing.size() + " of " + plan.runCount()
                    + " runs are missing (first: " + m.condition() + " seed " + m.seedIndex()
                    + "); run the missing shards, or 'bcikit run SPEC --out DIR --resume' to complete them");
        }
        return finish(plan, folder, runs, timing(Double.NaN, 0, 0, runs.size(), runs));
    }

    private static ObjectNode timing(double wall, int threads, int ran, int reused, List<RunRecord> runs) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.set("wallSeconds", ResultTrees.number(wall));
        t.put("threads", threads);
        t.put("runsRun", ran);
        t.put("runsReused", reused);
        double sum = 0;
        for (RunRecord r : runs) {
            sum += Double.isFinite(r.seconds()) ? r.seconds() : 0;
        }
        t.set("runSecondsTotal", ResultTrees.number(sum));
        return t;
    }
}
