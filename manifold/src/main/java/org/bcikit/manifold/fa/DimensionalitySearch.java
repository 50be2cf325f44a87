package org.bcikit.manifold.fa;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.bcikit.data.InvalidInputException;
import org.bcikit.manifold.moments.Covariance;
import org.bcikit.manifold.moments.SampleMoments;
import org.ejml.data.DMatrixRMaj;

/**
 * Chooses the number of factors of a {@link FactorAnalysis} by k-fold cross-validation, the
 * convention of the BCI literature (Yu et al. 2009, J. Neurophysiol. 102:614; Sadtler et al.
 * 2014; Williamson et al. 2016): for each candidate d = 1..maxDims, fit on k-1 folds and score
 * the log-likelihood of the held-out fold; the d with the highest total wins. The model is then
 * refitted on all data, and the smallest number of its orthonormalised dimensions explaining 95%
 * of the shared variance is reported alongside.
 *
 * <p>Samples are assigned to folds by a shuffle drawn from the seed. The data are read once:
 * each fold's {@link SampleMoments} are computed, each training set's moments are pooled from
 * the other folds, and held-out likelihoods come from the held-out fold's moments
 * ({@link FactorModel#logLikelihood(SampleMoments)}), so the cost beyond one covariance is
 * k x maxDims fits of O(q^2 d) per EM iteration. With z-scoring, each training set is z-scored by
 * its own standard deviations and its held-out fold by the same.
 */
public final class DimensionalitySearch {

    private final FactorAnalysis template;
    private final int maxDims;
    private final int folds;
    private final long seed;
    private final double sharedVarianceFraction;

    /** Candidates 1..20, 5 folds, seed 0, 95% shared variance; fits configured as {@code template}. */
    public DimensionalitySearch(FactorAnalysis template) {
        this(template, 20, 5, 0L, 0.95);
    }

    private DimensionalitySearch(FactorAnalysis template, int maxDims, int folds, long seed, double fraction) {
        if (maxDims < 1) {
            throw new InvalidInputException("maxDims: expected at least 1, got " + maxDims);
        }
        if (folds < 2) {
            throw new InvalidInputException("folds: expected at least 2, got " + folds);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new InvalidInputException("sharedVarianceFraction: expected a fraction in (0, 1], got " + fraction);
        }
        this.template = template;
        this.maxDims = maxDims;
        this.folds = folds;
        this.seed = seed;
        this.sharedVarianceFraction = fraction;
    }

    /** Largest candidate d (capped at q - 1 when searching). */
    public DimensionalitySearch withMaxDims(int max) {
        return new DimensionalitySearch(template, max, folds, seed, sharedVarianceFraction);
    }

    public DimensionalitySearch withFolds(int k) {
        return new DimensionalitySearch(template, maxDims, k, seed, sharedVarianceFraction);
    }

    /** Seed of the assignment of samples to folds. */
    public DimensionalitySearch withSeed(long s) {
        return new DimensionalitySearch(template, maxDims, folds, s, sharedVarianceFraction);
    }

    public DimensionalitySearch withSharedVarianceFraction(double fraction) {
        return new DimensionalitySearch(template, maxDims, folds, seed, fraction);
    }

    public int maxDims() {
        return maxDims;
    }

    public int folds() {
        return folds;
    }

    public long seed() {
        return seed;
    }

    /** As {@link #search(DMatrixRMaj, Consumer)} without progress messages. */
    public Dimensionality search(DMatrixRMaj samples) {
        return search(samples, message -> { });
    }

    /**
     * Cross-validates every candidate d on {@code samples} (n x q, not modified), reporting each
     * finished fold to {@code progress}.
     *
     * @throws InvalidInputException for NaN/Inf values, units that never vary, fewer than
     *                               {@code folds} samples, or training sets not larger than q
     */
    public Dimensionality search(DMatrixRMaj samples, Consumer<String> progress) {
        int n = samples.numRows;
        int q = samples.numCols;
        Covariance.mean(samples); // rejects NaN/Inf with the offending row and column
        int[] silent = FactorAnalysis.silentUnits(samples);
        if (silent.length > 0) {
            throw new InvalidInputException("data: expected every unit to vary, found " + silent.length
                    + " unit(s) with zero variance (columns " + java.util.Arrays.toString(silent) + ")");
        }
        if (q < 2) {
            throw new InvalidInputException("data: expected at least 2 units to fit a factor, got " + q);
        }
        int top = Math.min(maxDims, q - 1);
        if (n < folds || n - (n + folds - 1) / folds <= q) {
            throw new InvalidInputException("data: expected more than " + q + " samples in each training set of "
                    + folds + "-fold cross-validation, got " + n + " samples of " + q + " units");
        }
        List<SampleMoments> parts = foldMoments(samples);
        int[] candidates = new int[top];
        double[] total = new double[top];
        for (int d = 1; d <= top; d++) {
            candidates[d - 1] = d;
        }
        for (int k = 0; k < folds; k++) {
            List<SampleMoments> rest = new ArrayList<>(parts);
            SampleMoments test = rest.remove(k);
            SampleMoments train = SampleMoments.pool(rest);
            for (int d = 1; d <= top; d++) {
                FactorModel m = template.withDims(d).fit(train);
                total[d - 1] += test.count() * m.logLikelihood(test);
            }
            progress.accept("fold " + (k + 1) + "/" + folds + " done (d = 1.." + top + ")");
        }
        for (int k = 0; k < top; k++) {
            total[k] /= n;
        }
        int best = Dimensionality.bestIndex(total);
        FactorModel model = template.withDims(candidates[best]).fit(SampleMoments.pool(parts));
        return new Dimensionality(candidates, total, folds, seed, sharedVarianceFraction, model);
    }

    /** The moments of each fold of a seeded shuffle of the rows (fold sizes differ by at most one). */
    private List<SampleMoments> foldMoments(DMatrixRMaj samples) {
        int n = samples.numRows;
        int q = samples.numCols;
        int[] order = new int[n];
        for (int t = 0; t < n; t++) {
            order[t] = t;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int t = n - 1; t > 0; t--) {
            int u = rng.nextInt(t + 1);
            int tmp = order[t];
            order[t] = order[u];
            order[u] = tmp;
        }
        List<SampleMoments> parts = new ArrayList<>(folds);
        for (int k = 0; k < folds; k++) {
            int from = (int) ((long) k * n / folds);
            int to = (int) ((long) (k + 1) * n / folds);
            DMatrixRMaj rows = new DMatrixRMaj(to - from, q);
            for (int t = from; t < to; t++) {
                System.arraycopy(samples.data, order[t] * q, rows.data, (t - from) * q, q);
            }
            parts.add(Covariance.moments(rows));
        }
        return parts;
    }
}
