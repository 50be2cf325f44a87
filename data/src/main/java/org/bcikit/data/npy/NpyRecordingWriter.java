package org.bcikit.data.npy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.Trial;
import org.bcikit.data.io.JsonFiles;
import org.ejml.data.DMatrixRMaj;

/**
 * Writes a recording as {@link NpyRecordingReader} reads it: the stacked counts in
 * {@code session.npy} (float64), the sidecar {@code session.json}, and, when the trials carry
 * kinematics, {@code session.cursor.npy} and {@code session.velocity.npy}. Every value is
 * stored exactly, so reading back gives the same recording (trial metadata aside).
 */
public final class NpyRecordingWriter {

    private NpyRecordingWriter() {
    }

    /** Writes {@code r} with its counts in {@code npy}; each file is written atomically. */
    public static void write(Path npy, Recording r) throws IOException {
        List<Trial> trials = r.trials();
        if (trials.isEmpty()) {
            throw InvalidInputException.in(npy, "expected a recording with at least one trial to write, found none");
        }
        String stem = NpyRecordingReader.sidecarOf(npy).getFileName().toString().replaceFirst("\\.json$", "");
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("format", "bcikit-npy-recording-1");
        side.put("binWidth", r.binWidth());
        side.put("unitIds", r.unitIds());
        side.put("trialLengths", trials.stream().map(Trial::bins).toList());
        if (trials.stream().anyMatch(t -> t.target() != null && t.target().hasPosition())) {
            side.put("targets", perTrial(trials, t -> t.target() != null && t.target().hasPosition()
                    ? List.of(t.target().x(), t.target().y()) : null));
        }
        if (trials.stream().anyMatch(t -> t.target() != null && t.target().hasCondition())) {
            side.put("conditions", perTrial(trials, t -> t.target() != null && t.target().hasCondition()
                    ? t.target().conditionId() : null));
        }
        if (r.hasOutcomes()) {
            side.put("outcomes", perTrial(trials, t -> t.outcome().name().toLowerCase(Locale.ROOT)));
        }
        if (trials.stream().anyMatch(t -> !Double.isNaN(t.startTime()))) {
            if (trials.stream().anyMatch(t -> !Double.isFinite(t.startTime()))) {
                throw InvalidInputException.at(npy, "startTimes", "expected every trial or none to have a start time");
            }
            side.put("startTimes", perTrial(trials, Trial::startTime));
        }
        NpyArray.writeMatrix(npy, r.stackedCounts());
        writeKinematics(npy, r, stem + ".cursor.npy", "cursorPosition", Trial::cursorPosition, side);
        writeKinematics(npy, r, stem + ".velocity.npy", "cursorVelocity", Trial::cursorVelocity, side);
        JsonFiles.write(NpyRecordingReader.sidecarOf(npy), side);
    }

    private static void writeKinematics(Path npy, Recording r, String name, String field,
                                        Function<Trial, DMatrixRMaj> get, Map<String, Object> side) throws IOException {
        long with = r.trials().stream().filter(t -> get.apply(t) != null).count();
        if (with == 0) {
            return;
        }
        if (with != r.trials().size()) {
            throw InvalidInputException.at(npy, field, "expected every trial or none to have it, found "
                    + with + " of " + r.trials().size());
        }
        DMatrixRMaj all = new DMatrixRMaj(r.totalBins(), 2);
        int row = 0;
        for (Trial t : r.trials()) {
            DMatrixRMaj m = get.apply(t);
            System.arraycopy(m.data, 0, all.data, row * 2, m.getNumElements());
            row += m.numRows;
        }
        NpyArray.writeMatrix(npy.resolveSibling(name), all);
        side.put(field, name);
    }

    private static <T> List<T> perTrial(List<Trial> trials, Function<Trial, T> f) {
        List<T> out = new ArrayList<>(trials.size());
        for (Trial t : trials) {
            out.add(f.apply(t));
        }
        return out;
    }
}
