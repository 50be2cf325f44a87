package org.bcikit.rnn.subject;

import java.util.Locale;
import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.bcikit.decoders.task.Encoder;
import org.bcikit.decoders.task.TaskState;
import org.bcikit.rnn.model.Activation;
import org.bcikit.rnn.model.FixedPointRnn;
import org.bcikit.rnn.model.FixedPointSolution;
import org.ejml.data.DMatrixRMaj;

/**
 * A {@link FixedPointRnn} as a subject in the closed-loop cursor task: each bin the network sees
 * where the target is relative to the cursor (and optionally the velocity the decoder produced in
 * the previous bin), settles to its fixed point, and its first q units are the recorded activity
 * the decoder reads (science.md §5.2 with the task of §1). Rates are
 * {@code gain * (h - floor)} with the activation's floor (-1 for tanh, 0 otherwise), so they are
 * non-negative like the firing rates a decoder expects.
 *
 * <p>Inputs, in this order: {@code (target - cursor) / positionScale} (2 inputs), then, when the
 * network has 4 inputs, {@code decodedVelocity / velocityScale} — the visual feedback of the
 * cursor's motion. Optional private noise ({@code noiseSd}, drawn from the task's random source)
 * is added to every unit's pre-activation. A fixed point has no memory across bins, so
 * {@link #reset} has nothing to clear; learning happens between trials by training the network's
 * parameters (shared, not copied). Each bin solves a batch of one (a few small allocations).
 */
public final class FixedPointEncoder implements Encoder {

    private final FixedPointRnn net;
    private final int recorded;
    private final double positionScale;
    private final double velocityScale;
    private final double noiseSd;
    private final double gain;
    private final DMatrixRMaj input;
    private final DMatrixRMaj noise;

    /**
     * @param net the network (2 or 4 inputs); used, not copied
     * @param recorded q, how many units (the first q) the decoder reads
     * @param positionScale divides the cursor-to-target vector (e.g. the target distance)
     * @param velocityScale divides the fed-back decoded velocity (4-input networks)
     * @param noiseSd standard deviation of private pre-activation noise (0 for none)
     * @param gain rate per unit of activity
     */
    public FixedPointEncoder(FixedPointRnn net, int recorded, double positionScale, double velocityScale,
            double noiseSd, double gain) {
        if (net.inputs() != 2 && net.inputs() != 4) {
            throw new IllegalArgumentException("fixed-point encoder: the network needs 2 inputs (target - cursor) or 4 "
                    + "(plus decoded velocity), got " + net.inputs());
        }
        if (recorded < 1 || recorded > net.units()) {
            throw new IllegalArgumentException("fixed-point encoder: recorded units must be in [1, " + net.units() + "], got " + recorded);
        }
        if (!(positionScale > 0) || !(velocityScale > 0) || !(noiseSd >= 0) || !(gain > 0)) {
            throw new IllegalArgumentException("fixed-point encoder: scales and gain must be positive and noise >= 0");
        }
        this.net = net;
        this.recorded = recorded;
        this.positionScale = positionScale;
        this.velocityScale = velocityScale;
        this.noiseSd = noiseSd;
        this.gain = gain;
        this.input = new DMatrixRMaj(1, net.inputs());
        this.noise = new DMatrixRMaj(1, net.units());
    }

    public FixedPointRnn network() {
        return net;
    }

    @Override
    public int units() {
        return recorded;
    }

    @Override
    public void reset(SplittableRandom random) {
        // the fixed point is recomputed from scratch every bin: nothing to clear
    }

    /** The network input for a task state (1 x inputs), written into {@code into}. */
    public void inputs(TaskState state, DMatrixRMaj into) {
        into.data[0] = (state.targetX() - state.cursorX()) / positionScale;
        into.data[1] = (state.targetY() - state.cursorY()) / positionScale;
        if (into.data.length == 4) {
            into.data[2] = state.decodedVx() / velocityScale;
            into.data[3] = state.decodedVy() / velocityScale;
        }
    }

    @Override
    public void encode(TaskState state, SplittableRandom random, double[] counts) {
        inputs(state, input);
        DMatrixRMaj perturbation = null;
        if (noiseSd > 0) {
            GaussianFill.fill(noise.data, noiseSd, random);
            perturbation = noise;
        }
        FixedPointSolution s = net.solve(input, perturbation);
        if (!s.converged()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "fixed-point encoder: the network's fixed point did not converge in trial %d, bin %d (residual %.3g after %d iterations)",
                    state.trial(), state.bin(), s.residual(), s.iterations()));
        }
        double floor = floor(net.activation());
        for (int i = 0; i < recorded; i++) {
            counts[i] = gain * (s.states.data[i] - floor);
        }
    }

    /** The activation's lower bound, so rates start at 0. */
    static double floor(Activation phi) {
        return phi == Activation.TANH ? -1.0 : 0.0;
    }
}
