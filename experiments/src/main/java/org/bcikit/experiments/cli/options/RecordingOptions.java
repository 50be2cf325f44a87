package org.bcikit.experiments.cli.options;

import java.nio.file.Path;
import java.util.List;

import org.bcikit.data.FieldMapping;
import org.bcikit.data.InvalidInputException;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.format.RecordingFormat;

import picocli.CommandLine.Option;

/**
 * How to read a recording: {@code --format}, {@code --bin-width} and {@code --fields}, declared
 * once here and mixed into every command that reads one, so they mean the same everywhere.
 */
public final class RecordingOptions {

    @Option(names = "--format", paramLabel = "F", description = "csv, npy, nwb or mat (default: by the extension).")
    public String format;

    @Option(names = "--bin-width", paramLabel = "S",
            description = "Bin width in seconds where the file does not fix one (default 0.045).")
    Double binWidth;

    @Option(names = "--fields", paramLabel = "FIELD=SOURCE[,...]",
            description = "Where the file keeps fields it does not name bcikit's way, e.g. "
                    + "counts=data.spike_counts,cursorPosition=data.cursor_position (MATLAB paths; add :T for "
                    + "a transposed array), targets=tx,ty (CSV columns), binWidth=dt (NPY sidecar keys). "
                    + "Fields: counts, binWidth, trialStart, unitIds, targets, conditions, outcomes, "
                    + "cursorPosition, cursorVelocity.")
    List<String> fields;

    /** The format named by {@code --format}, or the one {@code file}'s extension names. */
    public RecordingFormat format(Path file) {
        return format == null ? RecordingFormat.forFile(file) : RecordingFormat.parse(format);
    }

    /** The reader options; bad values are errors naming the option. */
    public ReadOptions readOptions() {
        if (binWidth != null && !(binWidth > 0 && Double.isFinite(binWidth))) {
            throw new InvalidInputException("--bin-width: expected seconds > 0, found " + binWidth);
        }
        FieldMapping mapping = fields == null ? FieldMapping.none() : FieldMapping.parse(String.join(",", fields));
        return new ReadOptions(binWidth == null ? Double.NaN : binWidth, mapping);
    }
}
