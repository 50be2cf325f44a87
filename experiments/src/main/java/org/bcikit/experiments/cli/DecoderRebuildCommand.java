package org.bcikit.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bcikit.data.Recording;
import org.bcikit.experiments.calibration.RebuildAnalysis;
import org.bcikit.experiments.cli.options.VersionProvider;

import org.bcikit.experiments.cli.options.RecordingOptions;
import org.bcikit.experiments.cli.options.TrialSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bcikit decoder rebuild FILE}: the linear decoder that drove a closed-loop cursor ({@link RebuildAnalysis}). */
@Command(name = "rebuild", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Estimate the decoder that drove the cursor of a closed-loop recording, "
                + "v(t) = M1 v(t-1) + M2 u(t) + m0 with v(t) = (p(t) - p(t-1)) / dt (bin t's position reflects bin t's "
                + "counts), by least squares; per-axis R^2 and a replay of every trial.",
            "Writes DIR/decoder.json (M1, M2, m0; the rest listed as absent), DIR/rebuild.json and the figure replay."})
public final class DecoderRebuildCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A closed-loop recording with cursor positions.")
    Path file;

    @Mixin
    RecordingOptions input;

    @Mixin
    TrialSelection selection;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bcikit-out/decoder-rebuild",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Recording r = selection.read(file, input);
        RebuildAnalysis a = RebuildAnalysis.of(file, r);
        List<String> files = a.write(out);
        PrintWriter o = spec.commandLine().getOut();
        o.println(CalibrateCommand.row("data", file + ": " + r.units() + " units, " + r.trials().size() + " trials, "
                + r.totalBins() + " bins of " + r.binWidth() + " s"));
        o.println(CalibrateCommand.row("fit", a.r2Line()));
        if (a.result().unidentifiedUnits().length > 0) {
            o.println(CalibrateCommand.row("units", a.result().unidentifiedUnits().length
                    + " never varied; their weights are 0: " + a.json().get("unidentifiedUnits")));
        }
        o.println(CalibrateCommand.row("replay", a.replayLine()));
        o.println(CalibrateCommand.row("absent", String.join(", ", a.decoderFile().absent())
                + " (closed-loop data fix only M1, M2, m0)"));
        o.println(CalibrateCommand.row("wrote", out.resolve(files.get(0)) + ", "
                + String.join(", ", files.subList(1, files.size()))));
        o.flush();
        return 0;
    }
}
