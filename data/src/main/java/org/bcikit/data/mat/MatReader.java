package org.bcikit.data.mat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.RecordingReader;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Reads MATLAB {@code .mat} files (v5/v7 and v7.3, told apart by their bytes) in one of two
 * layouts.
 *
 * <p><b>Rig session</b> (variables {@code expParams}, {@code beforeLearning},
 * {@code afterLearning}; Golub et al. 2018, Nat Neurosci 21:607; see {@link RigSession}): one trial
 * per target cloud, before-learning clouds first. A trial's counts are the cloud's spikes
 * transposed to T x q; its target is the point at the cloud's angle on the unit circle with
 * condition id = the target's index (0 for the first angle); trial metadata {@code epoch} =
 * {@code before}/{@code after} and {@code angleDegrees}; recording metadata {@code monkey},
 * {@code date}, {@code lambda}. The bin width is {@code expParams.intuitiveMapping.dt}. No cursor
 * kinematics are set: the file's {@code vraw_*} are decoder outputs, not the cursor's movement.
 *
 * <p><b>Generic layout</b> for a lab's own files: these variables at the top level, or as fields
 * of a 1 x 1 struct that is the file's only variable (as {@code save('f.mat', 'data')} writes):
 * <ul>
 * <li>{@code counts} (required): spike counts, bins x units: one matrix for a continuous
 *     recording, or a cell array of per-trial bins x units matrices (all with the same units);</li>
 * <li>{@code binWidth}: bin width in seconds (required unless the caller chooses one);</li>
 * <li>{@code trialStart} (only with a counts matrix): 1-based first bin of each trial, strictly
 *     increasing; a trial runs until the next one starts, the last to the end; bins before the
 *     first start belong to no trial. Without it the matrix is one trial;</li>
 * <li>{@code unitIds}: a cell array of strings or a numeric vector, one per unit;</li>
 * <li>{@code targets}: trials x 2 target positions (x, y); {@code conditions}: one integer
 *     condition id per trial;</li>
 * <li>{@code outcomes}: one per trial, 1 = success, 0 = failure, NaN = unknown;</li>
 * <li>{@code cursorPos}, {@code cursorVel}: bins x 2, laid out like {@code counts} (a matrix
 *     aligned with the counts matrix, or a cell array of per-trial matrices).</li>
 * </ul>
 * Vectors may be stored as rows or columns; integer, single and logical classes are accepted.
 */
public final class MatReader implements RecordingReader {

    public MatReader() {
    }

    @Override
    public Recording read(Path file, ReadOptions options) throws IOException {
        try (MatFile mat = MatFile.open(file)) {
            if (RigSession.looksLike(mat)) {
                RigSession session = RigSession.from(mat);
                requireSameBinWidth(file, "expParams.intuitiveMapping.dt", session.dt(), options);
                return session.recording();
            }
            if (mat.has("counts")) {
                return readGeneric(new Variables(mat, null), options);
            }
            List<String> names = mat.variableNames();
            if (names.size() == 1 && mat.variable(names.get(0)).hasField("counts")
                    && mat.variable(names.get(0)).numElements() == 1) {
                return readGeneric(new Variables(mat, mat.variable(names.get(0))), options);
            }
            throw InvalidInputException.in(file, "expected a variable 'counts' (generic layout) or 'expParams', "
                    + "'beforeLearning' and 'afterLearning' (rig session layout), found: "
                    + (mat.variableNames().isEmpty() ? "no variables" : String.join(", ", mat.variableNames())));
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    private static void requireSameBinWidth(Path file, String field, double stored, ReadOptions options) {
        double chosen = options.binWidthOr(stored);
        if (Double.compare(chosen, stored) != 0) {
            throw InvalidInputException.at(file, field, "the counts are binned at " + stored
                    + " s and cannot be re-binned to the requested " + chosen + " s");
        }
    }

    private static Recording readGeneric(Variables mat, ReadOptions options) {
        double binWidth;
        if (mat.has("binWidth")) {
            MatValue bw = mat.get("binWidth");
            binWidth = bw.scalar();
            if (!(binWidth > 0) || !Double.isFinite(binWidth)) {
                throw bw.error("expected a bin width in seconds > 0, found " + binWidth);
            }
            requireSameBinWidth(mat.file(), bw.path(), binWidth, options);
        } else if (!Double.isNaN(options.binWidth())) {
            binWidth = options.binWidth();
        } else {
            throw InvalidInputException.at(mat.file(), mat.where("binWidth"),
                    "missing variable: store the bin width in seconds, or choose one when reading");
        }

        MatValue counts = mat.get("counts");
        List<DMatrixRMaj> trialCounts = new ArrayList<>();
        List<Double> startTimes = new ArrayList<>();
        List<DMatrixRMaj> positions = new ArrayList<>();
        List<DMatrixRMaj> velocities = new ArrayList<>();
        if (counts.isCell()) {
            if (mat.has("trialStart")) {
                throw mat.get("trialStart").error("only meaningful with a counts matrix, but 'counts' is a cell array");
            }
            for (MatValue t : counts.elements()) {
                trialCounts.add(t.matrix());
                startTimes.add(Double.NaN);
            }
            perTrialCell(mat, "cursorPos", trialCounts, positions);
            perTrialCell(mat, "cursorVel", trialCounts, velocities);
        } else {
            DMatrixRMaj all = counts.matrix();
            int[] starts = trialStarts(mat, all.numRows);
            DMatrixRMaj pos = continuous(mat, "cursorPos", all.numRows);
            DMatrixRMaj vel = continuous(mat, "cursorVel", all.numRows);
            for (int k = 0; k < starts.length; k++) {
                int end = k + 1 < starts.length ? starts[k + 1] : all.numRows;
                trialCounts.add(CommonOps_DDRM.extract(all, starts[k], end, 0, all.numCols));
                startTimes.add(starts[k] * binWidth);
                positions.add(pos == null ? null : CommonOps_DDRM.extract(pos, starts[k], end, 0, 2));
                velocities.add(vel == null ? null : CommonOps_DDRM.extract(vel, starts[k], end, 0, 2));
            }
        }
        int n = trialCounts.size();
        if (n == 0) {
            throw counts.error("expected at least one trial, found an empty cell array");
        }
        int units = trialCounts.get(0).numCols;
        for (int k = 0; k < n; k++) {
            if (trialCounts.get(k).numCols != units) {
                throw counts.element(k).error("expected " + units + " units (columns) like the first trial, found "
                        + trialCounts.get(k).numRows + " x " + trialCounts.get(k).numCols);
            }
        }
        DMatrixRMaj targets = mat.has("targets") ? mat.get("targets").matrix(n, 2) : null;
        DMatrixRMaj conditions = mat.has("conditions") ? mat.get("conditions").column(n) : null;
        DMatrixRMaj outcomes = mat.has("outcomes") ? mat.get("outcomes").column(n) : null;

        Recording.Builder rb = Recording.builder().source(mat.file().toString()).binWidth(binWidth)
                .metadata("format", "MATLAB " + mat.version() + " (generic layout)");
        if (mat.has("unitIds")) {
            rb.unitIds(unitIds(mat.get("unitIds"), units));
        } else {
            rb.numberedUnits(units);
        }
        for (int k = 0; k < n; k++) {
            Trial.Builder tb = Trial.builder().counts(trialCounts.get(k)).startTime(startTimes.get(k));
            if (!positions.isEmpty()) {
                tb.cursorPosition(positions.get(k));
            }
            if (!velocities.isEmpty()) {
                tb.cursorVelocity(velocities.get(k));
            }
            tb.target(target(mat, targets, conditions, k));
            if (outcomes != null) {
                tb.outcome(outcome(mat.get("outcomes"), outcomes.data[k], k));
            }
            try {
                rb.addTrial(tb.build());
            } catch (InvalidInputException e) {
                throw InvalidInputException.at(mat.file(), "trial " + (k + 1), e.getMessage());
            }
        }
        return rb.build();
    }

    /** 0-based first bins of each trial from the 1-based {@code trialStart}, or {0}. */
    private static int[] trialStarts(Variables mat, int bins) {
        if (!mat.has("trialStart")) {
            return new int[] {0};
        }
        MatValue v = mat.get("trialStart");
        DMatrixRMaj s = v.column(-1);
        int[] out = new int[s.numRows];
        for (int k = 0; k < out.length; k++) {
            double x = s.data[k];
            if (x != Math.rint(x) || x < 1 || x > bins) {
                throw v.error("expected 1-based bin indices in 1.." + bins + ", found " + x + " at " + (k + 1));
            }
            out[k] = (int) x - 1;
            if (k > 0 && out[k] <= out[k - 1]) {
                throw v.error("expected strictly increasing bin indices, found " + x + " after " + (out[k - 1] + 1));
            }
        }
        if (out.length == 0) {
            throw v.error("expected at least one trial start, found none");
        }
        return out;
    }

    private static DMatrixRMaj continuous(Variables mat, String name, int bins) {
        return mat.has(name) ? mat.get(name).matrix(bins, 2) : null;
    }

    private static void perTrialCell(Variables mat, String name, List<DMatrixRMaj> counts, List<DMatrixRMaj> out) {
        if (!mat.has(name)) {
            return;
        }
        MatValue v = mat.get(name);
        if (!v.isCell() || v.numElements() != counts.size()) {
            throw v.error("expected a cell array of " + counts.size() + " per-trial bins x 2 matrices (like counts), found "
                    + v.describe());
        }
        for (int k = 0; k < counts.size(); k++) {
            out.add(v.element(k).matrix(counts.get(k).numRows, 2));
        }
    }

    private static List<String> unitIds(MatValue v, int units) {
        List<String> ids = new ArrayList<>();
        if (v.isCell()) {
            if (v.numElements() != units) {
                throw v.error("expected " + units + " unit ids, found " + v.describe());
            }
            for (MatValue e : v.elements()) {
                ids.add(e.string());
            }
        } else {
            DMatrixRMaj x = v.column(units);
            for (double d : x.data) {
                ids.add(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
            }
        }
        return ids;
    }

    private static Target target(Variables mat, DMatrixRMaj targets, DMatrixRMaj conditions, int k) {
        Integer condition = null;
        if (conditions != null) {
            double c = conditions.data[k];
            if (c != Math.rint(c) || Math.abs(c) > Integer.MAX_VALUE) {
                throw mat.get("conditions").error("expected integer condition ids, found " + c + " at " + (k + 1));
            }
            condition = (int) c;
        }
        if (targets == null) {
            return condition == null ? null : Target.condition(condition);
        }
        double x = targets.get(k, 0);
        double y = targets.get(k, 1);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw mat.get("targets").error("expected finite positions, found (" + x + ", " + y + ") at row " + (k + 1));
        }
        return condition == null ? Target.at(x, y) : Target.of(x, y, condition);
    }

    private static Outcome outcome(MatValue v, double x, int k) {
        if (Double.isNaN(x)) {
            return Outcome.UNKNOWN;
        }
        if (x == 1) {
            return Outcome.SUCCESS;
        }
        if (x == 0) {
            return Outcome.FAILURE;
        }
        throw v.error("expected 1 (success), 0 (failure) or NaN (unknown), found " + x + " at " + (k + 1));
    }

    /** The generic layout's variables: top-level ones, or the fields of the file's one struct. */
    private record Variables(MatFile mat, MatValue struct) {

        boolean has(String name) {
            return struct == null ? mat.has(name) : struct.hasField(name);
        }

        MatValue get(String name) {
            return struct == null ? mat.variable(name) : struct.field(name);
        }

        Path file() {
            return mat.file();
        }

        String where(String name) {
            return struct == null ? name : struct.path() + "." + name;
        }

        String version() {
            return mat.version();
        }
    }
}
