package org.bcikit.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.decoders.internalmodel.AngularErrors;
import org.bcikit.decoders.internalmodel.InternalModel;
import org.bcikit.experiments.api.BuildInfo;
import org.bcikit.experiments.cli.options.ExampleOption;
import org.bcikit.experiments.cli.options.ProgressOption;
import org.bcikit.experiments.cli.options.VersionProvider;
import org.bcikit.experiments.figures.Figures;
import org.bcikit.experiments.internalmodel.InternalModelAnalysis;
import org.bcikit.experiments.internalmodel.InternalModelFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bcikit internal-model FILE|--example ime2015}: internal model estimation (Golub, Yu &amp; Chase 2015,
 * eLife 4:e10015; {@link InternalModelAnalysis}) on a closed-loop session in the codepack's layout.
 */
@Command(name = "internal-model", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Estimate the subject's internal model of the decoder (IME, Golub, Yu & Chase 2015) from closed-loop "
                + "cursor trials (the codepack's layout, e.g. the bundled --example ime2015) and compare the "
                + "angular errors of the cursor and of the internal model.",
            "Writes DIR/internal-model.json and the figures angular-errors and whiskers (PNG and SVG); with "
                    + "--tau-range also tau-sweep."})
public final class InternalModelCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Closed-loop trials (.mat, struct data "
            + "with spike_counts, cursor_position, target_position, cursor_radius, target_radius); or give --example "
            + "ime2015.")
    Path file;

    @Mixin
    ExampleOption example;

    @Option(names = "--tau", paramLabel = "STEPS", description = "Visual feedback delay in steps (default 3, the "
            + "paper's value for this monkey).")
    Integer tau;

    @Option(names = "--tau-range", paramLabel = "A..B", description = "Choose TAU in A..B by held-out log-likelihood "
            + "instead of fixing it (every candidate scored on the steps from B + 2).")
    String tauRange;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "5000",
            description = "Most EM iterations (M-steps) per fit; the codepack recommends 5000, its examples use 100. "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxIterations;

    @Option(names = "--folds", paramLabel = "K", description = "Cross-validation folds of trials, built from blocks of at "
            + "most one trial per target (default: one fold per block, as the codepack; 0: none, errors on the "
            + "training trials as its example1).")
    Integer folds;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the shuffle into blocks. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--trial", paramLabel = "N", defaultValue = "0", description = "1-based trial of the whisker figure "
            + "(default: 98, the codepack's example trial, or 1 when there are fewer trials).")
    int trial;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bcikit-out/internal-model",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ProgressOption progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int[] range = range();
        InternalModelAnalysis.Settings settings = new InternalModelAnalysis.Settings(range[0], range[1], maxIterations,
                folds == null ? -1 : folds, seed, trial);
        Path input = example.resolve(file, "FILE");
        String source = example.reference(file, "FILE");
        progress.line("reading " + source);
        long t0 = System.nanoTime();
        InternalModelAnalysis a = InternalModelAnalysis.of(input, settings, progress::line);
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.line("drawing figures into " + out);
        String about = describe(a);
        AngularErrors e = a.errors();
        Figures.save(InternalModelFigures.angularErrors(e, about + (a.crossValidated()
                ? ", cross-validated over " + a.folds().size() + " folds" : ", training trials")),
                out.resolve("angular-errors"));
        int ex = a.exampleTrial();
        Figures.save(InternalModelFigures.whiskers(a.session().trials().get(ex), a.exampleWhiskers(),
                a.session().cursorRadius(), a.session().targetRadius(), about + ", trial " + (ex + 1)
                        + (a.crossValidated() ? " (model fitted without its fold)" : "")),
                out.resolve("whiskers"));
        List<String> files = new ArrayList<>(List.of("internal-model.json", "angular-errors.png",
                "angular-errors.svg", "whiskers.png", "whiskers.svg"));
        if (!a.candidates().isEmpty()) {
            Figures.save(InternalModelFigures.tauSweep(a.candidates(), about + (a.crossValidated()
                    ? ", held-out" : ", training") + " log-likelihood"), out.resolve("tau-sweep"));
            files.add("tau-sweep.png");
            files.add("tau-sweep.svg");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "internal-model");
        json.put("version", BuildInfo.version());
        json.putAll(a.json());
        json.put("file", source); // example:ime2015 rather than where it was extracted
        json.put("seconds", seconds);
        json.put("files", files);
        JsonFiles.write(out.resolve("internal-model.json"), json);

        InternalModel m = a.model();
        PrintWriter o = spec.commandLine().getOut();
        o.println(row("data", source + ": " + a.session().trials().size() + " trials, " + a.session().units() + " units, "
                + m.whiskerCount() + " whiskers"));
        if (!a.candidates().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (InternalModelAnalysis.Candidate c : a.candidates()) {
                sb.append(String.format(Locale.ROOT, "%s%d: %.1f", sb.length() == 0 ? "" : ", ", c.tau(),
                        c.heldOutLogLikelihood()));
            }
            o.println(row("tau sweep", (a.crossValidated() ? "held-out" : "training") + " log-likelihood " + sb));
        }
        o.println(row("tau", a.tau() + (a.candidates().isEmpty() ? " steps (fixed)" : " steps (best log-likelihood)")));
        o.println(row("fit", String.format(Locale.ROOT, "%d EM iterations%s, log-likelihood %.4f, %.2f s%s",
                m.iterations(), m.converged() ? " (converged)" : "", m.logLikelihood(), a.fitSeconds(),
                m.likelihoodDecreases() > 0 ? "; WARNING: likelihood fell " + m.likelihoodDecreases() + " times" : "")));
        o.println(row("errors", String.format(Locale.ROOT,
                "cursor %.4f +- %.4f, internal model %.4f +- %.4f degrees (mean +- s.e.m. over %d trials, %s)",
                e.cursorMean(), e.cursorSem(), e.internalModelMean(), e.internalModelSem(), e.validTrials(),
                a.crossValidated() ? a.folds().size() + "-fold cross-validated" : "training trials")));
        if (a.crossValidated()) {
            AngularErrors t = a.trainingErrors();
            o.println(row("training", String.format(Locale.ROOT, "cursor %.4f, internal model %.4f degrees; held-out "
                    + "log-likelihood %.4f", t.cursorMean(), t.internalModelMean(), a.scoredLogLikelihood())));
        }
        o.println(row("wrote", out.resolve("internal-model.json") + " and figures angular-errors, whiskers"
                + (a.candidates().isEmpty() ? "" : ", tau-sweep") + " (PNG, SVG)"));
        o.flush();
        return 0;
    }

    /** {@code --tau} or {@code --tau-range} as [first, last]. */
    private int[] range() {
        if (tauRange != null && tau != null) {
            throw new InvalidInputException("--tau and --tau-range: give one (a fixed TAU or a range to choose from)");
        }
        if (tauRange == null) {
            int t = tau == null ? 3 : tau;
            if (t < 0) {
                throw new InvalidInputException("--tau: expected a feedback delay >= 0 steps, got " + t);
            }
            return new int[] {t, t};
        }
        String[] parts = tauRange.split("\\.\\.", -1);
        try {
            if (parts.length == 2) {
                int lo = Integer.parseInt(parts[0].trim());
                int hi = Integer.parseInt(parts[1].trim());
                if (lo >= 0 && lo < hi) {
                    return new int[] {lo, hi};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("--tau-range: expected A..B with 0 <= A < B (e.g. 0..6), got " + tauRange);
    }

    private static String describe(InternalModelAnalysis a) {
        String id = a.session().experimentId();
        return (id.isEmpty() ? a.session().file().getFileName().toString() : id) + ", TAU = " + a.tau() + ", "
                + a.model().iterations() + " iterations";
    }


    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-10s %s", label, value);
    }
}
