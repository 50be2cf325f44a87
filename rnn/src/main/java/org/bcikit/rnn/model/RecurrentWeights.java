package org.bcikit.rnn.model;

import java.util.List;

import org.ejml.data.DMatrixRMaj;

/**
 * How a network's recurrent matrix W is built from trainable parameters. Standard networks train
 * W itself ({@link DenseWeights}); Dale's-law networks train non-negative parts and combine them
 * (ColEI: {@code W = W+ diag(s)}; DANN: {@code W = W_EE - W_EI W_IE}). Models are written against
 * this interface, so every learner model takes every E/I structure.
 *
 * <p>Protocol per training step: the model reads {@link #effective()}, computes dL/dW, calls
 * {@link #backpropagate(DMatrixRMaj)} to fill the parameters' gradients, an {@link Optimizer}
 * updates {@link #parameters()}, then {@link #refresh()} applies the structure's constraints and
 * recomputes the effective matrix.
 */
public interface RecurrentWeights {

    /** Number of units N (W is N x N). */
    int units();

    /** The effective recurrent matrix, N x N. Owned by this object: read it, never mutate it. */
    DMatrixRMaj effective();

    /** The trainable parameters behind the effective matrix, with names unique within a network. */
    List<Parameter> parameters();

    /** Writes (overwrites) every parameter's gradient from {@code gradEffective} = dL/dW. */
    void backpropagate(DMatrixRMaj gradEffective);

    /** After an optimiser step: applies constraints (clamping, projection) and recomputes W. */
    void refresh();

    /** An independent deep copy (same values, own buffers). */
    RecurrentWeights copy();
}
