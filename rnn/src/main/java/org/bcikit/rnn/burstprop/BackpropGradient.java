package org.bcikit.rnn.burstprop;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The exact gradient of {@code ½ |t - σ(W2 σ(W1 x + b1) + b2)|²} for one pattern, by
 * backpropagation (Rumelhart, Hinton &amp; Williams, Nature 323:533, 1986): the reference burstprop
 * is measured against. Holds its work vectors; not thread-safe.
 */
public final class BackpropGradient {

    private final DMatrixRMaj hidden;
    private final DMatrixRMaj output;
    private final DMatrixRMaj deltaOut;
    private final DMatrixRMaj deltaHidden;

    /** Work vectors sized for {@code network}. */
    public BackpropGradient(TwoLayerNetwork network) {
        hidden = new DMatrixRMaj(network.hidden(), 1);
        output = new DMatrixRMaj(network.outputs(), 1);
        deltaOut = new DMatrixRMaj(network.outputs(), 1);
        deltaHidden = new DMatrixRMaj(network.hidden(), 1);
    }

    /**
     * Writes the gradient at pattern ({@code x}, {@code target}) (column vectors) into
     * {@code gradient}, overwriting it, and returns the pattern's loss.
     */
    public double gradient(TwoLayerNetwork network, DMatrixRMaj x, DMatrixRMaj target, TwoLayerUpdate gradient) {
        network.forward(x, hidden, output);
        double loss = 0;
        for (int o = 0; o < output.numRows; o++) {
            double e = output.data[o];
            double err = e - target.data[o];
            loss += 0.5 * err * err;
            deltaOut.data[o] = err * e * (1 - e);
        }
        CommonOps_DDRM.multTransA(network.w2(), deltaOut, deltaHidden);
        for (int i = 0; i < hidden.numRows; i++) {
            double h = hidden.data[i];
            deltaHidden.data[i] *= h * (1 - h);
        }
        CommonOps_DDRM.multTransB(deltaOut, hidden, gradient.dW2);
        gradient.db2.setTo(deltaOut);
        CommonOps_DDRM.multTransB(deltaHidden, x, gradient.dW1);
        gradient.db1.setTo(deltaHidden);
        return loss;
    }
}
