package org.bcikit.experiments.closedloop;

import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.bcikit.decoders.LinearDecoder;
import org.bcikit.decoders.task.CursorTask;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.rnn.learning.Adam;
import org.bcikit.rnn.model.Activation;
import org.bcikit.rnn.model.RateRnn;
import org.bcikit.rnn.subject.RateRnnLearner;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The learning subject of the closed-loop experiments: a ReLU {@link RateRnn} pretrained, as in
 * Rajeswaran, Payeur, Lajoie and Orsborn 2024 (bioRxiv 2024.03.20.585972), to drive the cursor
 * through a fixed random linear readout of all its units, with target and cursor-feedback inputs
 * and Adam. What it learned (a low-dimensional, target-tuned population) is then read by whatever
 * decoder an experiment calibrates on it.
 *
 * @param units           N
 * @param gain            initial spectral radius of W
 * @param alpha           dt / tau
 * @param noise           private noise standard deviation
 * @param cursorFeedback  whether the cursor position is an input
 * @param maxSpeed        intended speed far from the target (mm/s)
 * @param slowingDistance distance (mm) below which the intended speed falls to zero
 * @param pretrainingTrials trials of pretraining
 * @param pretrainingRate   Adam learning rate of pretraining
 * @param batchTrials       trials per optimiser step (pretraining and later learning)
 */
record RnnSubject(int units, double gain, double alpha, double noise, boolean cursorFeedback, double maxSpeed,
        double slowingDistance, int pretrainingTrials, double pretrainingRate, int batchTrials) {

    void validate(Validation at, String base) {
        at.atLeast(base + "units", units, 2);
        at.nonNegative(base + "gain", gain);
        at.require(alpha > 0 && alpha <= 1, base + "alpha", "a number in (0, 1]", alpha);
        at.nonNegative(base + "noise", noise);
        at.positive(base + "maxSpeed", maxSpeed);
        at.positive(base + "slowingDistance", slowingDistance);
        at.atLeast(base + "pretrainingTrials", pretrainingTrials, 0);
        at.positive(base + "pretrainingRate", pretrainingRate);
        at.atLeast(base + "batchTrials", batchTrials, 1);
    }

    RateRnnLearner.Aim aim(CursorTask task) {
        return new RateRnnLearner.Aim(task.config().targetDistance(), maxSpeed, slowingDistance, cursorFeedback,
                batchTrials);
    }

    /** A fresh network whose buffers hold a whole trial of {@code task}. */
    RateRnn network(CursorTask task, SplittableRandom rng) {
        int bins = (int) Math.ceil(task.config().timeout() / task.config().dt() - 1e-9) + 1;
        return RateRnn.gaussian(units, cursorFeedback ? 4 : 2, gain, Activation.RELU, alpha, noise, bins, rng);
    }

    /** A pretrained network and the random readout it learned to drive the cursor through. */
    record Pretrained(RateRnn network, LinearDecoder readout) {
    }

    /**
     * Builds and pretrains a network through a random readout {@code v = G h} of all its units
     * ({@code G ~ N(0, maxSpeed^2 / N)}). The network is returned with learning off.
     */
    Pretrained pretrained(CursorTask task, SplittableRandom rng) {
        RateRnn net = network(task, rng);
        DMatrixRMaj g = new DMatrixRMaj(2, units);
        GaussianFill.fill(g.data, maxSpeed, rng);
        CommonOps_DDRM.divide(g, Math.sqrt(units));
        LinearDecoder readout = LinearDecoder.of(g, new DMatrixRMaj(2, 1));
        if (pretrainingTrials > 0) {
            RateRnnLearner learner = new RateRnnLearner(net, allUnits(), aim(task))
                    .learn(new Adam(pretrainingRate), net.parameters());
            task.runBlock(learner, readout, CursorTask.Block.of("pretraining", pretrainingTrials), rng);
            learner.freeze();
        }
        return new Pretrained(net, readout);
    }

    int[] allUnits() {
        int[] all = new int[units];
        for (int i = 0; i < units; i++) {
            all[i] = i;
        }
        return all;
    }
}
