package org.bcikit.rnn.feedback;

import java.util.Arrays;
import java.util.List;

import org.bcikit.rnn.adaptation.StabilityCheck;
import org.bcikit.rnn.learning.StaticNodePerturbation;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.RecurrentWeights;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Adaptation of a static network's recurrent weights to a perturbed readout when the learner must
 * estimate its own feedback (science.md §11 on the protocol of Payeur, Orsborn and Lajoie 2023,
 * bioRxiv 2023.03.11.532146, §5.1): before every step the {@link FeedbackEstimator} gives B, the
 * {@link FeedbackGradient} turns it into a weight gradient and the optimiser steps W. The same
 * instability rule as {@link org.bcikit.rnn.adaptation.StaticAdaptation}: the spectral radius of W
 * is checked every {@code stabilityCheckEvery} steps and at the last (by {@link StabilityCheck}, which
 * decomposes W only when no bound certifies a radius below 1), and a radius of 1 or more (or
 * a non-finite loss) stops the run as unstable. Apart from those checks and the estimator's own
 * work, a step allocates nothing.
 */
public final class FeedbackAdaptation {

    private final int steps;
    private final int stabilityCheckEvery;

    /**
     * @param steps               number of updates
     * @param stabilityCheckEvery spectral-radius check every this many steps
     */
    public FeedbackAdaptation(int steps, int stabilityCheckEvery) {
        if (steps < 0 || stabilityCheckEvery < 1) {
            throw new IllegalArgumentException("feedback adaptation: need steps >= 0 and stabilityCheckEvery >= 1, got "
                    + steps + ", " + stabilityCheckEvery);
        }
        this.steps = steps;
        this.stabilityCheckEvery = stabilityCheckEvery;
    }

    /** Adapts {@code network} (mutated: its recurrent weights learn) with feedback from {@code estimator}. */
    public FeedbackAdaptationResult run(StaticGaussianNetwork network, FeedbackEstimator estimator, Optimizer optimizer) {
        FeedbackGradient gradient = new FeedbackGradient(network);
        DMatrixRMaj feedback = new DMatrixRMaj(network.units(), network.readout().numRows);
        return loop(network, optimizer, angleOut -> {
            estimator.estimate(network, feedback);
            double l = gradient.backward(network, feedback);
            angleOut[0] = FeedbackAngle.degrees(feedback, network.readout());
            return l;
        });
    }

    /**
     * Adapts {@code network} (mutated) by node perturbation, which needs no feedback at all. The
     * recorded angle is then between the estimated and the exact weight gradient (computed beside it
     * for the record, never used to learn).
     */
    public FeedbackAdaptationResult run(StaticGaussianNetwork network, StaticNodePerturbation rule, Optimizer optimizer) {
        FeedbackGradient exact = new FeedbackGradient(network);
        DMatrixRMaj vt = new DMatrixRMaj(network.units(), network.readout().numRows);
        return loop(network, optimizer, angleOut -> {
            CommonOps_DDRM.transpose(network.readout(), vt);
            double l = exact.backward(network, vt);
            angleOut[0] = UpdateAngle.degrees(rule.estimate(network), exact.gradient());
            return l;
        });
    }

    /** One step's gradient into the plastic parameters; returns the loss, writes the angle. */
    private interface Step {
        double apply(double[] angleOut);
    }

    private FeedbackAdaptationResult loop(StaticGaussianNetwork network, Optimizer optimizer, Step step) {
        RecurrentWeights w = network.recurrent();
        List<Parameter> plastic = w.parameters();
        double[] angleOut = new double[1];
        double[] loss = new double[steps + 1];
        double[] angle = new double[steps + 1];
        int reached = 0;
        StabilityCheck stability = new StabilityCheck();
        boolean unstable = false;
        int stoppedAt = -1;
        String reason = "";
        for (int t = 0; t <= steps; t++) {
            if (t % stabilityCheckEvery == 0 || t == steps) {
                // NaN: certified below 1 without a decomposition (the same decisions as decomposing every time)
                double radius = stability.check(w.effective(), false);
                if (!Double.isNaN(radius) && !(radius < 1.0)) {
                    unstable = true;
                    stoppedAt = t;
                    reason = "unstable: spectral radius of W reached " + radius + " at step " + t;
                    break;
                }
            }
            double l = step.apply(angleOut);
            if (!Double.isFinite(l)) {
                unstable = true;
                stoppedAt = t;
                reason = "the loss is " + l + " at step " + t;
                break;
            }
            loss[t] = l;
            angle[t] = angleOut[0];
            reached = t + 1;
            if (t < steps) {
                optimizer.step(plastic);
                w.refresh();
            }
        }
        return new FeedbackAdaptationResult(Arrays.copyOf(loss, reached), Arrays.copyOf(angle, reached), unstable,
                stoppedAt, reason);
    }
}
