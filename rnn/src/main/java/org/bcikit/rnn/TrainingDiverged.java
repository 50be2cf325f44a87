package org.bcikit.rnn;

/**
 * Training stopped because it blew up: the loss became NaN or infinite, or the network's activity
 * exploded. The message says at which training step and why, so a run can report it instead of
 * writing numbers computed from a diverged network.
 */
public final class TrainingDiverged extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final String reason;

    public TrainingDiverged(long step, String reason) {
        super("training diverged at step " + step + ": " + reason);
        this.step = step;
        this.reason = reason;
    }

    /** The training step (optimiser update, counted from 1) that failed. */
    public long step() {
        return step;
    }

    /** Why, such as {@code loss is NaN}. */
    public String reason() {
        return reason;
    }
}
