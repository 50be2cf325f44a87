package org.bcikit.decoders.hypotheses;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
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

/**
 * The max-progress problems of Golub et al. 2018 (science.md section 8): the factor pattern that
 * pushes the cursor furthest toward a cloud's target under the perturbed mapping, over the patterns
 * a hypothesis allows, subject to a spike-count box.
 * <ul>
 *   <li><b>Realignment</b>: any {@code z = Beta (x - mu)} with x in the box. Progress is linear in
 *       x and the box separable, so the optimum is a vertex: {@code x_i = hi_i} where
 *       {@code g = Beta^T B_p^T d} is positive, else {@code lo_i}.</li>
 *   <li><b>Reassociation</b> (and rescaling, on a rescaled repertoire): convex combinations
 *       {@code z = sum_k w_k s_k} of repertoire means with such an x; a linear program over
 *       (w, x), solved with Commons Math's simplex.</li>
 * </ul>
 * Neighbouring re-binned means are often identical (the same patterns fall in both bins), and
 * Commons Math 3.6.1's simplex returns infeasible points when two columns are identical (seen
 * here: weights summing to 5). Identical means therefore enter the program once, and every
 * solution is checked against the constraints before it is used.
 */
public final class MaxProgress {

    /** Largest constraint violation, relative to the constraint's value, accepted from the solver. */
    private static final double FEASIBILITY_TOL = 1e-7;

    private MaxProgress() {
    }

    /** The realignment optimum for direction {@code d} (unit 2-vector) in {@code box}. */
    public static double[] realignment(ReadoutGeometry g, SpikeBox box, double[] d) {
        DMatrixRMaj beta = g.spikesToFactors();
        DMatrixRMaj bp = g.perturbed();
        int q = beta.numCols;
        int f = beta.numRows;
        double[] c = new double[f];
        for (int j = 0; j < f; j++) {
            c[j] = bp.get(0, j) * d[0] + bp.get(1, j) * d[1];
        }
        double[] lo = box.lo();
        double[] hi = box.hi();
        double[] mu = g.mu();
        double[] z = new double[f];
        for (int i = 0; i < q; i++) {
            double gi = 0;
            for (int j = 0; j < f; j++) {
                gi += beta.get(j, i) * c[j];
            }
            double x = gi > 0 ? hi[i] : lo[i];
            for (int j = 0; j < f; j++) {
                z[j] += beta.get(j, i) * (x - mu[i]);
            }
        }
        return z;
    }

    /**
     * The reassociation optimum: convex weights over {@code repertoire}'s means maximising progress
     * along {@code d}, with the combination feasible in {@code box}.
     *
     * @param cloud  names the cloud in the failure message
     * @throws IllegalStateException when no combination is feasible, naming the cloud and the constraint
     */
    public static double[] reassociationWeights(ReadoutGeometry g, SpikeBox box, Rediscretization repertoire,
                                                double[] d, String cloud) {
        DMatrixRMaj beta = g.spikesToFactors();
        DMatrixRMaj bp = g.perturbed();
        int q = beta.numCols;
        int f = beta.numRows;
        List<Integer> unique = new ArrayList<>();
        for (int m = 0; m < repertoire.size(); m++) {
            boolean seen = false;
            for (int u : unique) {
                seen |= java.util.Arrays.equals(repertoire.means().get(u), repertoire.means().get(m));
            }
            if (!seen) {
                unique.add(m);
            }
        }
        int k = unique.size();
        int n = k + q;
        double[] lo = box.lo();
        double[] hi = box.hi();
        double[] mu = g.mu();
        double[] objective = new double[n];
        for (int m = 0; m < k; m++) {
            double[] s = repertoire.means().get(unique.get(m));
            for (int j = 0; j < f; j++) {
                objective[m] += (bp.get(0, j) * d[0] + bp.get(1, j) * d[1]) * s[j];
            }
        }
        List<LinearConstraint> cs = new ArrayList<>();
        // z = S w and z = Beta (y + lo - mu) with y = x - lo >= 0:  Beta y - S w = Beta (mu - lo).
        for (int j = 0; j < f; j++) {
            double[] row = new double[n];
            double rhs = 0;
            for (int m = 0; m < k; m++) {
                row[m] = -repertoire.means().get(unique.get(m))[j];
            }
            for (int i = 0; i < q; i++) {
                row[k + i] = beta.get(j, i);
                rhs += beta.get(j, i) * (mu[i] - lo[i]);
            }
            cs.add(new LinearConstraint(row, Relationship.EQ, rhs));
        }
        double[] sum = new double[n];
        for (int m = 0; m < k; m++) {
            sum[m] = 1;
        }
        cs.add(new LinearConstraint(sum, Relationship.EQ, 1));
        for (int i = 0; i < q; i++) {
            double[] row = new double[n];
            row[k + i] = 1;
            cs.add(new LinearConstraint(row, Relationship.LEQ, hi[i] - lo[i]));
        }
        PointValuePair p;
        try {
            p = new SimplexSolver().optimize(new MaxIter(1_000_000), new LinearObjectiveFunction(objective, 0),
                    new LinearConstraintSet(cs), GoalType.MAXIMIZE, new NonNegativeConstraint(true),
                    PivotSelectionRule.BLAND);
        } catch (NoFeasibleSolutionException e) {
            throw new IllegalStateException(cloud + ": no convex combination of the " + k
                    + " repertoire means maps from spike counts within the movement-specific mean box"
                    + " (constraint Beta (x - mu) = sum_k w_k s_k, lo <= x <= hi)");
        }
        double[] x = p.getPoint();
        for (LinearConstraint c : cs) {
            double lhs = c.getCoefficients().dotProduct(new org.apache.commons.math3.linear.ArrayRealVector(x, false));
            double gap = c.getRelationship() == Relationship.EQ ? Math.abs(lhs - c.getValue()) : lhs - c.getValue();
            if (gap > FEASIBILITY_TOL * Math.max(1, Math.abs(c.getValue()))) {
                throw new IllegalStateException(cloud + ": the simplex solution violates a constraint of the"
                        + " max-progress program by " + gap + " (constraint " + c.getRelationship() + " " + c.getValue() + ")");
            }
        }
        double[] w = new double[repertoire.size()];
        for (int m = 0; m < k; m++) {
            w[unique.get(m)] = Math.max(0, x[m]);
        }
        return w;
    }
}
