package org.bcikit.rnn.rdd;

import java.util.SplittableRandom;

import org.bcikit.data.NumericalFailureException;
import org.bcikit.rnn.feedback.FeedbackEstimator;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@code rdd} feedback (science.md §11): B estimated by regression discontinuity (Guerguiev, Kording
 * and Richards, ICLR 2020, arXiv 1910.01689) of the static network's units against the cursor error,
 * the BCI form of Lansdell and Kording (PLoS Comput Biol 19:e1011005, 2023), for the network of
 * Payeur, Orsborn and Lajoie 2023 (bioRxiv 2023.03.11.532146, §5.1).
 *
 * <p>The static network has no spikes, so the estimate runs on a spiking surrogate of its units at
 * the current operating point: N leaky integrate-and-fire units, one per unit, each with its own
 * Poisson noise train (the protocol's 20 % at 200 Hz, redrawn every 100 ms) standing for the private
 * noise xi, and the drive of unit i is {@code meanDrive + driveStd * (A_i . (x - xbar)) / (|A_i| sd(x))}
 * with {@code A = (I - W)^-1}: each unit sees the noise the recurrence brings it, so the surrogate's
 * drive has the correlation matrix of the network's noise covariance {@code Sigma = s2 A A^T} (rows
 * normalised to one mean and spread so that every unit comes near threshold). The units' filtered
 * spikes reach the cursor through the perturbed decoder, {@code R = V_p h} (the error to a fixed
 * target differs by a constant, which the window's {@code R/30 - R_start} removes). Spikes do not
 * feed back into other units: a spike's causal effect on the cursor is then its column of V_p, the
 * part of the exact gradient {@code A^T V_p^T [...]} that B replaces (the {@code A^T} is applied by
 * {@link org.bcikit.rnn.feedback.FeedbackGradient}), while the correlations through A are what a
 * correlational estimate would be fooled by.
 *
 * <p>Schedule: the first call simulates {@code seconds} and sets {@code B = beta std(B_init)/std(beta)}
 * (B_init the random feedback of the same norm as the intuitive decoder); every {@code every}
 * adaptation steps the surrogate is rebuilt from the current W and the same fits continue for
 * another {@code seconds}. V_p does not change during adaptation, so the causal target is fixed and
 * later rounds sharpen the estimate; only the confounding correlations move with W. Between
 * rounds B is held. Every draw comes from the generator given at construction.
 */
public final class RddFeedback implements FeedbackEstimator {

    private final RddEstimator estimator;
    private final int seconds;
    private final int every;
    private final double meanDrive;
    private final double driveStd;
    private final double initialStd;
    private final SplittableRandom random;
    private DiscontinuityFits fits;
    private DMatrixRMaj current;
    private RddEstimate last;
    private int calls;

    /**
     * @param estimator the fits' constants
     * @param seconds   simulated seconds per round (90 in the paper)
     * @param every     adaptation steps between rounds
     * @param meanDrive the surrogate units' mean drive
     * @param driveStd  the spread of their drive
     * @param initial   B_init (N x O), whose entries' spread sets the scale of B
     * @param random    source of every spike draw
     */
    public RddFeedback(RddEstimator estimator, int seconds, int every, double meanDrive, double driveStd,
            DMatrixRMaj initial, SplittableRandom random) {
        if (seconds < 1 || every < 1 || !Double.isFinite(meanDrive) || !(driveStd > 0)) {
            throw new IllegalArgumentException("rdd feedback: need seconds >= 1, every >= 1, finite meanDrive and "
                    + "driveStd > 0, got " + seconds + ", " + every + ", " + meanDrive + ", " + driveStd);
        }
        this.estimator = estimator;
        this.seconds = seconds;
        this.every = every;
        this.meanDrive = meanDrive;
        this.driveStd = driveStd;
        this.initialStd = std(initial);
        this.random = random;
    }

    @Override
    public void estimate(StaticGaussianNetwork network, DMatrixRMaj feedback) {
        if (calls++ % every == 0) {
            round(network);
        }
        feedback.setTo(current);
    }

    private void round(StaticGaussianNetwork network) {
        int n = network.units();
        DMatrixRMaj v = network.readout();
        DMatrixRMaj a = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.subtractEquals(a, network.recurrent().effective());
        if (!CommonOps_DDRM.invert(a)) {
            throw new NumericalFailureException("rdd feedback: I - W is singular");
        }
        SpikingCircuit circuit = SpikingCircuit.normalised(PoissonInput.guerguiev(n, random.split()), a, meanDrive,
                driveStd, v, new double[v.numRows]);
        if (fits == null) {
            fits = estimator.newFits(n, v.numRows);
        }
        last = estimator.fit(circuit, seconds * 1000, fits);
        DMatrixRMaj beta = last.beta();
        double s = std(beta);
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new NumericalFailureException("rdd feedback: no discontinuity estimated after " + last.steps()
                    + " ms (std of beta " + s + "); the surrogate units never came near threshold");
        }
        CommonOps_DDRM.scale(initialStd / s, beta);
        current = beta;
    }

    /** The last round's estimate (null before the first call). */
    public RddEstimate lastEstimate() {
        return last;
    }

    private static double std(DMatrixRMaj m) {
        double mean = CommonOps_DDRM.elementSum(m) / m.getNumElements();
        double ss = 0;
        for (double x : m.data) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / m.getNumElements());
    }

    @Override
    public String name() {
        return "rdd";
    }
}
