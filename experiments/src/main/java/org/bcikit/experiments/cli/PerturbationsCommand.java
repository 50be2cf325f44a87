package org.bcikit.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bcikit.data.Recording;
import org.bcikit.decoders.rig.DecoderFile;
import org.bcikit.experiments.calibration.SessionDesign;
import org.bcikit.experiments.cli.options.VersionProvider;

import org.bcikit.experiments.cli.options.RecordingOptions;
import org.bcikit.experiments.cli.options.TrialSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bcikit perturbations --decoder decoder.json --data FILE}: design a session's WMPs and OMPs ({@link SessionDesign}). */
@Command(name = "perturbations", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Design a perturbation session from a calibrated decoder and its calibration data: WMPs (factor "
                + "permutations; all d! up to d = 8, seeded samples beyond) and OMPs (seeded unit permutations), "
                + "open-loop velocities per target, screened as Sadtler et al. 2014 did or matched by loss, ranked.",
            "Writes DIR/candidates.json, one DIR/wmp-N.decoder.json and omp-N.decoder.json per chosen perturbation, "
                    + "and the figure predicted-velocities."})
public final class PerturbationsCommand implements Callable<Integer> {

    @Option(names = "--decoder", required = true, paramLabel = "FILE", description = "decoder.json of the intuitive decoder.")
    Path decoder;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The calibration recording (with targets).")
    Path data;

    @Mixin
    RecordingOptions input;

    @Mixin
    TrialSelection selection;

    @Option(names = "--criterion", defaultValue = "sadtler", paramLabel = "sadtler|matched",
            description = "sadtler: per-target angle in [--angle] and speed in [--speed-ratio] x the mean intuitive "
                    + "speed, survivors ranked by matched loss; matched: all candidates ranked by distance to the "
                    + "median loss. Default: ${DEFAULT-VALUE}.")
    String criterion;

    @Option(names = "--loss", defaultValue = "open-loop", paramLabel = "open-loop|expected",
            description = "Per-target loss that ranks candidates: open-loop (squared error of the open-loop velocity) "
                    + "or expected (adds the decoded velocity's variance over the target's bins; Payeur et al. "
                    + "2023). Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--angle", defaultValue = "20,75", split = ",", paramLabel = "MIN,MAX",
            description = "Screen's angle range in degrees. Default: ${DEFAULT-VALUE}.")
    double[] angle;

    @Option(names = "--speed-ratio", defaultValue = "0.25,2", split = ",", paramLabel = "MIN,MAX",
            description = "Screen's speed range relative to the mean intuitive speed. Default: ${DEFAULT-VALUE}.")
    double[] speedRatio;

    @Option(names = "--screen", defaultValue = "every", paramLabel = "every|mean",
            description = "every: each target's angle and speed must pass (Sadtler et al.); mean: the means over "
                    + "targets must (looser, for small populations). Default: ${DEFAULT-VALUE}.")
    String screen;

    @Option(names = "--wmp-samples", defaultValue = "2000", description = "Random WMPs when d > 8. Default: ${DEFAULT-VALUE}.")
    int wmpSamples;

    @Option(names = "--omps", defaultValue = "2000", description = "Random OMP candidates. Default: ${DEFAULT-VALUE}.")
    int omps;

    @Option(names = "--omp-units", defaultValue = "0", description = "Permute only the M most modulated units (0: all). "
            + "Default: ${DEFAULT-VALUE}.")
    int ompUnits;

    @Option(names = "--choose", defaultValue = "1", description = "Perturbations of each kind written as decoders. "
            + "Default: ${DEFAULT-VALUE}.")
    int choose;

    @Option(names = "--list", defaultValue = "20", description = "Ranked candidates of each kind in candidates.json. "
            + "Default: ${DEFAULT-VALUE}.")
    int list;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every candidate draw. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bcikit-out/perturbations",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (angle.length != 2 || speedRatio.length != 2) {
            throw new org.bcikit.data.InvalidInputException("--angle, --speed-ratio: expected MIN,MAX");
        }
        if (!screen.equals("every") && !screen.equals("mean")) {
            throw new org.bcikit.data.InvalidInputException("--screen: expected every or mean, found " + screen);
        }
        DecoderFile d = DecoderFile.read(decoder);
        Recording r = selection.read(data, input);
        SessionDesign design = SessionDesign.of(decoder, d, data, r, new SessionDesign.Settings(criterion, loss, wmpSamples,
                omps, ompUnits, choose, list, angle[0], angle[1], speedRatio[0], speedRatio[1], screen.equals("every"), seed));
        List<String> files = design.write(out);
        PrintWriter o = spec.commandLine().getOut();
        o.println(CalibrateCommand.row("decoder", decoder + ": " + d.units() + " units, " + d.factors() + " factors"));
        o.println(CalibrateCommand.row("data", data + ": " + r.trials().size() + " trials, "
                + r.distinctTargets().size() + " targets"));
        o.println(CalibrateCommand.row("WMP", design.summaryLine("WMP")));
        o.println(CalibrateCommand.row("OMP", design.summaryLine("OMP")));
        o.println(CalibrateCommand.row("wrote", out.resolve(files.get(0)) + ", "
                + String.join(", ", files.subList(1, files.size()))));
        o.flush();
        if (design.chosenCount() == 0 || design.chosenCount() < 2 * choose) {
            spec.commandLine().getErr().println("bcikit: warning: " + (design.chosenCount() == 0 ? "no" : "too few")
                    + " candidates pass the screen for both kinds; try more candidates (--omps, --wmp-samples), "
                    + "--screen mean, wider --angle/--speed-ratio, or --criterion matched");
            spec.commandLine().getErr().flush();
        }
        return 0;
    }
}
