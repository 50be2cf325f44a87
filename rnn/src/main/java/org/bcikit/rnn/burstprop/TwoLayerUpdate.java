package org.bcikit.rnn.burstprop;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A descent direction for a {@link TwoLayerNetwork}'s forward weights, in the sign of a gradient
 * (the step is {@code -η} times it): {@code dW1} (hidden x inputs), {@code db1}, {@code dW2} (outputs
 * x hidden), {@code db2}. Rules overwrite or accumulate into one reused instance, so the training
 * loop allocates nothing per step.
 */
public final class TwoLayerUpdate {

    final DMatrixRMaj dW1;
    final DMatrixRMaj db1;
    final DMatrixRMaj dW2;
    final DMatrixRMaj db2;

    /** Zeros shaped for {@code network}. */
    public TwoLayerUpdate(TwoLayerNetwork network) {
        dW1 = new DMatrixRMaj(network.hidden(), network.inputs());
        db1 = new DMatrixRMaj(network.hidden(), 1);
        dW2 = new DMatrixRMaj(network.outputs(), network.hidden());
        db2 = new DMatrixRMaj(network.outputs(), 1);
    }

    /** Sets every entry to zero. */
    public void zero() {
        dW1.zero();
        db1.zero();
        dW2.zero();
        db2.zero();
    }

    /** Adds {@code other} into this one. */
    public void addEquals(TwoLayerUpdate other) {
        CommonOps_DDRM.addEquals(dW1, other.dW1);
        CommonOps_DDRM.addEquals(db1, other.db1);
        CommonOps_DDRM.addEquals(dW2, other.dW2);
        CommonOps_DDRM.addEquals(db2, other.db2);
    }

    /** The first-layer part, hidden x inputs (live). */
    public DMatrixRMaj firstLayer() {
        return dW1;
    }

    /** The first-layer bias part (live). */
    public DMatrixRMaj firstBias() {
        return db1;
    }

    /** The output-layer part, outputs x hidden (live). */
    public DMatrixRMaj secondLayer() {
        return dW2;
    }

    /** The output bias part (live). */
    public DMatrixRMaj secondBias() {
        return db2;
    }
}
