package org.bcikit.experiments.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.Trial;
import org.bcikit.data.format.RecordingFormat;
import org.bcikit.data.format.Recordings;

/**
 * Reads the recording of {@code calibrate}, {@code decoder rebuild} and {@code perturbations}:
 * any format the data layer reads (or a bundled {@code example:NAME}), an optional bin width where the file has none, and an optional
 * selection of trials by their metadata ({@code epoch=before} keeps the before-learning clouds of
 * a Golub et al. 2018 rig session).
 */
public final class RecordingInput {

    private RecordingInput() {
    }

    /**
     * @param format   csv, npy, nwb or mat, or null for the extension's
     * @param binWidth seconds, or NaN for the file's own (else the default)
     * @param trials   {@code KEY=VALUE} selecting trials whose metadata KEY is VALUE, or null for all
     */
    public static Recording read(Path file, String format, double binWidth, String trials) throws IOException {
        if (!Double.isNaN(binWidth) && !(binWidth > 0 && Double.isFinite(binWidth))) {
            throw new InvalidInputException("--bin-width: expected seconds > 0, found " + binWidth);
        }
        return read(file, format == null ? null : RecordingFormat.parse(format), new ReadOptions(binWidth), trials);
    }

    /** As above with the reader's options as the command line gives them ({@code --fields} included). */
    public static Recording read(Path file, RecordingFormat format, ReadOptions options, String trials)
            throws IOException {
        // example:NAME reads a bundled example session (extracted on first use)
        java.util.Optional<org.bcikit.data.examples.ExampleSession> example =
                org.bcikit.data.examples.ExampleSession.referencedBy(file.toString());
        if (example.isPresent()) {
            file = example.get().file();
        }
        RecordingFormat f = format == null ? RecordingFormat.forFile(file) : format;
        Recording r = Recordings.read(file, f, options);
        return trials == null ? r : select(r, file, trials);
    }

    /** The trials of {@code r} whose metadata matches {@code KEY=VALUE}. */
    static Recording select(Recording r, Path file, String filter) {
        int eq = filter.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException("--trials: expected KEY=VALUE (for example epoch=before), found " + filter);
        }
        String key = filter.substring(0, eq);
        String value = filter.substring(eq + 1);
        List<Trial> kept = new ArrayList<>();
        for (Trial t : r.trials()) {
            if (value.equals(t.metadata().get(key))) {
                kept.add(t);
            }
        }
        if (kept.isEmpty()) {
            throw InvalidInputException.at(file, "trials", "expected trials whose " + key + " is " + value
                    + " (--trials " + filter + "), found none of " + r.trials().size());
        }
        Recording.Builder b = Recording.builder().source(r.source()).unitIds(r.unitIds()).binWidth(r.binWidth())
                .trials(kept);
        r.metadata().forEach(b::metadata);
        return b.build();
    }
}
