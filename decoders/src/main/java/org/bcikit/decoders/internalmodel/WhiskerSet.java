package org.bcikit.decoders.internalmodel;

import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;

/**
 * The whiskers of a set of trials for one feedback delay TAU (science.md §7): whisker (trial n,
 * step t), 0-based t = TAU+1 ... T-2 (the codepack's 1-based TAU+2 ... T-1), sees the last
 * feedback {@code p = P(t-TAU)}, {@code v = P(t-TAU) - P(t-TAU-1)} and the spikes
 * {@code u(t-TAU+1) ... u(t+1)}; its observation is the trial's target. Spikes are kept stacked
 * (all trials' bins, bins x units) so that {@code B u} is computed once per bin per iteration.
 */
final class WhiskerSet {

    final int tau;
    final int units;
    /** Number of whiskers. */
    final int n;
    /** All trials' counts stacked, bins x units. */
    final DMatrixRMaj spikes;
    /** Per whisker: its trial, its 0-based step t, and the stacked row of u(t - TAU + 1). */
    final int[] trial;
    final int[] step;
    final int[] firstSpikeRow;
    /** Per whisker: p(t-TAU), v(t-TAU-1) and target g, each (x, y) interleaved. */
    final double[] feedbackPosition;
    final double[] feedbackVelocity;
    final double[] target;
    /** Whiskers of trial k are firstWhisker[k] ... firstWhisker[k+1]-1. */
    final int[] firstWhisker;

    private WhiskerSet(int tau, int units, int n, DMatrixRMaj spikes, int trials) {
        this.tau = tau;
        this.units = units;
        this.n = n;
        this.spikes = spikes;
        this.trial = new int[n];
        this.step = new int[n];
        this.firstSpikeRow = new int[n];
        this.feedbackPosition = new double[2 * n];
        this.feedbackVelocity = new double[2 * n];
        this.target = new double[2 * n];
        this.firstWhisker = new int[trials + 1];
    }

    /** The smallest number of bins a trial needs to have one whisker at delay {@code tau}. */
    static int minimumBins(int tau) {
        return tau + 3;
    }

    /**
     * Checks the trials (cursor positions and targets present, one unit count, at least one
     * whisker each) and assembles their whiskers.
     */
    static WhiskerSet of(List<Trial> trials, int tau) {
        if (tau < 0) {
            throw new InvalidInputException("tau: expected a feedback delay >= 0 steps, got " + tau);
        }
        if (trials.isEmpty()) {
            throw new InvalidInputException("trials: expected at least one trial, got none");
        }
        int units = trials.get(0).units();
        int bins = 0;
        int n = 0;
        for (int k = 0; k < trials.size(); k++) {
            Trial tr = trials.get(k);
            String where = "trial " + (k + 1);
            if (tr.units() != units) {
                throw new InvalidInputException(where + ": counts: expected " + units + " units like trial 1, got "
                        + tr.units());
            }
            if (!tr.hasCursorPosition()) {
                throw new InvalidInputException(where + ": cursor position: expected bins x 2 positions, got none");
            }
            if (tr.target() == null || !tr.target().hasPosition()) {
                throw new InvalidInputException(where + ": target: expected a target position, got none");
            }
            if (tr.bins() < minimumBins(tau)) {
                throw new InvalidInputException(where + ": expected at least " + minimumBins(tau) + " bins for TAU = "
                        + tau + " (TAU + 3: one whisker needs feedback from t-TAU-1 and spikes up to t+1), got "
                        + tr.bins());
            }
            bins += tr.bins();
            n += tr.bins() - tau - 2;
        }
        DMatrixRMaj spikes = new DMatrixRMaj(bins, units);
        WhiskerSet w = new WhiskerSet(tau, units, n, spikes, trials.size());
        int row = 0;
        int i = 0;
        for (int k = 0; k < trials.size(); k++) {
            Trial tr = trials.get(k);
            tr.copyCountsInto(spikes, row);
            DMatrixRMaj p = tr.cursorPosition();
            w.firstWhisker[k] = i;
            for (int t = tau + 1; t <= tr.bins() - 2; t++) {
                w.trial[i] = k;
                w.step[i] = t;
                w.firstSpikeRow[i] = row + t - tau + 1;
                for (int d = 0; d < 2; d++) {
                    w.feedbackPosition[2 * i + d] = p.get(t - tau, d);
                    w.feedbackVelocity[2 * i + d] = p.get(t - tau, d) - p.get(t - tau - 1, d);
                }
                w.target[2 * i] = tr.target().x();
                w.target[2 * i + 1] = tr.target().y();
                i++;
            }
            row += tr.bins();
        }
        w.firstWhisker[trials.size()] = n;
        return w;
    }
}
