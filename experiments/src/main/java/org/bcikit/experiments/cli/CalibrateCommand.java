package org.bcikit.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bcikit.data.Recording;
import org.bcikit.experiments.calibration.CalibrationAnalysis;
import org.bcikit.experiments.cli.options.ProgressOption;
import org.bcikit.experiments.cli.options.VersionProvider;

import org.bcikit.experiments.cli.options.RecordingOptions;
import org.bcikit.experiments.cli.options.TrialSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bcikit calibrate FILE}: the intuitive decoder of a rig from a recording with targets ({@link CalibrationAnalysis}). */
@Command(name = "calibrate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Calibrate a rig's intuitive decoder from a recording with targets: intended velocity, factor "
                + "analysis on z-scored counts (cross-validated dimensionality or --factors), velocity Kalman filter, "
                + "steady-state gain; trial-wise k-fold held-out decoding.",
            "Writes DIR/decoder.json (the rig parameter set mu_u ... K, M1, M2, m0), DIR/calibration.json and the "
                    + "figure trajectories (PNG, SVG)."})
public final class CalibrateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A recording with targets (.csv, .npy, .nwb, .mat).")
    Path file;

    @Mixin
    RecordingOptions input;

    @Mixin
    TrialSelection selection;

    @Option(names = "--intention", defaultValue = "target", paramLabel = "target|refit",
            description = "target: toward the target at the trial's mean cursor speed; refit: the recorded cursor "
                    + "velocity rotated toward the target, zero while holding. Default: ${DEFAULT-VALUE}.")
    String intention;

    @Option(names = "--factors", paramLabel = "D|auto", defaultValue = "auto",
            description = "Number of factors, or auto for cross-validated FA log-likelihood. Default: ${DEFAULT-VALUE}.")
    String factors;

    @Option(names = "--max-factors", defaultValue = "20", description = "Largest d tried by auto (capped at units - 1). "
            + "Default: ${DEFAULT-VALUE}.")
    int maxFactors;

    @Option(names = "--folds", defaultValue = "5", description = "Folds of the dimensionality search (bins) and of the "
            + "held-out decoding (trials). Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the folds. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--dynamics", defaultValue = "rig", paramLabel = "rig|fitted",
            description = "rig: A = I, Q = q I; fitted: A, Q by least squares from the intended velocities. "
                    + "Default: ${DEFAULT-VALUE}.")
    String dynamics;

    @Option(names = "--q", defaultValue = "2000", description = "The rig's state noise q in (velocity unit)^2: 2000 in "
            + "(mm/s)^2 as on the rig, i.e. 0.002 for positions in metres. Default: ${DEFAULT-VALUE}.")
    double q;

    @Option(names = "--speed", description = "Intended speed when the recording has no cursor positions (the "
            + "intention then points from the centre to the target).")
    Double speed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bcikit-out/calibrate",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ProgressOption progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int d = factors.equals("auto") ? 0 : parseFactors(factors);
        progress.line("reading " + file);
        Recording r = selection.read(file, input);
        progress.line("calibrating on " + r.trials().size() + " trials (" + r.totalBins() + " bins, " + r.units() + " units)");
        CalibrationAnalysis a = CalibrationAnalysis.of(file, r, new CalibrationAnalysis.Settings(intention, d,
                maxFactors, folds, seed, dynamics, q, speed == null ? Double.NaN : speed));
        List<String> files = a.write(out);
        PrintWriter o = spec.commandLine().getOut();
        o.println(row("data", file + ": " + r.units() + " units, " + r.trials().size() + " trials, " + r.totalBins()
                + " bins of " + r.binWidth() + " s, " + r.distinctTargets().size() + " targets"));
        o.println(row("intention", a.result().intentionNote()));
        o.println(row("factors", a.result().factors() + (a.result().dimensionality() == null ? " (given)"
                : String.format(Locale.ROOT, " (best of 1..%d by %d-fold cross-validated FA log-likelihood; 95%% of "
                        + "shared variance in %d)", a.result().dimensionality().candidates().length,
                        a.result().dimensionality().folds(), a.result().dimensionality().sharedVarianceDims()))));
        o.println(row("dynamics", dynamics.equals("rig") ? "A = I, Q = " + q + " I (rig)" : "A, Q fitted"));
        o.println(row("held out", a.accuracyLine()));
        o.println(row("wrote", out.resolve(files.get(0)) + ", " + String.join(", ", files.subList(1, files.size()))));
        o.flush();
        return 0;
    }

    private static int parseFactors(String s) {
        try {
            int d = Integer.parseInt(s);
            if (d >= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new org.bcikit.data.InvalidInputException("--factors: expected auto or a number of factors >= 1, found " + s);
    }


    static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-10s %s", label, value);
    }
}
