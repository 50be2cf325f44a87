package org.bcikit.decoders.hypotheses;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The physiological plausibility constraint of Golub et al. 2018 (science.md section 8): a factor
 * pattern z is feasible when some spike-count vector x with {@code lo <= x <= hi} maps to it,
 * {@code Beta (x - mu) = z}. The <em>pattern box</em> spans every recorded before-learning
 * pattern, the <em>mean box</em> the movement-specific mean spike vectors. Feasibility is a linear
 * program (Commons Math's simplex). A witness is looked for first, by alternating projections
 * between the preimage {@code mu + Beta^+ z + null(Beta)} and the box starting from the least-norm
 * preimage: a point of the box that maps to z within {@link #WITNESS_TOLERANCE} proves
 * feasibility, and only patterns without one cost a simplex solve.
 */
public final class SpikeBox {

    /** Largest factor residual, relative to the pattern's scale, of a point taken as a witness. */
    static final double WITNESS_TOLERANCE = 1e-9;
    /** Alternating-projection steps tried before solving the program. */
    private static final int WITNESS_STEPS = 50;

    private final double[] lo;
    private final double[] hi;

    private SpikeBox(double[] lo, double[] hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /** The box spanned by every row of every matrix (patterns x units). */
    public static SpikeBox ofPatterns(List<DMatrixRMaj> spikes) {
        int q = spikes.get(0).numCols;
        double[] lo = new double[q];
        double[] hi = new double[q];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (DMatrixRMaj s : spikes) {
            for (int t = 0; t < s.numRows; t++) {
                for (int i = 0; i < q; i++) {
                    double v = s.get(t, i);
                    lo[i] = Math.min(lo[i], v);
                    hi[i] = Math.max(hi[i], v);
                }
            }
        }
        return new SpikeBox(lo, hi);
    }

    /** The box spanned by each matrix's mean row: the movement-specific mean spike vectors. */
    public static SpikeBox ofMeans(List<DMatrixRMaj> spikes) {
        List<DMatrixRMaj> means = new ArrayList<>();
        for (DMatrixRMaj s : spikes) {
            DMatrixRMaj m = new DMatrixRMaj(1, s.numCols);
            CommonOps_DDRM.sumCols(s, m);
            CommonOps_DDRM.scale(1.0 / s.numRows, m);
            means.add(m);
        }
        return ofPatterns(means);
    }

    /** Lower bounds per unit (a copy). */
    public double[] lo() {
        return lo.clone();
    }

    /** Upper bounds per unit (a copy). */
    public double[] hi() {
        return hi.clone();
    }

    /** A feasibility test for factor patterns under {@code geometry}'s spikes-to-factors map. */
    public Test test(ReadoutGeometry geometry) {
        return new Test(geometry);
    }

    /**
     * Feasibility of factor patterns against this box. Holds the pseudo-inverse and the fixed part
     * of the program so each pattern costs a product and, rarely, one simplex solve. Not thread-safe
     * (work arrays); one per thread.
     */
    public final class Test {
        private final DMatrixRMaj beta;
        private final DMatrixRMaj pinv;
        private final double[] mu;
        private final double[] betaMuMinusLo;
        private final double[] x;
        private final double[] r;
        private int programs;

        private Test(ReadoutGeometry g) {
            beta = g.spikesToFactors();
            mu = g.mu();
            DMatrixRMaj bbt = CommonOps_DDRM.multTransB(beta, beta, null);
            if (!CommonOps_DDRM.invert(bbt)) {
                throw new IllegalArgumentException("spikes-to-factors map is rank deficient");
            }
            pinv = CommonOps_DDRM.multTransA(beta, bbt, null);
            betaMuMinusLo = new double[beta.numRows];
            for (int j = 0; j < beta.numRows; j++) {
                double s = 0;
                for (int i = 0; i < mu.length; i++) {
                    s += beta.get(j, i) * (mu[i] - lo[i]);
                }
                betaMuMinusLo[j] = s;
            }
            x = new double[mu.length];
            r = new double[beta.numRows];
        }

        /** True when some x in the box maps to {@code z}. */
        public boolean feasible(double[] z) {
            return witness(z) || solve(z);
        }

        private boolean witness(double[] z) {
            double scale = 1;
            for (double v : z) {
                scale = Math.max(scale, Math.abs(v));
            }
            System.arraycopy(mu, 0, x, 0, x.length);
            System.arraycopy(z, 0, r, 0, r.length);
            for (int step = 0; step < WITNESS_STEPS; step++) {
                // Project onto the preimage (x += Beta^+ r), then onto the box.
                for (int i = 0; i < x.length; i++) {
                    double v = x[i];
                    for (int j = 0; j < r.length; j++) {
                        v += pinv.get(i, j) * r[j];
                    }
                    x[i] = Math.min(hi[i], Math.max(lo[i], v));
                }
                double worst = 0;
                for (int j = 0; j < r.length; j++) {
                    double v = z[j];
                    for (int i = 0; i < x.length; i++) {
                        v -= beta.get(j, i) * (x[i] - mu[i]);
                    }
                    r[j] = v;
                    worst = Math.max(worst, Math.abs(v));
                }
                if (worst <= WITNESS_TOLERANCE * scale) {
                    return true;
                }
            }
            return false;
        }

        /** How many simplex programs were solved so far (the rest had a least-norm witness). */
        public int programs() {
            return programs;
        }

        private boolean solve(double[] z) {
            programs++;
            int q = x.length;
            List<LinearConstraint> cs = new ArrayList<>();
            // With y = x - lo >= 0: Beta y = z + Beta (mu - lo), y <= hi - lo.
            for (int j = 0; j < z.length; j++) {
                double[] row = new double[q];
                for (int i = 0; i < q; i++) {
                    row[i] = beta.get(j, i);
                }
                cs.add(new LinearConstraint(row, Relationship.EQ, z[j] + betaMuMinusLo[j]));
            }
            for (int i = 0; i < q; i++) {
                double[] row = new double[q];
                row[i] = 1;
                cs.add(new LinearConstraint(row, Relationship.LEQ, hi[i] - lo[i]));
            }
            double[] y;
            try {
                y = new SimplexSolver().optimize(new MaxIter(100_000), new LinearObjectiveFunction(new double[q], 0),
                        new LinearConstraintSet(cs), GoalType.MINIMIZE, new NonNegativeConstraint(true),
                        PivotSelectionRule.BLAND).getPoint();
            } catch (NoFeasibleSolutionException e) {
                return false;
            }
            // Commons Math's simplex has returned infeasible points on degenerate programs: check.
            for (int j = 0; j < z.length; j++) {
                double v = -betaMuMinusLo[j] - z[j];
                for (int i = 0; i < q; i++) {
                    v += beta.get(j, i) * y[i];
                }
                if (Math.abs(v) > 1e-7 * Math.max(1, Math.abs(z[j]))) {
                    throw new IllegalStateException("feasibility program: the simplex solution misses factor " + j
                            + " by " + v);
                }
            }
            return true;
        }
    }
}
