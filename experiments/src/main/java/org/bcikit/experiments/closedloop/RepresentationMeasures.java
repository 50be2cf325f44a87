package org.bcikit.experiments.closedloop;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.bcikit.decoders.LinearDecoder;
import org.bcikit.manifold.geometry.ManifoldOverlap;
import org.bcikit.manifold.geometry.ParticipationRatio;
import org.bcikit.manifold.moments.Covariance;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * How a recorded population represents the task, as Rajeswaran, Payeur, Lajoie and Orsborn (2024,
 * bioRxiv 2024.03.20.585972; science.md §4) follow it over days of BCI practice:
 * <ul>
 *   <li>normalised participation ratio of the units' covariance ({@link ParticipationRatio});</li>
 *   <li>the share of the population's variance in the decoder's task-relevant modes, the row space
 *       of its gain {@code M2} ({@code tr(P S) / tr(S)}, P the projector onto that plane);</li>
 *   <li>compactness: units ranked by how well each alone decodes the intended velocity (R² of a
 *       least-squares fit), then the R² of the best 1, 2, ... q units together — the ranked
 *       unit-adding curve; a steeper curve means task information sits in fewer units. Summarised
 *       as its mean over its end point and as the units it needs for 80 % of its end point.</li>
 * </ul>
 */
final class RepresentationMeasures {

    private RepresentationMeasures() {
    }

    /** Rows of every trial stacked (bins x columns). */
    static DMatrixRMaj stack(List<DMatrixRMaj> trials) {
        int cols = trials.get(0).numCols;
        int rows = trials.stream().mapToInt(m -> m.numRows).sum();
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        int r = 0;
        for (DMatrixRMaj m : trials) {
            System.arraycopy(m.data, 0, out.data, r * cols, m.getNumElements());
            r += m.numRows;
        }
        return out;
    }

    /** Normalised participation ratio PR / q of samples (bins x q). */
    static double normalisedParticipationRatio(DMatrixRMaj samples) {
        return ParticipationRatio.normalisedOfData(samples);
    }

    /**
     * Share of the samples' variance in the row space of {@code m2} (2 x q); a gain whose rows are
     * parallel has no task plane and is rejected ({@link ManifoldOverlap#varianceFraction}).
     */
    static double decoderVarianceShare(DMatrixRMaj samples, DMatrixRMaj m2) {
        DMatrixRMaj plane = new DMatrixRMaj(m2.numCols, m2.numRows);
        CommonOps_DDRM.transpose(m2, plane);
        return ManifoldOverlap.varianceFraction(plane, Covariance.of(samples));
    }

    /**
     * The ranked unit-adding curve: entry k-1 is the R² of decoding the velocities (bins x 2) from
     * the k units that decode best alone (bins x q samples).
     */
    static double[] unitAddingCurve(DMatrixRMaj samples, DMatrixRMaj velocities) {
        int q = samples.numCols;
        double[] single = new double[q];
        for (int i = 0; i < q; i++) {
            single[i] = rSquared(samples, new int[] {i}, velocities);
        }
        Integer[] order = new Integer[q];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -single[i]).thenComparingInt(i -> i));
        double[] curve = new double[q];
        for (int k = 1; k <= q; k++) {
            int[] cols = new int[k];
            for (int j = 0; j < k; j++) {
                cols[j] = order[j];
            }
            curve[k - 1] = rSquared(samples, cols, velocities);
        }
        return curve;
    }

    /** Compactness: the mean of the unit-adding curve over its last point (1 = all information in the best unit). */
    static double compactness(double[] curve) {
        double last = curve[curve.length - 1];
        return Arrays.stream(curve).average().orElse(Double.NaN) / last;
    }

    /**
     * The number of best-first units whose R² reaches {@code share} of the whole curve's end point
     * (Rajeswaran et al.'s "units needed for 80 % of full-population performance"); fewer = more
     * compact. A curve whose end point is not positive carries no information: all q units.
     */
    static int unitsFor(double[] curve, double share) {
        double goal = share * curve[curve.length - 1];
        if (!(goal > 0)) {
            return curve.length;
        }
        for (int k = 0; k < curve.length; k++) {
            if (curve[k] >= goal) {
                return k + 1;
            }
        }
        return curve.length;
    }

    /** R² of a least-squares (tiny-ridge) linear decoder from the given columns. */
    static double rSquared(DMatrixRMaj samples, int[] cols, DMatrixRMaj velocities) {
        int t = samples.numRows;
        DMatrixRMaj x = new DMatrixRMaj(t, cols.length);
        for (int r = 0; r < t; r++) {
            for (int j = 0; j < cols.length; j++) {
                x.unsafe_set(r, j, samples.unsafe_get(r, cols[j]));
            }
        }
        LinearDecoder fit = LinearDecoder.fit(x, velocities, 1e-9 * t);
        double[] u = new double[cols.length];
        double[] v = new double[2];
        double mx = 0;
        double my = 0;
        for (int r = 0; r < t; r++) {
            mx += velocities.get(r, 0) / t;
            my += velocities.get(r, 1) / t;
        }
        double sse = 0;
        double sst = 0;
        for (int r = 0; r < t; r++) {
            System.arraycopy(x.data, r * cols.length, u, 0, cols.length);
            fit.rawVelocity(u, v);
            double ex = v[0] - velocities.get(r, 0);
            double ey = v[1] - velocities.get(r, 1);
            sse += ex * ex + ey * ey;
            double dx = velocities.get(r, 0) - mx;
            double dy = velocities.get(r, 1) - my;
            sst += dx * dx + dy * dy;
        }
        return 1 - sse / sst;
    }
}
