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
 * <p><b>Generic layout</b> for a lab's own files: these fields at the top level, or as fields
 * of a 1 x 1 struct that is the file's only variable (as {@code save('f.mat', 'data')} writes),
 * each found under bcikit's name or one of the aliases labs use ({@link GenericFields#ALIASES}:
 * {@code spike_counts}, {@code cursor_position}, {@code target_position}, {@code dt}, ...), or
 * where a {@link org.bcikit.data.FieldMapping} puts it ({@code counts=data.spike_counts}). Two
 * aliases of one field both present is an error, as is a file with no counts, which names what
 * the file holds and a mapping that would read it. A mapping also turns off the rig layout.
 * <ul>
 * <li>{@code counts} (required): spike counts: one bins x units matrix for a continuous
 *     recording ({@code :T} in the mapping: stored units x bins), or a cell array of per-trial
 *     matrices, oriented by their sizes: the dimension that is the same in every trial is the units
 *     (so 24 x T cells are transposed to T x 24), and cells all of one size are bins x units
 *     unless {@code :T} says otherwise; the choice is stated in the metadata {@code mapping};</li>
 * <li>{@code binWidth}: bin width in seconds (required unless the caller chooses one);</li>
 * <li>{@code trialStart} (only with a counts matrix): 1-based first bin of each trial, strictly
 *     increasing; a trial runs until the next one starts, the last to the end; bins before the
 *     first start belong to no trial. Without it the matrix is one trial;</li>
 * <li>{@code unitIds}: a cell array of strings or a numeric vector, one per unit;</li>
 * <li>{@code targets}: trials x 2 (or 2 x trials) target positions, or a cell of one 2 x 1
 *     position per trial; {@code conditions}: one integer condition id per trial;</li>
 * <li>{@code outcomes}: one per trial, 1 = success, 0 = failure, NaN = unknown;</li>
 * <li>{@code cursorPosition}, {@code cursorVelocity}: laid out like {@code counts} (a matrix
 *     aligned with the counts matrix, or a cell of per-trial matrices), each bins x 2 or 2 x bins
 *     (the dimension equal to the trial's bins is time). Positions are kept in the units stored
 *     (metadata {@code positionUnits}: from a {@code positionUnits} text field, else "as stored").
 *     Without a velocity it is derived from the position under the timing convention of the
 *     Golub et al. 2015 codepack, where p(t) is the first position to reflect bin t:
 *     v(t) = (p(t) - p(t-1)) / binWidth, v(0) = v(1) (metadata {@code cursorVelocity} says so).</li>
 * </ul>
 * Vectors may be stored as rows or columns; integer, single and logical classes are accepted.
 */
public final class MatReader implements RecordingReader {

    public MatReader() {
    }

    @Override
    public Recording read(Path file, ReadOptions options) throws IOException {
        try (MatFile mat = MatFile.open(file)) {
            if (options.fields().isEmpty() && RigSession.looksLike(mat)) {
                RigSession session = RigSession.from(mat);
                requireSameBinWidth(file, "expParams.intuitiveMapping.dt", session.dt(), options);
                return session.recording();
            }
            GenericFields fields = GenericFields.find(mat, options.fields());
            if (fields == null) {
                throw GenericFields.unmapped(mat);
            }
            return readGeneric(fields, options);
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

    private static Recording readGeneric(GenericFields mat, ReadOptions options) {
        double binWidth;
        if (mat.has("binWidth")) {
            MatValue bw = mat.get("binWidth", true);
            binWidth = bw.scalar();
            if (!(binWidth > 0) || !Double.isFinite(binWidth)) {
                throw bw.error("expected a bin width in seconds > 0, found " + binWidth);
            }
            requireSameBinWidth(mat.file(), bw.path(), binWidth, options);
        } else if (!Double.isNaN(options.binWidth())) {
            binWidth = options.binWidth();
        } else {
            throw InvalidInputException.at(mat.file(), mat.whereMissing("binWidth"),
                    "missing variable: store the bin width in seconds, or choose one when reading (--bin-width)");
        }

        MatValue counts = mat.get("counts", true);
        List<String> used = new ArrayList<>();
        List<DMatrixRMaj> trialCounts = new ArrayList<>();
        List<Double> startTimes = new ArrayList<>();
        List<DMatrixRMaj> positions = new ArrayList<>();
        List<DMatrixRMaj> velocities = new ArrayList<>();
        String derived = null;
        if (counts.isCell()) {
            if (mat.has("trialStart")) {
                throw mat.get("trialStart", true).error("only meaningful with a counts matrix, but "
                        + counts.path() + " is a cell array");
            }
            used.add("counts=" + counts.path() + " (" + MatOrientation.perTrialCounts(counts,
                    mat.transposed("counts"), trialCounts) + ")");
            for (int k = 0; k < trialCounts.size(); k++) {
                startTimes.add(Double.NaN);
            }
            perTrialKinematics(mat, "cursorPosition", trialCounts, positions, used);
            perTrialKinematics(mat, "cursorVelocity", trialCounts, velocities, used);
        } else {
            boolean t = mat.transposed("counts");
            DMatrixRMaj all = counts.matrix();
            if (t) {
                all = CommonOps_DDRM.transpose(all, null);
            }
            used.add("counts=" + counts.path() + " (" + counts.describe() + (t ? ": units x bins, transposed by :T)"
                    : ": bins x units)"));
            int[] starts = trialStarts(mat, all.numRows);
            if (mat.has("trialStart")) {
                used.add("trialStart=" + mat.get("trialStart", true).path());
            }
            DMatrixRMaj pos = continuous(mat, "cursorPosition", all.numRows, used);
            DMatrixRMaj vel = continuous(mat, "cursorVelocity", all.numRows, used);
            if (pos != null && vel == null) {
                // One continuous trace: differences run across trial boundaries, as the cursor did.
                vel = MatOrientation.velocityFromPosition(pos, binWidth);
                derived = "derived from position: v(t) = (p(t) - p(t-1)) / bin width, p(t) being the first "
                        + "position to reflect bin t's counts, across trial boundaries; v(0) = v(1) at the first bin";
            }
            for (int k = 0; k < starts.length; k++) {
                int end = k + 1 < starts.length ? starts[k + 1] : all.numRows;
                trialCounts.add(CommonOps_DDRM.extract(all, starts[k], end, 0, all.numCols));
                startTimes.add(starts[k] * binWidth);
                if (pos != null) {
                    positions.add(CommonOps_DDRM.extract(pos, starts[k], end, 0, 2));
                }
                if (vel != null) {
                    velocities.add(CommonOps_DDRM.extract(vel, starts[k], end, 0, 2));
                }
            }
        }
        int n = trialCounts.size();
        if (n == 0) {
            throw counts.error("expected at least one trial, found an empty cell array");
        }
        int units = trialCounts.get(0).numCols;
        for (int k = 0; k < n; k++) {
            if (trialCounts.get(k).numCols != units) {
                throw counts.element(k).error("expected " + units + " units like the first trial, found "
                        + trialCounts.get(k).numRows + " bins x " + trialCounts.get(k).numCols + " units");
            }
        }
        if (!positions.isEmpty() && velocities.isEmpty()) {
            for (DMatrixRMaj p : positions) {
                velocities.add(MatOrientation.velocityFromPosition(p, binWidth));
            }
            derived = "derived from position: v(t) = (p(t) - p(t-1)) / bin width, p(t) being the first "
                    + "position to reflect bin t's counts; v(0) = v(1) in each trial (0 in one-bin trials)";
        }
        MatValue targetValue = mat.get("targets", false);
        DMatrixRMaj targets = null;
        if (targetValue != null) {
            targets = MatOrientation.targets(targetValue, n);
            used.add("targets=" + targetValue.path());
        }
        DMatrixRMaj conditions = column(mat, "conditions", n, used);
        DMatrixRMaj outcomes = column(mat, "outcomes", n, used);

        Recording.Builder rb = Recording.builder().source(mat.file().toString()).binWidth(binWidth)
                .metadata("format", "MATLAB " + mat.version() + " (generic layout)")
                .metadata("mapping", String.join(", ", used));
        if (mat.has("binWidth")) {
            rb.metadata("binWidthSource", "file");
        } else {
            rb.metadata("binWidthSource", "option");
        }
        if (!positions.isEmpty()) {
            String units2 = mat.positionUnits();
            rb.metadata("positionUnits", units2 == null ? "units as stored (the file does not say which)" : units2);
        }
        if (derived != null) {
            rb.metadata("cursorVelocity", derived);
        }
        if (mat.has("unitIds")) {
            rb.unitIds(unitIds(mat.get("unitIds", true), units));
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
                tb.outcome(outcome(mat.get("outcomes", true), outcomes.data[k], k));
            }
            try {
                rb.addTrial(tb.build());
            } catch (InvalidInputException e) {
                throw InvalidInputException.at(mat.file(), "trial " + (k + 1), e.getMessage());
            }
        }
        return rb.build();
    }

    private static DMatrixRMaj column(GenericFields mat, String field, int n, List<String> used) {
        MatValue v = mat.get(field, false);
        if (v == null) {
            return null;
        }
        used.add(field + "=" + v.path());
        return v.column(n);
    }

    /** 0-based first bins of each trial from the 1-based {@code trialStart}, or {0}. */
    private static int[] trialStarts(GenericFields mat, int bins) {
        if (!mat.has("trialStart")) {
            return new int[] {0};
        }
        MatValue v = mat.get("trialStart", true);
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

    private static DMatrixRMaj continuous(GenericFields mat, String field, int bins, List<String> used) {
        MatValue v = mat.get(field, false);
        if (v == null) {
            return null;
        }
        StringBuilder how = new StringBuilder();
        DMatrixRMaj m = MatOrientation.kinematics(v, bins, mat.transposed(field), how);
        used.add(field + "=" + v.path() + how);
        return m;
    }

    private static void perTrialKinematics(GenericFields mat, String field, List<DMatrixRMaj> counts,
                                           List<DMatrixRMaj> out, List<String> used) {
        MatValue v = mat.get(field, false);
        if (v == null) {
            return;
        }
        if (!v.isCell() || v.numElements() != counts.size()) {
            throw v.error("expected a cell array of " + counts.size() + " per-trial matrices (like the counts), found "
                    + v.describe());
        }
        boolean transposed = false;
        for (int k = 0; k < counts.size(); k++) {
            StringBuilder how = new StringBuilder();
            out.add(MatOrientation.kinematics(v.element(k), counts.get(k).numRows, mat.transposed(field), how));
            transposed |= how.length() > 0;
        }
        used.add(field + "=" + v.path() + (transposed ? " (2 x T cells, transposed)" : ""));
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

    private static Target target(GenericFields mat, DMatrixRMaj targets, DMatrixRMaj conditions, int k) {
        Integer condition = null;
        if (conditions != null) {
            double c = conditions.data[k];
            if (c != Math.rint(c) || Math.abs(c) > Integer.MAX_VALUE) {
                throw mat.get("conditions", true).error("expected integer condition ids, found " + c + " at " + (k + 1));
            }
            condition = (int) c;
        }
        if (targets == null) {
            return condition == null ? null : Target.condition(condition);
        }
        double x = targets.get(k, 0);
        double y = targets.get(k, 1);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw mat.get("targets", true).error("expected finite positions, found (" + x + ", " + y + ") at row " + (k + 1));
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
}
