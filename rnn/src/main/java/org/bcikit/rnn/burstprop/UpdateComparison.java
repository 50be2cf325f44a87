package org.bcikit.rnn.burstprop;

import org.bcikit.rnn.feedback.UpdateAngle;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Burstprop's first-layer direction against backprop's gradient on the same weights, each summed
 * over all patterns of a task, without changing the network: the published check of how closely
 * burst-dependent plasticity follows the gradient (Payeur et al., Nat Neurosci 24:1010, 2021).
 */
public final class UpdateComparison {

    private final BurstpropRule rule;
    private final BackpropGradient backprop;
    private final TwoLayerUpdate one;
    private final TwoLayerUpdate burstSum;
    private final TwoLayerUpdate gradientSum;
    private final DMatrixRMaj dZ;
    private final DMatrixRMaj x;
    private final DMatrixRMaj t;

    /** Work space for {@code network}, with burstprop's {@code baselineBurst} and dendritic {@code slope}. */
    public UpdateComparison(TwoLayerNetwork network, double baselineBurst, double slope) {
        rule = new BurstpropRule(network, baselineBurst, slope);
        backprop = new BackpropGradient(network);
        one = new TwoLayerUpdate(network);
        burstSum = new TwoLayerUpdate(network);
        gradientSum = new TwoLayerUpdate(network);
        dZ = new DMatrixRMaj(network.hidden(), network.outputs());
        x = new DMatrixRMaj(network.inputs(), 1);
        t = new DMatrixRMaj(network.outputs(), 1);
    }

    /** The angle (degrees) between the summed first-layer directions of burstprop and backprop on {@code task}. */
    public double firstLayerDegrees(TwoLayerNetwork network, Patterns task) {
        burstSum.zero();
        gradientSum.zero();
        for (int k = 0; k < task.size(); k++) {
            CommonOps_DDRM.extractRow(task.inputs(), k, x);
            x.reshape(network.inputs(), 1);
            CommonOps_DDRM.extractRow(task.targets(), k, t);
            t.reshape(network.outputs(), 1);
            rule.update(network, x, t, one, dZ);
            burstSum.addEquals(one);
            backprop.gradient(network, x, t, one);
            gradientSum.addEquals(one);
        }
        return UpdateAngle.degrees(burstSum.dW1, gradientSum.dW1);
    }
}
