package org.bcikit.data.mat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Which way round the generic layout's arrays are stored, decided per field from their sizes and
 * stated in the recording's {@code mapping} metadata, never guessed silently. Labs store per-trial
 * counts as units x bins (MATLAB's habit: one column per time step) as often as bins x units; the
 * number of units is the same in every trial and the number of bins is not, which tells them apart.
 */
final class MatOrientation {

    private MatOrientation() {
    }

    /**
     * Reads a cell of per-trial count matrices into {@code out} as bins x units, and says how.
     * The dimension of the same size in every trial is the units; when both dimensions are the same
     * in every trial the cell is taken as bins x units (the single-matrix convention) and the
     * description says so; {@code transposed} ({@code :T}) forces units x bins.
     */
    static String perTrialCounts(MatValue cell, boolean transposed, List<DMatrixRMaj> out) {
        List<MatValue> elements = cell.elements();
        Set<Integer> rows = new LinkedHashSet<>();
        Set<Integer> cols = new LinkedHashSet<>();
        for (MatValue e : elements) {
            if (!e.isNumeric() || e.dims().length != 2) {
                throw e.error("expected a per-trial count matrix (bins x units or units x bins), found " + e.describe());
            }
            rows.add(e.rows());
            cols.add(e.cols());
        }
        if (elements.isEmpty()) {
            return "empty cell";
        }
        String cls = elements.get(0).className();
        int n = elements.size();
        boolean flip;
        String how;
        if (transposed) {
            flip = true;
            how = n + " cells of " + sizes(rows) + " x " + sizes(cols) + " " + cls + ": units x bins, transposed by :T";
        } else if (rows.size() == 1 && cols.size() > 1) {
            flip = true;
            how = n + " cells of " + rows.iterator().next() + " x T " + cls + ": units x bins, transposed";
        } else if (cols.size() == 1 && rows.size() > 1) {
            flip = false;
            how = n + " cells of T x " + cols.iterator().next() + " " + cls + ": bins x units";
        } else if (rows.size() == 1) {
            flip = false;
            how = n + " cells of " + rows.iterator().next() + " x " + cols.iterator().next() + " " + cls
                    + ": every trial the same size, taken as bins x units; add :T if units x bins";
        } else {
            throw cell.error("expected per-trial matrices with the same number of units in every trial (one "
                    + "dimension the same throughout), found rows " + sizes(rows) + " and columns " + sizes(cols));
        }
        for (MatValue e : elements) {
            DMatrixRMaj m = e.matrix();
            out.add(flip ? CommonOps_DDRM.transpose(m, null) : m);
        }
        return how;
    }

    private static String sizes(Set<Integer> s) {
        if (s.size() == 1) {
            return Integer.toString(s.iterator().next());
        }
        int min = s.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = s.stream().mapToInt(Integer::intValue).max().orElse(0);
        return min + ".." + max;
    }

    /**
     * A bins x 2 kinematic matrix from one stored as bins x 2 or 2 x bins (the dimension equal to
     * the counts' bins is time; bins x 2 wins when both fit, i.e. with 2 bins); {@code transposed}
     * forces 2 x bins. Appends {@code " (transposed)"} to {@code how} when it transposed.
     */
    static DMatrixRMaj kinematics(MatValue v, int bins, boolean transposed, StringBuilder how) {
        if (!v.isNumeric() || v.dims().length != 2) {
            throw v.error("expected " + bins + " x 2 (bins x [x, y]) or 2 x " + bins + ", found " + v.describe());
        }
        int r = v.rows();
        int c = v.cols();
        boolean flip;
        if (transposed) {
            flip = true;
        } else if (r == bins && c == 2) {
            flip = false;
        } else if (r == 2 && c == bins) {
            flip = true;
        } else {
            throw v.error("expected " + bins + " x 2 (bins x [x, y], like the counts) or 2 x " + bins
                    + ", found " + v.describe());
        }
        DMatrixRMaj m = v.matrix();
        if (flip) {
            m = CommonOps_DDRM.transpose(m, null);
            how.append(transposed ? " (transposed by :T)" : " (2 x T, transposed)");
        }
        if (m.numRows != bins || m.numCols != 2) {
            throw v.error("expected 2 x " + bins + " with :T, found " + v.describe());
        }
        return m;
    }

    /**
     * Per-trial targets as trials x 2: a trials x 2 (or 2 x trials) matrix, or a cell of one 2 x 1
     * (or 1 x 2) position per trial.
     */
    static DMatrixRMaj targets(MatValue v, int trials) {
        DMatrixRMaj out = new DMatrixRMaj(trials, 2);
        if (v.isCell()) {
            if (v.numElements() != trials) {
                throw v.error("expected a cell of " + trials + " per-trial targets, found " + v.describe());
            }
            for (int k = 0; k < trials; k++) {
                MatValue e = v.element(k);
                DMatrixRMaj p = e.isNumeric() && e.numElements() == 2 ? e.column(2) : null;
                if (p == null) {
                    throw e.error("expected one target position (2 x 1 or 1 x 2), found " + e.describe());
                }
                out.set(k, 0, p.data[0]);
                out.set(k, 1, p.data[1]);
            }
            return out;
        }
        if (v.isNumeric() && v.dims().length == 2 && v.rows() == 2 && v.cols() == trials && trials != 2) {
            return CommonOps_DDRM.transpose(v.matrix(), null);
        }
        return v.matrix(trials, 2);
    }

    /**
     * Velocity from position under the timing convention of the Golub et al. 2015 codepack: p(t)
     * is the first position that reflects counts bin t, so p(t) = p(t-1) + v(t) dt and
     * v(t) = (p(t) - p(t-1)) / dt. p(-1) is not stored, so v(0) repeats v(1) (the trial's first
     * step), and a one-bin trial gets 0: a trial's velocity must be finite.
     */
    static DMatrixRMaj velocityFromPosition(DMatrixRMaj p, double dt) {
        int bins = p.numRows;
        DMatrixRMaj v = new DMatrixRMaj(bins, 2);
        for (int t = 1; t < bins; t++) {
            for (int j = 0; j < 2; j++) {
                v.set(t, j, (p.get(t, j) - p.get(t - 1, j)) / dt);
            }
        }
        if (bins > 1) {
            v.set(0, 0, v.get(1, 0));
            v.set(0, 1, v.get(1, 1));
        }
        return v;
    }
}
