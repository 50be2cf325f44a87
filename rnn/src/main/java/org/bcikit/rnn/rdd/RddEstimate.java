package org.bcikit.rnn.rdd;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A fitted regression-discontinuity estimate (Guerguiev, Kording and Richards, ICLR 2020; science.md
 * §11): the jump at threshold per unit and signal component, and how many windows it rests on.
 *
 * @param beta            N x O jumps of the windowed signal at threshold (copied on access)
 * @param naive           N x O naive estimates, the difference of mean targets with and without a spike
 * @param spikingWindows  windows with a spike, per unit
 * @param silentWindows   windows without, per unit
 * @param steps           ms simulated in all
 * @param spikeMass       the windowed mean of one spike's kernel, the jump per unit weight
 */
public record RddEstimate(DMatrixRMaj beta, DMatrixRMaj naive, long[] spikingWindows, long[] silentWindows, long steps,
        double spikeMass) {

    /** A copy of the jumps. */
    @Override
    public DMatrixRMaj beta() {
        return beta.copy();
    }

    /** A copy of the naive estimates. */
    @Override
    public DMatrixRMaj naive() {
        return naive.copy();
    }

    /**
     * The jumps divided by {@link #spikeMass()}: for a unit that spikes once near a window's start,
     * its weight onto the signal (more spikes in the window make it larger, a late spike smaller).
     */
    public DMatrixRMaj perSpike() {
        DMatrixRMaj b = beta.copy();
        CommonOps_DDRM.divide(b, spikeMass);
        return b;
    }
}
