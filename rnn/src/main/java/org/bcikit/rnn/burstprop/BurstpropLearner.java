package org.bcikit.rnn.burstprop;

import java.util.SplittableRandom;

import org.bcikit.data.random.Shuffle;
import org.bcikit.data.NumericalFailureException;
import org.bcikit.rnn.feedback.FeedbackAngle;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Trains a two-layer sigmoid network online, one pattern at a time in a fresh seeded order each
 * epoch, by burstprop ({@link BurstpropRule}; Payeur et al., Nat Neurosci 24:1010, 2021) or by the
 * backprop reference. Configuration in, {@link #fit} does the work, the result is a
 * {@link BurstpropFit}.
 *
 * <p>Step sizes: burstprop's output direction is {@code p_b} times the gradient and its hidden one
 * about {@code p_b β / 4} times it (σ' is 1/4 where Z has cancelled the baseline drive); the hidden
 * step is divided by β, and backprop's steps are multiplied by {@code p_b} and {@code p_b / 4}, so
 * the same learning rates give both rules steps of the same size and only the directions differ.
 */
public final class BurstpropLearner {

    private final BurstpropConfig config;

    /** A learner with {@code config}. */
    public BurstpropLearner(BurstpropConfig config) {
        this.config = config;
    }

    /** The configuration. */
    public BurstpropConfig config() {
        return config;
    }

    /**
     * Draws a network from {@code random} (then the pattern orders) and trains it on {@code task},
     * sampling the diagnostics every {@code recordEvery} epochs and at the end.
     *
     * @throws NumericalFailureException if the weights stop being finite
     */
    public BurstpropFit fit(Patterns task, SplittableRandom random, int recordEvery) {
        TwoLayerNetwork net = TwoLayerNetwork.random(task.inputs().numCols, config.hidden(), task.targets().numCols,
                config.initScale(), random);
        int samples = config.epochs() / recordEvery + (config.epochs() % recordEvery == 0 ? 1 : 2);
        double[] epochs = new double[samples];
        double[] loss = new double[samples];
        double[] accuracy = new double[samples];
        double[] angle = new double[samples];
        double[] alignment = new double[samples];
        DMatrixRMaj x = new DMatrixRMaj(net.inputs(), 1);
        DMatrixRMaj t = new DMatrixRMaj(net.outputs(), 1);
        DMatrixRMaj h = new DMatrixRMaj(net.hidden(), 1);
        DMatrixRMaj e = new DMatrixRMaj(net.outputs(), 1);
        TwoLayerUpdate step = new TwoLayerUpdate(net);
        DMatrixRMaj dZ = new DMatrixRMaj(net.hidden(), net.outputs());
        BurstpropRule rule = new BurstpropRule(net, config.baselineBurst(), config.dendriticSlope());
        BackpropGradient backprop = new BackpropGradient(net);
        UpdateComparison compare = new UpdateComparison(net, config.baselineBurst(), config.dendriticSlope());
        int[] order = new int[task.size()];
        int s = 0;
        for (int epoch = 0; epoch <= config.epochs(); epoch++) {
            if (epoch % recordEvery == 0 || epoch == config.epochs()) {
                syncFeedback(net);
                epochs[s] = epoch;
                loss[s] = net.loss(task, h, e);
                accuracy[s] = net.accuracy(task, h, e);
                if (config.learningRule() == LearningRule.BACKPROP) {
                    TwoLayerNetwork probe = net.copy();
                    CommonOps_DDRM.transpose(net.w2(), probe.feedback());
                    angle[s] = compare.firstLayerDegrees(probe, task);
                    alignment[s] = Double.NaN;
                } else {
                    angle[s] = compare.firstLayerDegrees(net, task);
                    alignment[s] = FeedbackAngle.degrees(net.feedback(), net.w2());
                }
                if (!Double.isFinite(loss[s])) {
                    throw new NumericalFailureException("burstprop: the loss is " + loss[s] + " at epoch " + epoch);
                }
                s++;
            }
            if (epoch == config.epochs()) {
                break;
            }
            Shuffle.permutation(order, random);
            for (int k : order) {
                CommonOps_DDRM.extractRow(task.inputs(), k, x);
                x.reshape(net.inputs(), 1);
                CommonOps_DDRM.extractRow(task.targets(), k, t);
                t.reshape(net.outputs(), 1);
                train(net, x, t, step, dZ, rule, backprop);
            }
        }
        return new BurstpropFit(net, epochs, loss, accuracy, angle, alignment);
    }

    private void train(TwoLayerNetwork net, DMatrixRMaj x, DMatrixRMaj t, TwoLayerUpdate step, DMatrixRMaj dZ,
            BurstpropRule rule, BackpropGradient backprop) {
        double etaOut = config.outputLearningRate();
        double etaHidden = config.hiddenLearningRate();
        if (config.learningRule() == LearningRule.BACKPROP) {
            backprop.gradient(net, x, t, step);
            etaOut *= config.baselineBurst();
            etaHidden *= config.baselineBurst() / 4;
        } else {
            syncFeedback(net);
            rule.update(net, x, t, step, dZ);
            etaHidden /= config.dendriticSlope();
            CommonOps_DDRM.addEquals(net.recurrent(), -config.recurrentLearningRate(), dZ);
        }
        double keep = 1 - config.weightDecay();
        CommonOps_DDRM.scale(keep, net.w2());
        CommonOps_DDRM.addEquals(net.w2(), -etaOut, step.dW2);
        CommonOps_DDRM.addEquals(net.b2(), -etaOut, step.db2);
        CommonOps_DDRM.addEquals(net.w1(), -etaHidden, step.dW1);
        CommonOps_DDRM.addEquals(net.b1(), -etaHidden, step.db1);
        if (config.learningRule() == LearningRule.BURSTPROP && config.feedback() == FeedbackRule.KOLEN_POLLACK) {
            DMatrixRMaj y = net.feedback();
            for (int i = 0; i < y.numRows; i++) {
                for (int o = 0; o < y.numCols; o++) {
                    y.unsafe_set(i, o, keep * y.unsafe_get(i, o) - etaOut * step.dW2.unsafe_get(o, i));
                }
            }
        }
    }

    /** Under symmetric feedback Y is W2^T whenever it is used or reported. */
    private void syncFeedback(TwoLayerNetwork net) {
        if (config.feedback() == FeedbackRule.SYMMETRIC) {
            CommonOps_DDRM.transpose(net.w2(), net.feedback());
        }
    }
}
