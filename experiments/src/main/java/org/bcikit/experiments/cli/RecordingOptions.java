package org.bcikit.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.bcikit.data.Recording;
import org.bcikit.experiments.calibration.RecordingInput;

import picocli.CommandLine.Option;

/** The options of commands that read one recording for decoder work: format, bin width, trial selection. */
final class RecordingOptions {

    @Option(names = "--format", paramLabel = "F", description = "csv, npy, nwb or mat (default: by the extension).")
    String format;

    @Option(names = "--bin-width", paramLabel = "S",
            description = "Bin width in seconds where the file does not fix one (default 0.045).")
    Double binWidth;

    @Option(names = "--trials", paramLabel = "KEY=VALUE",
            description = "Use only trials whose metadata KEY is VALUE (e.g. epoch=before for a rig session's "
                    + "before-learning clouds).")
    String trials;

    Recording read(Path file) throws IOException {
        return RecordingInput.read(file, format, binWidth == null ? Double.NaN : binWidth, trials);
    }
}
