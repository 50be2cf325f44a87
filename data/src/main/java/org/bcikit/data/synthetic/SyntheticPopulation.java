package org.bcikit.data.synthetic;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.ReadOptions;

/**
 * Configuration of a synthetic motor-cortex population in a centre-out BCI task (the experiment
 * of Sadtler et al. 2014, Nature 512:423; science.md section 1), and the generator of sessions
 * from it ({@link #generate()}).
 *
 * <p>Model, per 45 ms bin t of a trial toward target k:
 * <ul>
 *   <li>intended velocity {@code v_t}: a minimum-jerk reach from the centre to the target at
 *       {@code targetDistance * (cos 2pi k/K, sin 2pi k/K)} lasting the whole trial; the cursor
 *       follows it ({@code cursor_t = cursor_{t-1} + v_t * binWidth});
 *   <li>latent factors {@code z_t = T v_t + latentNoise * eps_t}, {@code eps_t ~ N(0, I_d)}, where
 *       row j of the tuning matrix T (d x 2) is {@code (cos phi_j, sin phi_j) / peakSpeed}: each
 *       factor is cosine-tuned to the intended direction with gain 1 at peak speed;
 *   <li>rates in Hz {@code lambda_i = b_i exp(a_i . z_t)} (EXPONENTIAL) or
 *       {@code b_i max(0, 1 + a_i . z_t)} (RECTIFIED_LINEAR), where {@code b_i} is the unit's
 *       baseline (log-normal around {@code baselineRate}) and {@code a_i}, row i of the q x d
 *       normalised loadings, has entries {@code N(0, modulation^2 / d)};
 *   <li>counts {@code u_ti ~ Poisson(lambda_i * binWidth)}.
 * </ul>
 * Everything random comes from {@code seed}: the subject's parameters (b, a, T) from one split of
 * it and the trials from another, so sessions of different lengths share the same subject.
 *
 * @param units q recorded units
 * @param factors d latent factors (&gt;= 2)
 * @param targets K targets on a circle
 * @param trialsPerTarget trials per target; trial order is shuffled within each round of K
 * @param binsPerTrial bins per trial (the reach lasts the whole trial)
 * @param binWidth seconds per bin
 * @param rateModel how latent factors set the rates
 * @param latentNoise standard deviation of the latent noise
 * @param baselineRate median baseline rate in Hz
 * @param modulation scale of the normalised loadings (typical fractional rate modulation)
 * @param targetDistance distance from the centre to each target (workspace units)
 * @param seed seed of every random draw
 */
public record SyntheticPopulation(int units, int factors, int targets, int trialsPerTarget, int binsPerTrial,
                                  double binWidth, RateModel rateModel, double latentNoise, double baselineRate,
                                  double modulation, double targetDistance, long seed) {

    /** How latent factors set the firing rates. */
    public enum RateModel {
        /** {@code b exp(a . z)}: log-linear, rates always positive. */
        EXPONENTIAL,
        /** {@code b max(0, 1 + a . z)}: linear around the baseline, so the counts follow an FA model exactly. */
        RECTIFIED_LINEAR
    }

    public SyntheticPopulation {
        atLeast("units", units, 1);
        atLeast("factors", factors, 2);
        atLeast("targets", targets, 1);
        atLeast("trialsPerTarget", trialsPerTarget, 1);
        atLeast("binsPerTrial", binsPerTrial, 2);
        positive("binWidth", binWidth);
        positive("baselineRate", baselineRate);
        positive("targetDistance", targetDistance);
        if (!(latentNoise >= 0) || Double.isInfinite(latentNoise)) {
            throw new InvalidInputException("latentNoise: expected a finite standard deviation >= 0, found " + latentNoise);
        }
        if (!(modulation >= 0) || Double.isInfinite(modulation)) {
            throw new InvalidInputException("modulation: expected a finite number >= 0, found " + modulation);
        }
        if (rateModel == null) {
            throw new InvalidInputException("rateModel: expected EXPONENTIAL or RECTIFIED_LINEAR, found none");
        }
    }

    /**
     * Defaults close to the monkey experiments at a size that runs in well under a second:
     * 60 units, 6 factors, 8 targets x 12 trials of 20 bins (0.9 s), 45 ms bins, exponential
     * rates around 20 Hz modulated by about 60%, latent noise 0.5, seed 1.
     */
    public static SyntheticPopulation defaults() {
        return new SyntheticPopulation(60, 6, 8, 12, 20, ReadOptions.DEFAULT_BIN_WIDTH, RateModel.EXPONENTIAL,
                0.5, 20.0, 0.6, 1.0, 1L);
    }

    /** Total number of trials, K x trials per target. */
    public int trials() {
        return targets * trialsPerTarget;
    }

    /** Peak speed of the minimum-jerk reach: 1.875 distance / duration. */
    public double peakSpeed() {
        return 1.875 * targetDistance / (binsPerTrial * binWidth);
    }

    /** Generates the session this configuration and seed define; the same inputs give the same session. */
    public SyntheticSession generate() {
        return SyntheticSession.generate(this);
    }

    public SyntheticPopulation withUnits(int q) {
        return new SyntheticPopulation(q, factors, targets, trialsPerTarget, binsPerTrial, binWidth, rateModel,
                latentNoise, baselineRate, modulation, targetDistance, seed);
    }

    public SyntheticPopulation withFactors(int d) {
        return new SyntheticPopulation(units, d, targets, trialsPerTarget, binsPerTrial, binWidth, rateModel,
                latentNoise, baselineRate, modulation, targetDistance, seed);
    }

    public SyntheticPopulation withTrials(int targetCount, int perTarget, int bins) {
        return new SyntheticPopulation(units, factors, targetCount, perTarget, bins, binWidth, rateModel,
                latentNoise, baselineRate, modulation, targetDistance, seed);
    }

    public SyntheticPopulation withRateModel(RateModel model) {
        return new SyntheticPopulation(units, factors, targets, trialsPerTarget, binsPerTrial, binWidth, model,
                latentNoise, baselineRate, modulation, targetDistance, seed);
    }

    public SyntheticPopulation withNoise(double latentSd, double modulationScale) {
        return new SyntheticPopulation(units, factors, targets, trialsPerTarget, binsPerTrial, binWidth, rateModel,
                latentSd, baselineRate, modulationScale, targetDistance, seed);
    }

    public SyntheticPopulation withBaselineRate(double hz) {
        return new SyntheticPopulation(units, factors, targets, trialsPerTarget, binsPerTrial, binWidth, rateModel,
                latentNoise, hz, modulation, targetDistance, seed);
    }

    public SyntheticPopulation withSeed(long s) {
        return new SyntheticPopulation(units, factors, targets, trialsPerTarget, binsPerTrial, binWidth, rateModel,
                latentNoise, baselineRate, modulation, targetDistance, s);
    }

    private static void atLeast(String field, int v, int min) {
        if (v < min) {
            throw new InvalidInputException(field + ": expected an integer >= " + min + ", found " + v);
        }
    }

    private static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InvalidInputException(field + ": expected a finite number > 0, found " + v);
        }
    }
}
