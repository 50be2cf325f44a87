package org.bcikit.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bcikit.data.Recording;
import org.bcikit.data.csv.CsvRecordingWriter;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.data.npy.NpyRecordingWriter;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.data.synthetic.SyntheticSession;
import org.bcikit.experiments.BuiltInExperiments;
import org.bcikit.experiments.api.BuildInfo;
import org.bcikit.experiments.cli.options.ProgressOption;
import org.bcikit.experiments.cli.options.SweepOptions;
import org.bcikit.experiments.cli.options.VersionProvider;
import org.bcikit.manifold.fa.Dimensionality;
import org.bcikit.manifold.fa.DimensionalitySearch;
import org.bcikit.manifold.fa.FactorAnalysis;

import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.figures.Figures;
import org.bcikit.experiments.figures.SessionFigures;
import org.bcikit.experiments.results.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bcikit demo}: the whole pipeline on built-in synthetic data, in under a minute. It runs
 * the built-in {@code demo} experiment ({@link org.bcikit.experiments.demo.DemoExperiment}: lazy and rich static networks and a
 * closed-loop rate RNN adapting to matched WMPs and OMPs) into the output folder, then simulates a
 * centre-out session from the synthetic population, writes it (NPY + sidecar, CSV) with a raster
 * and a tuning figure, and estimates its manifold dimensionality by cross-validated factor
 * analysis. The sweep goes first because a results folder must not start out holding other files.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the whole pipeline on built-in synthetic data: the 'demo' experiment (static networks, "
                + "lazy and rich, and a closed-loop rate RNN adapting to matched WMPs and OMPs) with its figures, "
                + "plus a simulated session with its raster, tuning and cross-validated manifold dimensionality.",
            "Takes the options of 'bcikit run'."})
public final class DemoCommand implements Callable<Integer> {

    private static final String SESSION = "session";

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bcikit-out/demo",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    SweepOptions sweep;

    @Mixin
    ProgressOption progress;

    @Spec
    CommandSpec spec;

    private final ExperimentRegistry registry = BuiltInExperiments.registry();

    @Override
    public Integer call() throws Exception {
        long base = sweep.seed() == null ? registry.builtInSpec("demo").seed() : sweep.seed();
        progress.line("1/3 learners adapting to matched WMPs and OMPs (static network lazy/rich, closed-loop rate RNN)");
        ExperimentResults results = RunCommand.runSpec(registry.builtInSpec("demo"), "builtin:demo", out,
                RunCommand.Settings.of(sweep, progress.quiet(), null, null), registry);

        SyntheticPopulation config = SyntheticPopulation.defaults().withSeed(base);
        progress.line("2/3 simulating " + config.units() + " units, " + config.trials() + " centre-out trials (seed " + base + ")");
        SyntheticSession session = config.generate();
        Recording r = session.recording();
        Path dir = out.resolve(SESSION);
        NpyRecordingWriter.write(dir.resolve("session.npy"), r);
        CsvRecordingWriter.write(dir.resolve("session.csv"), r);
        Figures.save(SessionFigures.raster(r, 4), dir.resolve("raster"));
        Figures.save(SessionFigures.tuning(session, 4), dir.resolve("tuning"));

        progress.line("3/3 estimating the session's manifold: 5-fold cross-validated factor analysis, d = 1..12");
        Dimensionality dims = new DimensionalitySearch(new FactorAnalysis(1)).withMaxDims(12).withSeed(base)
                .search(r.stackedCounts());

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "demo");
        summary.put("version", BuildInfo.version());
        summary.put("seed", base);
        summary.put("adaptation", headline(results));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("population", config);
        s.put("recording", JsonFiles.object("units", r.units(), "trials", r.trials().size(), "bins", r.totalBins(),
                "binWidth", r.binWidth()));
        s.put("meanRateHz", java.util.Arrays.stream(session.meanRates()).average().orElse(Double.NaN));
        s.put("manifold", JsonFiles.object("crossValidatedDims", dims.bestDims(), "generatingFactors", config.factors(),
                "sharedVariance95Dims", dims.sharedVarianceDims(), "candidates", dims.candidates(),
                "crossValidatedLogLikelihood", dims.crossValidatedLogLikelihood()));
        summary.put("session", s);
        JsonFiles.write(out.resolve("summary.json"), summary);
        HtmlReport.of(results).keyNumbers("Synthetic session", JsonFiles.mapper().valueToTree(s))
                .figures("Synthetic session figures", SESSION).write(out);
        print(results, dims, config);
        return 0;
    }

    /** The numbers a scientist looks at first, per condition. */
    private static Map<String, Object> headline(ExperimentResults results) {
        Map<String, Object> h = new LinkedHashMap<>();
        for (ConditionSummary c : results.conditions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : List.of("performanceAt100", "performanceAt100Sem", "performanceEnd", "performanceEndSem",
                    "weightChange", "weightChangeSem", "unstableSeeds", "amountOfLearning", "amountOfLearningSem",
                    "afterEffect", "afterEffectSem")) {
                if (c.metrics().containsKey(k)) {
                    m.put(k, c.metrics().get(k));
                }
            }
            h.put(c.name(), m);
        }
        return h;
    }

    private void print(ExperimentResults results, Dimensionality dims, SyntheticPopulation config) {
        PrintWriter o = spec.commandLine().getOut();
        o.println("demo: results and figures in " + out);
        for (ConditionSummary c : results.conditions()) {
            if (c.metrics().containsKey("performanceAt100")) {
                o.println(String.format(Locale.ROOT, "  %-18s performance at step 100 %.3f \u00b1 %.3f, weight change %.3f",
                        c.name(), c.metric("performanceAt100"), c.metric("performanceAt100Sem"), c.metric("weightChange")));
            } else {
                o.println(String.format(Locale.ROOT, "  %-18s amount of learning %.3f \u00b1 %.3f (%d sessions)",
                        c.name(), c.metric("amountOfLearning"), c.metric("amountOfLearningSem"), c.runs()));
            }
        }
        o.println(String.format(Locale.ROOT, "  synthetic session: cross-validated manifold dimensionality %d (generating model: %d)",
                dims.bestDims(), config.factors()));
        o.flush();
    }

}
