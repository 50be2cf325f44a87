package org.bcikit.experiments;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bcikit.data.CsvRecordingWriter;
import org.bcikit.data.JsonFiles;
import org.bcikit.data.NpyRecordingWriter;
import org.bcikit.data.Recording;
import org.bcikit.data.SyntheticPopulation;
import org.bcikit.data.SyntheticSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bcikit demo}: the main job on built-in synthetic data. For now it simulates a
 * centre-out session and writes it (NPY + sidecar, CSV), a raster and a tuning figure and a
 * summary; later stages (manifold, decoder, perturbations, learners) extend it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Bcikit.Version.class,
        description = "Run bcikit on a built-in synthetic session and write its data, figures and a summary.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bcikit-out/demo",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SyntheticPopulation config = SyntheticPopulation.defaults().withSeed(seed);
        progress("simulating " + config.units() + " units, " + config.trials() + " centre-out trials (seed " + seed + ")");
        SyntheticSession session = config.generate();
        Recording r = session.recording();
        progress("writing the session to " + out);
        NpyRecordingWriter.write(out.resolve("session.npy"), r);
        CsvRecordingWriter.write(out.resolve("session.csv"), r);
        progress("drawing figures");
        Figures.save(SessionFigures.raster(r, 4), out.resolve("raster"));
        Figures.save(SessionFigures.tuning(session, 4), out.resolve("tuning"));
        List<String> files = List.of("session.npy", "session.json", "session.cursor.npy", "session.velocity.npy",
                "session.csv", "raster.png", "raster.svg", "tuning.png", "tuning.svg", "summary.json");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "demo");
        summary.put("version", Bcikit.version());
        summary.put("seed", seed);
        summary.put("population", config);
        summary.put("recording", Map.of("units", r.units(), "trials", r.trials().size(), "bins", r.totalBins(),
                "binWidth", r.binWidth()));
        summary.put("meanRateHz", java.util.Arrays.stream(session.meanRates()).average().orElse(Double.NaN));
        summary.put("files", files);
        JsonFiles.write(out.resolve("summary.json"), summary);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("demo: wrote " + files.size() + " files to " + out);
        stdout.flush();
        return 0;
    }

    private void progress(String line) {
        if (!quiet) {
            spec.commandLine().getErr().println("demo: " + line);
            spec.commandLine().getErr().flush();
        }
    }
}
