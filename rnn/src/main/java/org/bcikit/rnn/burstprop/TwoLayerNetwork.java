package org.bcikit.rnn.burstprop;

import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The weights of an input → hidden → output sigmoid network with burstprop's extra pathways:
 * forward W1 (hidden x inputs), b1, W2 (outputs x hidden), b2; feedback Y (hidden x outputs) from the
 * output units' bursts to the hidden dendrites; recurrent Z (hidden x outputs) that subtracts the
 * baseline burst drive. The matrices are live: a learner mutates them in place, and
 * {@link #copy()} takes a snapshot.
 */
public final class TwoLayerNetwork {

    private final DMatrixRMaj w1;
    private final DMatrixRMaj b1;
    private final DMatrixRMaj w2;
    private final DMatrixRMaj b2;
    private final DMatrixRMaj y;
    private final DMatrixRMaj z;

    private TwoLayerNetwork(DMatrixRMaj w1, DMatrixRMaj b1, DMatrixRMaj w2, DMatrixRMaj b2, DMatrixRMaj y,
            DMatrixRMaj z) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.y = y;
        this.z = z;
    }

    /**
     * Gaussian forward and feedback weights of standard deviation {@code scale}, zero biases and
     * Z = 0, drawn from {@code random} in the order W1, W2, Y.
     */
    public static TwoLayerNetwork random(int inputs, int hidden, int outputs, double scale, SplittableRandom random) {
        DMatrixRMaj w1 = gaussian(hidden, inputs, scale, random);
        DMatrixRMaj w2 = gaussian(outputs, hidden, scale, random);
        DMatrixRMaj y = gaussian(hidden, outputs, scale, random);
        return new TwoLayerNetwork(w1, new DMatrixRMaj(hidden, 1), w2, new DMatrixRMaj(outputs, 1), y,
                new DMatrixRMaj(hidden, outputs));
    }

    private static DMatrixRMaj gaussian(int rows, int cols, double scale, SplittableRandom random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        GaussianFill.fill(m.data, scale, random);
        return m;
    }

    /** A deep copy. */
    public TwoLayerNetwork copy() {
        return new TwoLayerNetwork(w1.copy(), b1.copy(), w2.copy(), b2.copy(), y.copy(), z.copy());
    }

    /**
     * The forward pass: writes the hidden events {@code σ(W1 x + b1)} to {@code hidden} and the
     * output events {@code σ(W2 hidden + b2)} to {@code output} (column vectors, reshaped if needed).
     */
    public void forward(DMatrixRMaj x, DMatrixRMaj hidden, DMatrixRMaj output) {
        hidden.reshape(b1.numRows, 1);
        output.reshape(b2.numRows, 1);
        CommonOps_DDRM.mult(w1, x, hidden);
        CommonOps_DDRM.addEquals(hidden, b1);
        sigmoid(hidden, 1);
        CommonOps_DDRM.mult(w2, hidden, output);
        CommonOps_DDRM.addEquals(output, b2);
        sigmoid(output, 1);
    }

    /** Replaces every element v of {@code m} by {@code σ(slope · v)}. */
    static void sigmoid(DMatrixRMaj m, double slope) {
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = 1 / (1 + Math.exp(-slope * m.data[i]));
        }
    }

    /** Mean over the patterns of {@code ½ |target - output|²}; {@code hidden}, {@code output} are work vectors. */
    public double loss(Patterns task, DMatrixRMaj hidden, DMatrixRMaj output) {
        double sum = 0;
        DMatrixRMaj x = new DMatrixRMaj(inputs(), 1);
        for (int k = 0; k < task.size(); k++) {
            CommonOps_DDRM.extractRow(task.inputs(), k, x);
            x.reshape(inputs(), 1);
            forward(x, hidden, output);
            for (int o = 0; o < outputs(); o++) {
                double d = task.targets().get(k, o) - output.data[o];
                sum += 0.5 * d * d;
            }
        }
        return sum / task.size();
    }

    /** Fraction of patterns whose every output lies on its target's side of 1/2. */
    public double accuracy(Patterns task, DMatrixRMaj hidden, DMatrixRMaj output) {
        int right = 0;
        DMatrixRMaj x = new DMatrixRMaj(inputs(), 1);
        for (int k = 0; k < task.size(); k++) {
            CommonOps_DDRM.extractRow(task.inputs(), k, x);
            x.reshape(inputs(), 1);
            forward(x, hidden, output);
            boolean all = true;
            for (int o = 0; o < outputs(); o++) {
                all &= (output.data[o] > 0.5) == (task.targets().get(k, o) > 0.5);
            }
            right += all ? 1 : 0;
        }
        return right / (double) task.size();
    }

    /** Input dimension. */
    public int inputs() {
        return w1.numCols;
    }

    /** Hidden units. */
    public int hidden() {
        return w1.numRows;
    }

    /** Output units. */
    public int outputs() {
        return w2.numRows;
    }

    /** W1, hidden x inputs (live). */
    public DMatrixRMaj w1() {
        return w1;
    }

    /** b1, hidden x 1 (live). */
    public DMatrixRMaj b1() {
        return b1;
    }

    /** W2, outputs x hidden (live). */
    public DMatrixRMaj w2() {
        return w2;
    }

    /** b2, outputs x 1 (live). */
    public DMatrixRMaj b2() {
        return b2;
    }

    /** Y, the feedback weights, hidden x outputs (live). */
    public DMatrixRMaj feedback() {
        return y;
    }

    /** Z, the recurrent weights that cancel the baseline burst drive, hidden x outputs (live). */
    public DMatrixRMaj recurrent() {
        return z;
    }
}
