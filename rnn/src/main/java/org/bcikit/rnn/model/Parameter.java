package org.bcikit.rnn.model;

import org.ejml.data.DMatrixRMaj;

/**
 * A named, trainable weight matrix with its gradient buffer and an optional plasticity mask.
 *
 * <p>Models fill {@link #gradient()} in place; an {@link Optimizer} reads it and updates
 * {@link #value()} in place. The mask (same shape, entries 0 or 1) says which weights may change:
 * an optimiser leaves weights with mask 0 untouched. Both buffers are allocated once, so a
 * training loop allocates nothing per step.
 */
public final class Parameter {

    private final String name;
    private final DMatrixRMaj value;
    private final DMatrixRMaj gradient;
    private DMatrixRMaj mask;

    /** Wraps {@code value} (not copied: the model and the optimiser share it). */
    public Parameter(String name, DMatrixRMaj value) {
        this.name = name;
        this.value = value;
        this.gradient = new DMatrixRMaj(value.numRows, value.numCols);
    }

    public String name() {
        return name;
    }

    /** The weights, updated in place by optimisers. */
    public DMatrixRMaj value() {
        return value;
    }

    /** The gradient buffer, written in place by the model's backward pass. */
    public DMatrixRMaj gradient() {
        return gradient;
    }

    /** The plasticity mask (1 = plastic, 0 = frozen), or null when every weight is plastic. */
    public DMatrixRMaj mask() {
        return mask;
    }

    /** Sets which weights may change; null makes all plastic. Returns this. */
    public Parameter mask(DMatrixRMaj mask) {
        if (mask != null && (mask.numRows != value.numRows || mask.numCols != value.numCols)) {
            throw new IllegalArgumentException(name + ": mask " + mask.numRows + "x" + mask.numCols
                    + " does not match weights " + value.numRows + "x" + value.numCols);
        }
        this.mask = mask;
        return this;
    }

    /** True when weight {@code k} (row-major index) may change. */
    public boolean plastic(int k) {
        return mask == null || mask.data[k] != 0.0;
    }
}
