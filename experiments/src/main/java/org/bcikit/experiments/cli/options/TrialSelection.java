package org.bcikit.experiments.cli.options;

import java.io.IOException;
import java.nio.file.Path;

import org.bcikit.data.Recording;
import org.bcikit.experiments.calibration.RecordingInput;

import picocli.CommandLine.Option;

/** {@code --trials KEY=VALUE}: the trials a decoder command uses, by their metadata. */
public final class TrialSelection {

    @Option(names = "--trials", paramLabel = "KEY=VALUE",
            description = "Use only trials whose metadata KEY is VALUE (e.g. epoch=before for a rig session's "
                    + "before-learning clouds).")
    String trials;

    /** Reads {@code file} (a path or {@code example:NAME}) with {@code options}, keeping the selected trials. */
    public Recording read(Path file, RecordingOptions options) throws IOException {
        // the format comes from the extension of the extracted example, not of "example:NAME"
        return RecordingInput.read(file, options.format == null ? null : options.format(file), options.readOptions(),
                trials);
    }
}
