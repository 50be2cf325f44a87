package org.bcikit.manifold.fa;

/**
 * The result of a {@link DimensionalitySearch}: the cross-validated log-likelihood of factor
 * analysis for each candidate number of factors, the maximising d, the model refitted on all
 * data with that d, and the smallest number of its orthonormalised dimensions explaining the
 * requested share of shared variance (Sadtler et al. 2014; Williamson et al. 2016). Immutable.
 */
public final class Dimensionality {

    private final int[] candidates;
    private final double[] crossValidatedLogLikelihood;
    private final int folds;
    private final long seed;
    private final double sharedVarianceFraction;
    private final FactorModel model;

    Dimensionality(int[] candidates, double[] crossValidatedLogLikelihood, int folds, long seed,
            double sharedVarianceFraction, FactorModel model) {
        this.candidates = candidates.clone();
        this.crossValidatedLogLikelihood = crossValidatedLogLikelihood.clone();
        this.folds = folds;
        this.seed = seed;
        this.sharedVarianceFraction = sharedVarianceFraction;
        this.model = model;
    }

    /** The candidate numbers of factors, ascending (1..maxDims). */
    public int[] candidates() {
        return candidates.clone();
    }

    /** Held-out log-likelihood per sample for each candidate, averaged over all held-out samples. */
    public double[] crossValidatedLogLikelihood() {
        return crossValidatedLogLikelihood.clone();
    }

    /** The d with the highest cross-validated log-likelihood (the smaller d on a tie). */
    public int bestDims() {
        return candidates[bestIndex(crossValidatedLogLikelihood)];
    }

    /** Index of the largest value, the first on a tie. */
    static int bestIndex(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The smallest number of orthonormalised dimensions of {@link #model()} reaching {@link #sharedVarianceFraction()}. */
    public int sharedVarianceDims() {
        return model.dimsForSharedVariance(sharedVarianceFraction);
    }

    public double sharedVarianceFraction() {
        return sharedVarianceFraction;
    }

    public int folds() {
        return folds;
    }

    public long seed() {
        return seed;
    }

    /** The model with {@link #bestDims()} factors fitted to all samples. */
    public FactorModel model() {
        return model;
    }
}
