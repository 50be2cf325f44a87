package org.bcikit.decoders.hypotheses;

import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.mat.RigSession;
import org.bcikit.manifold.moments.Covariance;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Movement-specific clouds of activity in orthonormalised factor space (Golub et al. 2018): for
 * each target, its patterns (T x d), the cursor-to-target direction at each pattern (T x 2) and
 * each pattern's progress under the perturbed mapping (mm/s). A recorded epoch takes all three
 * from the file; a hypothesis' prediction takes the directions of the recorded after-learning
 * cloud and computes progress from its own patterns, as the authors' codepack does. Immutable.
 */
public final class Clouds {

    private final List<DMatrixRMaj> factors;
    private final List<DMatrixRMaj> directions;
    private final List<double[]> progress;
    private final List<DMatrixRMaj> velocities;

    private Clouds(List<DMatrixRMaj> factors, List<DMatrixRMaj> directions, List<double[]> progress,
                   List<DMatrixRMaj> velocities) {
        this.factors = List.copyOf(factors);
        this.directions = List.copyOf(directions);
        this.progress = List.copyOf(progress);
        this.velocities = List.copyOf(velocities);
    }

    /** A recorded epoch: stored factor activity, directions, and perturbed progress divided by {@code dt}. */
    public static Clouds recorded(RigSession.Epoch epoch, double dt) {
        List<DMatrixRMaj> z = new ArrayList<>();
        List<DMatrixRMaj> d = new ArrayList<>();
        List<double[]> p = new ArrayList<>();
        List<DMatrixRMaj> v = new ArrayList<>();
        for (RigSession.Cloud c : epoch.clouds()) {
            z.add(c.factorActivity());
            v.add(c.vrawPerturbed());
            d.add(c.cursorToTargetDirection());
            double[] pp = c.perturbedProgress().data.clone();
            for (int t = 0; t < pp.length; t++) {
                pp[t] /= dt;
            }
            p.add(pp);
        }
        return new Clouds(z, d, p, v);
    }

    /**
     * Predicted patterns {@code factors.get(c)} (T_c x d) seen along the recorded directions of
     * {@code like}'s cloud c (which must hold the same number of patterns), with progress under
     * {@code geometry}'s perturbed mapping.
     */
    public static Clouds predicted(List<DMatrixRMaj> factors, Clouds like, ReadoutGeometry geometry) {
        if (factors.size() != like.count()) {
            throw new IllegalArgumentException("expected " + like.count() + " clouds, got " + factors.size());
        }
        List<double[]> p = new ArrayList<>();
        List<DMatrixRMaj> v = new ArrayList<>();
        DMatrixRMaj bp = geometry.perturbed();
        double[] m0 = geometry.perturbedOffset();
        for (int c = 0; c < factors.size(); c++) {
            DMatrixRMaj z = factors.get(c);
            DMatrixRMaj dir = like.directions.get(c);
            if (z.numRows != dir.numRows) {
                throw new IllegalArgumentException("cloud " + c + ": " + z.numRows + " predicted patterns for "
                        + dir.numRows + " recorded directions");
            }
            DMatrixRMaj vc = CommonOps_DDRM.multTransB(z, bp, null);
            for (int t = 0; t < vc.numRows; t++) {
                vc.add(t, 0, m0[0]);
                vc.add(t, 1, m0[1]);
            }
            v.add(vc);
            double[] pc = new double[z.numRows];
            double[] row = new double[z.numCols];
            for (int t = 0; t < z.numRows; t++) {
                System.arraycopy(z.data, t * z.numCols, row, 0, row.length);
                pc[t] = geometry.perturbedProgress(row, new double[] {dir.get(t, 0), dir.get(t, 1)});
            }
            p.add(pc);
        }
        return new Clouds(factors.stream().map(DMatrixRMaj::copy).toList(), like.directions, p, v);
    }

    /**
     * Clouds of given patterns and directions whose progress and velocities are not known (zero):
     * for predictions, which take only the directions of {@code like} clouds.
     */
    static Clouds withDirections(List<DMatrixRMaj> factors, List<DMatrixRMaj> directions) {
        List<double[]> p = new ArrayList<>();
        List<DMatrixRMaj> v = new ArrayList<>();
        for (DMatrixRMaj z : factors) {
            p.add(new double[z.numRows]);
            v.add(new DMatrixRMaj(z.numRows, 2));
        }
        return new Clouds(factors, directions, p, v);
    }

    /** Number of clouds. */
    public int count() {
        return factors.size();
    }

    /** Patterns of cloud {@code c} (T x d, a copy). */
    public DMatrixRMaj factors(int c) {
        return factors.get(c).copy();
    }

    /** Cursor-to-target directions of cloud {@code c} (T x 2, a copy). */
    public DMatrixRMaj directions(int c) {
        return directions.get(c).copy();
    }

    /** Perturbed-mapping progress of each pattern of cloud {@code c}, mm/s (a copy). */
    public double[] progress(int c) {
        return progress.get(c).clone();
    }

    /** Raw velocities of cloud {@code c} under the perturbed mapping (T x 2, mm/s, a copy). */
    public DMatrixRMaj perturbedVelocities(int c) {
        return velocities.get(c).copy();
    }

    /** Mean of cloud {@code c}'s patterns. */
    public double[] mean(int c) {
        return Covariance.mean(factors.get(c));
    }

    /** Covariance of cloud {@code c}'s patterns, normalised by n. */
    public DMatrixRMaj covariance(int c) {
        return Covariance.of(factors.get(c));
    }

    /** The mean of the clouds' covariances (the codepack's {@code meanNoiseCov}). */
    public DMatrixRMaj meanCovariance() {
        DMatrixRMaj s = null;
        for (int c = 0; c < count(); c++) {
            DMatrixRMaj cov = covariance(c);
            if (s == null) {
                s = cov;
            } else {
                CommonOps_DDRM.addEquals(s, cov);
            }
        }
        CommonOps_DDRM.scale(1.0 / count(), s);
        return s;
    }

    /** All patterns stacked in cloud order (sum T_c x d). */
    public DMatrixRMaj pooled() {
        return stack(factors);
    }

    /** All directions stacked in cloud order (sum T_c x 2). */
    public DMatrixRMaj pooledDirections() {
        return stack(directions);
    }

    /** The mean of each cloud's directions, renormalised to unit length (the codepack's {@code Dmean}). */
    public double[] meanDirection(int c) {
        double[] m = Covariance.mean(directions.get(c));
        double n = Math.hypot(m[0], m[1]);
        return new double[] {m[0] / n, m[1] / n};
    }

    static DMatrixRMaj stack(List<DMatrixRMaj> parts) {
        int rows = 0;
        for (DMatrixRMaj p : parts) {
            rows += p.numRows;
        }
        DMatrixRMaj out = new DMatrixRMaj(rows, parts.get(0).numCols);
        int r = 0;
        for (DMatrixRMaj p : parts) {
            CommonOps_DDRM.insert(p, out, r, 0);
            r += p.numRows;
        }
        return out;
    }
}
