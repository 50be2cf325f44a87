package org.bcikit.manifold.moments;

import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The first two moments of a set of samples: count n, the mean of each unit, and the covariance
 * about that mean normalised by n. Everything a factor-analysis fit or a held-out likelihood
 * needs from the data, so cross-validation reads the data once ({@link Covariance#moments}) and
 * builds each training set by {@link #pool pooling} the other folds' moments.
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class SampleMoments {

    private final int count;
    private final double[] mean;
    private final DMatrixRMaj covariance;

    /** Moments of {@code count} samples; {@code mean} (q) and {@code covariance} (q x q) are copied. */
    public SampleMoments(int count, double[] mean, DMatrixRMaj covariance) {
        if (count < 1 || covariance.numRows != mean.length || covariance.numCols != mean.length) {
            throw new InvalidInputException("moments: expected n >= 1, a q-long mean and a q x q covariance, got n = "
                    + count + ", " + mean.length + " and " + covariance.numRows + " x " + covariance.numCols);
        }
        this.count = count;
        this.mean = mean.clone();
        this.covariance = covariance.copy();
    }

    /** Number of samples n. */
    public int count() {
        return count;
    }

    /** Number of units q. */
    public int units() {
        return mean.length;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Covariance about the mean, normalised by n (q x q, new matrix). */
    public DMatrixRMaj covariance() {
        return covariance.copy();
    }

    /** Read-only view for this package's hot paths, which never modify it. */
    public DMatrixRMaj covarianceView() {
        return covariance;
    }

    /**
     * Second moments of these samples about another centre {@code centre}: {@code S + delta
     * delta^T} with {@code delta = mean - centre} (a new q x q matrix). This is what a model with
     * mean {@code centre} sees in held-out data.
     */
    public DMatrixRMaj secondMomentAbout(double[] centre) {
        int q = units();
        DMatrixRMaj out = covariance.copy();
        for (int i = 0; i < q; i++) {
            double di = mean[i] - centre[i];
            for (int j = 0; j < q; j++) {
                out.data[i * q + j] += di * (mean[j] - centre[j]);
            }
        }
        return out;
    }

    /**
     * The moments of the union of disjoint sample sets (Chan, Golub and LeVeque's pairwise
     * combination): the pooled scatter is each part's scatter plus its mean's deviation from the
     * pooled mean, so no sample is read again.
     */
    public static SampleMoments pool(List<SampleMoments> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("pool: expected at least one part");
        }
        int q = parts.get(0).units();
        long n = 0;
        double[] mean = new double[q];
        for (SampleMoments p : parts) {
            if (p.units() != q) {
                throw new InvalidInputException("moments: expected parts with the same units, got " + q
                        + " and " + p.units());
            }
            n += p.count;
            for (int i = 0; i < q; i++) {
                mean[i] += p.count * p.mean[i];
            }
        }
        for (int i = 0; i < q; i++) {
            mean[i] /= n;
        }
        DMatrixRMaj cov = new DMatrixRMaj(q, q);
        for (SampleMoments p : parts) {
            double w = (double) p.count / n;
            DMatrixRMaj about = p.secondMomentAbout(mean);
            for (int k = 0; k < cov.data.length; k++) {
                cov.data[k] += w * about.data[k];
            }
        }
        return new SampleMoments(Math.toIntExact(n), mean, cov);
    }

    /**
     * An empty accumulator of the moments of {@code units}-dimensional samples added in row
     * blocks: the samples themselves are never held, so 10^6 bins x 1000 units take one q x q
     * scatter and one block's buffer.
     */
    public static Accumulator accumulator(int units) {
        return new Accumulator(units);
    }

    /**
     * Moments accumulated from blocks of rows (see {@link SampleMoments#accumulator}). Means are
     * kept relative to the first sample added; each block is centred on its own mean and its scatter merged into the running one by Chan, Golub and
     * LeVeque's update, {@code M = M_a + M_b + delta delta^T n_a n_b / n} with {@code delta} the
     * difference of the means, so a large common offset does not cancel. Blocks are merged in the
     * order they are added, and each block's scatter is {@link Covariance}'s deterministic kernel,
     * so the same blocks give the same numbers on any thread count. Not thread-safe.
     */
    public static final class Accumulator {
        private final int q;
        private long count;
        private final double[] mean;
        private final DMatrixRMaj scatter;
        private final DMatrixRMaj block;
        private final double[] blockMean;
        private final double[] centre;
        private final double[] shift;

        private Accumulator(int units) {
            if (units < 1) {
                throw new InvalidInputException("moments: expected at least one unit, got " + units);
            }
            q = units;
            mean = new double[q];
            scatter = new DMatrixRMaj(q, q);
            block = new DMatrixRMaj(q, q);
            blockMean = new double[q];
            centre = new double[q];
            shift = new double[q];
        }

        /** Adds the rows of {@code rows} (m x q, samples as rows; not modified). */
        public Accumulator add(DMatrixRMaj rows) {
            if (rows.numCols != q) {
                throw new InvalidInputException("moments: expected blocks of " + q + " units, got " + rows.numCols);
            }
            return add(rows.data, rows.numRows);
        }

        /**
         * Adds the first {@code rows} samples of the row-major array {@code data} (rows x q; not
         * modified), checking every value is finite (a bad value is named by its row in the
         * whole stream).
         */
        public Accumulator add(double[] data, int rows) {
            if (rows < 0 || (long) rows * q > data.length) {
                throw new IllegalArgumentException("moments: " + rows + " rows of " + q + " do not fit "
                        + data.length + " values");
            }
            if (rows == 0) {
                return this;
            }
            for (int t = 0; t < rows; t++) {
                int row = t * q;
                for (int i = 0; i < q; i++) {
                    double v = data[row + i];
                    if (!Double.isFinite(v)) {
                        throw new InvalidInputException("data[" + (count + t) + "][" + i
                                + "]: expected a finite value, found " + v);
                    }
                }
            }
            if (count == 0) {
                System.arraycopy(data, 0, shift, 0, q);
            }
            // means are kept relative to the first sample (the shift), where the data's spread,
            // not its offset, sets their rounding: the merge's mean differences stay accurate
            java.util.Arrays.fill(blockMean, 0);
            for (int t = 0; t < rows; t++) {
                int row = t * q;
                for (int i = 0; i < q; i++) {
                    blockMean[i] += data[row + i] - shift[i];
                }
            }
            for (int i = 0; i < q; i++) {
                blockMean[i] /= rows;
                centre[i] = shift[i] + blockMean[i];
            }
            Covariance.scatterUpper(data, rows, q, centre, true, block);
            long n = count + rows;
            double w = (double) count * rows / n;
            double[] m = scatter.data;
            double[] b = block.data;
            for (int i = 0; i < q; i++) {
                double di = blockMean[i] - mean[i];
                int row = i * q;
                for (int j = i; j < q; j++) {
                    m[row + j] += b[row + j] + w * di * (blockMean[j] - mean[j]);
                }
            }
            double f = (double) rows / n;
            for (int i = 0; i < q; i++) {
                mean[i] += f * (blockMean[i] - mean[i]);
            }
            count = n;
            return this;
        }

        /** Samples added so far. */
        public long count() {
            return count;
        }

        /** The moments of everything added (covariance normalised by n). */
        public SampleMoments moments() {
            if (count < 1) {
                throw new InvalidInputException("moments: expected at least one sample, got none");
            }
            DMatrixRMaj cov = scatter.copy();
            CommonOps_DDRM.symmUpperToFull(cov);
            CommonOps_DDRM.scale(1.0 / count, cov);
            double[] m = new double[q];
            for (int i = 0; i < q; i++) {
                m[i] = shift[i] + mean[i];
            }
            return new SampleMoments(Math.toIntExact(count), m, cov);
        }
    }
}
