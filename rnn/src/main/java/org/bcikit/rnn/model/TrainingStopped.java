package org.bcikit.rnn.model;

import java.util.Locale;

/**
 * Thrown when a training run cannot go on: the network's fixed point did not converge, its
 * activity exploded, or the loss became NaN or infinite. It says at which step and why, so a run
 * stops with one clear message instead of writing numbers computed from a broken state.
 */
public final class TrainingStopped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why training stopped. */
    public enum Reason {
        /** The fixed-point (or adjoint) solve did not reach its tolerance. */
        NOT_CONVERGED("fixed point did not converge"),
        /** Activity grew beyond the allowed bound or stopped being finite. */
        EXPLODING_ACTIVITY("activity exploded"),
        /** The loss was NaN or infinite. */
        NON_FINITE_LOSS("loss is not finite");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** A short human-readable phrase. */
        public String text() {
            return text;
        }
    }

    private final long step;
    private final Reason reason;

    /**
     * @param step the training step (from 0) at which the problem was found
     * @param reason the kind of failure
     * @param detail the numbers behind it (iterations, residual, the offending value)
     */
    public TrainingStopped(long step, Reason reason, String detail) {
        super(String.format(Locale.ROOT, "training stopped at step %d: %s (%s)", step, reason.text(), detail));
        this.step = step;
        this.reason = reason;
    }

    /** The step (from 0) at which training stopped. */
    public long step() {
        return step;
    }

    public Reason reason() {
        return reason;
    }
}
