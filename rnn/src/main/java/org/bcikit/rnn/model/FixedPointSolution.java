package org.bcikit.rnn.model;

import org.ejml.data.DMatrixRMaj;

/**
 * The fixed points {@code h* = phi(W h* + U x + b)} of a {@link FixedPointRnn} for a batch of
 * inputs, with the solver's convergence diagnostics. Immutable to callers: accessors return
 * copies. Keeps what the implicit-gradient backward pass needs (the inputs and the slopes
 * {@code phi'} at the fixed point), so {@link FixedPointRnn#gradient} reads it directly; it is
 * valid for the parameter values it was solved with.
 */
public final class FixedPointSolution {

    /**
     * Convergence of one solve.
     *
     * @param iterations iterations used (for a batch, the most any sample needed)
     * @param residual final {@code max |h - phi(W h + U x + b)|} over the batch (for an adjoint
     *        solve, the largest equation residual relative to the largest right-hand side); NaN or
     *        infinite when the activity blew up
     * @param converged residual within the tolerance
     */
    public record Diagnostics(int iterations, double residual, boolean converged) {
    }

    final DMatrixRMaj inputs;
    public final DMatrixRMaj states;
    final DMatrixRMaj slopes;
    private final Diagnostics diagnostics;

    FixedPointSolution(DMatrixRMaj inputs, DMatrixRMaj states, DMatrixRMaj slopes, Diagnostics diagnostics) {
        this.inputs = inputs;
        this.states = states;
        this.slopes = slopes;
        this.diagnostics = diagnostics;
    }

    /** The fixed points, batch x N (row s is sample s's h*). A copy. */
    public DMatrixRMaj states() {
        return states.copy();
    }

    /** Batch size B. */
    public int batchSize() {
        return states.numRows;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public int iterations() {
        return diagnostics.iterations();
    }

    public double residual() {
        return diagnostics.residual();
    }

    public boolean converged() {
        return diagnostics.converged();
    }

    /** Largest {@code |h*_i|} over the batch (NaN if any activity is NaN). */
    public double maxAbsActivity() {
        double m = 0.0;
        for (double v : states.data) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
