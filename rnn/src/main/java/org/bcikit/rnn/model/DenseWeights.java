package org.bcikit.rnn.model;

import java.util.List;

import org.ejml.data.DMatrixRMaj;

/** An unconstrained recurrent matrix trained directly: the effective W is the parameter itself. */
public final class DenseWeights implements RecurrentWeights {

    private final Parameter w;

    /** Wraps a copy of {@code initial}. */
    public DenseWeights(DMatrixRMaj initial) {
        if (initial.numRows != initial.numCols) {
            throw new IllegalArgumentException("recurrent weights must be square, got "
                    + initial.numRows + "x" + initial.numCols);
        }
        this.w = new Parameter("W", initial.copy());
    }

    @Override
    public int units() {
        return w.value().numRows;
    }

    @Override
    public DMatrixRMaj effective() {
        return w.value();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w);
    }

    @Override
    public void backpropagate(DMatrixRMaj gradEffective) {
        w.gradient().setTo(gradEffective);
    }

    @Override
    public void refresh() {
        // nothing to recompute: the parameter is the effective matrix
    }

    @Override
    public DenseWeights copy() {
        DenseWeights c = new DenseWeights(w.value());
        c.w.mask(w.mask() == null ? null : w.mask().copy());
        return c;
    }
}
