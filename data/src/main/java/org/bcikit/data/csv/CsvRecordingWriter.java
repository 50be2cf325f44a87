package org.bcikit.data.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.bcikit.data.io.AtomicFiles;
import org.ejml.data.DMatrixRMaj;

/**
 * Writes a recording in the long CSV layout that {@link CsvRecordingReader} reads: a
 * {@code # bin_width=S} comment, a header row, one row per (trial, bin). Optional columns are
 * written only when some trial has the data; numbers are written exactly (shortest round-trip
 * form), so reading the file back gives the same counts, kinematics, targets and outcomes.
 * Trials are labelled 0, 1, ... in order; start times and metadata are not stored.
 */
public final class CsvRecordingWriter {

    /** Column names with a fixed meaning; every other column is a unit. */
    public static final List<String> RESERVED = List.of("trial", "bin", "target_x", "target_y", "condition",
            "outcome", "cursor_x", "cursor_y", "vel_x", "vel_y");

    private CsvRecordingWriter() {
    }

    /** Writes {@code r} to {@code file} atomically. */
    public static void write(Path file, Recording r) throws IOException {
        for (String id : r.unitIds()) {
            if (RESERVED.contains(id)) {
                throw InvalidInputException.at(file, "units", "expected unit ids other than the reserved column "
                        + "names " + RESERVED + ", found '" + id + "'");
            }
        }
        boolean xy = any(r, t -> t.target() != null && t.target().hasPosition());
        boolean cond = any(r, t -> t.target() != null && t.target().hasCondition());
        boolean outcome = r.hasOutcomes();
        boolean cursor = any(r, Trial::hasCursorPosition);
        boolean vel = any(r, Trial::hasCursorVelocity);
        List<String> header = new ArrayList<>(List.of("trial", "bin"));
        if (xy) {
            header.addAll(List.of("target_x", "target_y"));
        }
        if (cond) {
            header.add("condition");
        }
        if (outcome) {
            header.add("outcome");
        }
        if (cursor) {
            header.addAll(List.of("cursor_x", "cursor_y"));
        }
        if (vel) {
            header.addAll(List.of("vel_x", "vel_y"));
        }
        header.addAll(r.unitIds());
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("# bcikit recording, long layout: one row per trial and bin (see README, File formats)\n");
            w.write("# bin_width=" + Double.toString(r.binWidth()) + "\n");
            w.write(CsvLines.join(header));
            w.write('\n');
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.trials().size(); i++) {
                Trial t = r.trials().get(i);
                Target g = t.target();
                DMatrixRMaj p = cursor ? t.cursorPosition() : null;
                DMatrixRMaj v = vel ? t.cursorVelocity() : null;
                for (int bin = 0; bin < t.bins(); bin++) {
                    sb.setLength(0);
                    sb.append(i).append(',').append(bin);
                    if (xy) {
                        boolean has = g != null && g.hasPosition();
                        sb.append(',').append(has ? CsvLines.format(g.x()) : "")
                                .append(',').append(has ? CsvLines.format(g.y()) : "");
                    }
                    if (cond) {
                        sb.append(',').append(g != null && g.hasCondition() ? Integer.toString(g.conditionId()) : "");
                    }
                    if (outcome) {
                        sb.append(',').append(t.outcome().name().toLowerCase(Locale.ROOT));
                    }
                    if (cursor) {
                        appendPair(sb, p, bin);
                    }
                    if (vel) {
                        appendPair(sb, v, bin);
                    }
                    for (int u = 0; u < t.units(); u++) {
                        sb.append(',').append(CsvLines.format(t.count(bin, u)));
                    }
                    sb.append('\n');
                    w.write(sb.toString());
                }
            }
            w.flush();
        });
    }

    private static void appendPair(StringBuilder sb, DMatrixRMaj m, int bin) {
        if (m == null) {
            sb.append(",,");
        } else {
            sb.append(',').append(CsvLines.format(m.unsafe_get(bin, 0)))
                    .append(',').append(CsvLines.format(m.unsafe_get(bin, 1)));
        }
    }

    private static boolean any(Recording r, Predicate<Trial> p) {
        return r.trials().stream().anyMatch(p);
    }
}
