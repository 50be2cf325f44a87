package org.bcikit.rnn.adaptation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bcikit.manifold.geometry.ManifoldOverlap;
import org.bcikit.manifold.geometry.ParticipationRatio;
import org.bcikit.manifold.geometry.PrincipalAngles;
import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.analysis.SingularValueSpectrum;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.RecurrentWeights;
import org.bcikit.rnn.model.StaticActivity;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticLoss;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SpecializedOps_DDRM;

/**
 * Adaptation of a static network to a perturbed readout by exact-gradient learning of its
 * recurrent weights only (Payeur, Orsborn and Lajoie 2023, science.md §5.1): at each step the exact
 * expected loss and dL/dW are computed, then any {@link Optimizer} (plain GD in the paper;
 * exponentiated gradient for Dale's-law structures) updates the recurrent structure's parameters
 * and the structure applies its constraints.
 *
 * <p><b>Instability rule.</b> A linear network whose W has spectral radius >= 1 has no stable fixed
 * point; the run stops there and is marked unstable. The radius is checked before the update of
 * every {@code stabilityCheckEvery}-th step and at the last step, by a {@link StabilityCheck}: a
 * guaranteed upper bound certifies most checks without an eigen-decomposition, and the decisions
 * are exactly those of decomposing W at every check (1 = every step, as the rule is stated; 10 delays the recorded stop by
 * at most 9 steps, during which the loss is still the exact expected loss of a finite fixed point
 * as long as I - W is invertible). A non-finite loss (activity that exploded between checks) also
 * stops the run and counts as unstable, with its own reason. Steps
 * after a stop are not recorded.
 *
 * <p>Plain GD on dense weights, the paper's protocol, takes the O(N^2) Woodbury step
 * ({@link ExactStep}), and reports each rank-2 step to the stability check, whose certificate
 * then needs no N x N x N product ({@link StabilityCheck#stepped}). The loop itself allocates nothing per step; the full metrics ({@link StaticStepMetrics}:
 * participation ratio, effective rank, manifold overlap, principal angles) are decompositions and
 * are taken every {@code metricsEvery} steps.
 */
public final class StaticAdaptation {

    private final int steps;
    private final int metricsEvery;
    private final int stabilityCheckEvery;
    private final double targetLossFraction;
    private final boolean spectraAtLastOnly;

    /**
     * @param steps               number of updates (Payeur et al.: 2000)
     * @param metricsEvery        full metrics every this many steps (and at the last step reached)
     * @param stabilityCheckEvery spectral-radius check every this many steps
     */
    public StaticAdaptation(int steps, int metricsEvery, int stabilityCheckEvery) {
        this(steps, metricsEvery, stabilityCheckEvery, 0.0, false);
    }

    private StaticAdaptation(int steps, int metricsEvery, int stabilityCheckEvery, double targetLossFraction,
            boolean spectraAtLastOnly) {
        if (steps < 0 || metricsEvery < 1 || stabilityCheckEvery < 1) {
            throw new IllegalArgumentException("adaptation: need steps >= 0, metricsEvery >= 1 and "
                    + "stabilityCheckEvery >= 1, got " + steps + ", " + metricsEvery + ", " + stabilityCheckEvery);
        }
        this.steps = steps;
        this.metricsEvery = metricsEvery;
        this.stabilityCheckEvery = stabilityCheckEvery;
        this.targetLossFraction = targetLossFraction;
        this.spectraAtLastOnly = spectraAtLastOnly;
    }

    /**
     * The same loop, taking the decompositions of the metrics (spectral radius, effective rank,
     * participation ratio, principal angles) only for the last entry of the result's metrics; the
     * entries before it carry loss, weight change and manifold overlap, and NaN (no angles) for the
     * rest. The last entry is the one a decomposition at every metrics step would give: the network
     * at each metrics step is kept as a copy until the next, so a run that stops early (unstable) is
     * measured fully at its last metrics step afterwards. For the experiments that record only the
     * trajectory of weight change and overlap and the end's spectra, this drops about 20
     * non-symmetric eigen-decompositions, SVDs and covariance eigen-decompositions per 2000-step run.
     */
    public StaticAdaptation withSpectraAtLastOnly() {
        return new StaticAdaptation(steps, metricsEvery, stabilityCheckEvery, targetLossFraction, true);
    }

    /**
     * The same loop, stopping as soon as the loss falls to {@code fraction} of its value at step 0
     * (for incremental training, Payeur et al.: each decoder step is trained until the loss reaches
     * 0.75 of its start). 0 turns the criterion off.
     */
    public StaticAdaptation untilLossFraction(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("adaptation: target loss fraction must be in [0, 1), got " + fraction);
        }
        return new StaticAdaptation(steps, metricsEvery, stabilityCheckEvery, fraction, spectraAtLastOnly);
    }

    /**
     * Adapts {@code network} (mutated: its recurrent weights learn) to its current readout with
     * {@code optimizer}. {@code decoder} and {@code reference} (the activity before the
     * perturbation) define the intuitive manifold for overlap and principal angles.
     */
    public StaticAdaptationResult run(StaticGaussianNetwork network, Optimizer optimizer, ManifoldDecoder decoder,
            StaticActivity reference) {
        RecurrentWeights w = network.recurrent();
        ExactStep learning = ExactStep.of(network, optimizer);
        StabilityCheck stability = new StabilityCheck();
        DMatrixRMaj w0 = w.effective().copy();
        DMatrixRMaj manifold = CommonOps_DDRM.transpose(decoder.axes(), null);
        double[] loss = new double[steps + 1];
        double[] variance = new double[steps + 1];
        double[] mean = new double[steps + 1];
        List<StaticStepMetrics> metrics = new ArrayList<>();
        boolean unstable = false;
        boolean reachedTarget = false;
        int stoppedAt = -1;
        String reason = "";
        int reached = 0;
        // the network at the last light metrics entry, measured fully if the run ends before another
        StaticGaussianNetwork lastLight = null;
        for (int t = 0; t <= steps; t++) {
            double radius = Double.NaN;
            boolean metricsStep = t % metricsEvery == 0 || t == steps;
            if (t % stabilityCheckEvery == 0 || t == steps) {
                // NaN: certified below 1 by a bound; otherwise the radius of a full decomposition
                radius = stability.check(w.effective(), metricsStep && !spectraAtLastOnly);
                if (!Double.isNaN(radius) && !(radius < 1.0)) {
                    unstable = true;
                    stoppedAt = t;
                    reason = "unstable: spectral radius of W reached " + radius + " at step " + t;
                    break;
                }
            }
            StaticLoss step = learning.evaluate();
            double l = step.total();
            if (!Double.isFinite(l)) {
                // activity exploded between two stability checks: the same failure as radius >= 1
                unstable = true;
                stoppedAt = t;
                reason = "the loss is " + l + " at step " + t;
                break;
            }
            loss[t] = l;
            variance[t] = step.variance();
            mean[t] = step.mean();
            reached = t + 1;
            reachedTarget = t > 0 && l <= targetLossFraction * loss[0];
            if (metricsStep || reachedTarget) {
                if (spectraAtLastOnly && t < steps && !reachedTarget) {
                    metrics.add(measureLight(t, network, w0, decoder, reference, loss[0]));
                    lastLight = network.copy();
                } else {
                    metrics.add(measure(t, network, w0, manifold, decoder, reference, loss[0], radius));
                    lastLight = null;
                }
            }
            if (reachedTarget) {
                stoppedAt = t + 1;
                reason = "reached " + targetLossFraction + " of the initial loss at step " + t;
                break;
            }
            if (t < steps) {
                learning.update();
                learning.report(stability);
            }
        }
        if (lastLight != null) {
            // the run stopped before its last step: its last entry gets the spectra a full measurement would
            int t = metrics.get(metrics.size() - 1).step();
            metrics.set(metrics.size() - 1, measure(t, lastLight, w0, manifold, decoder, reference, loss[0], Double.NaN));
        }
        return new StaticAdaptationResult(Arrays.copyOf(loss, reached), Arrays.copyOf(variance, reached),
                Arrays.copyOf(mean, reached), List.copyOf(metrics), unstable, reachedTarget, stoppedAt, reason);
    }

    private static StaticStepMetrics measureLight(int t, StaticGaussianNetwork network, DMatrixRMaj w0,
            ManifoldDecoder decoder, StaticActivity reference, double loss0) {
        DMatrixRMaj w = network.recurrent().effective();
        StaticLoss l = network.loss();
        StaticActivity a = network.activity();
        return new StaticStepMetrics(t, l.total(), l.variance(), l.mean(), 1 - l.total() / loss0,
                SpecializedOps_DDRM.diffNormF(w, w0), Double.NaN, Double.NaN, Double.NaN,
                ManifoldOverlap.ofRowBasis(decoder.axes(), a.covariance(), reference.covariance()), new double[0]);
    }

    private static StaticStepMetrics measure(int t, StaticGaussianNetwork network, DMatrixRMaj w0, DMatrixRMaj manifold,
            ManifoldDecoder decoder, StaticActivity reference, double loss0, double radius) {
        DMatrixRMaj w = network.recurrent().effective();
        StaticLoss l = network.loss();
        StaticActivity a = network.activity();
        double change = SpecializedOps_DDRM.diffNormF(w, w0);
        double r = Double.isNaN(radius) ? EigenvalueSpectrum.of(w).spectralRadius() : radius;
        DMatrixRMaj current = CommonOps_DDRM.transpose(a.principalAxes(decoder.dimension()), null);
        return new StaticStepMetrics(t, l.total(), l.variance(), l.mean(), 1 - l.total() / loss0, change,
                ParticipationRatio.ofCovariance(a.covariance()), SingularValueSpectrum.of(w).effectiveRank(), r,
                ManifoldOverlap.ofRowBasis(decoder.axes(), a.covariance(), reference.covariance()),
                PrincipalAngles.between(manifold, current));
    }
}
