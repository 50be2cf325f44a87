package org.bcikit.rnn.subject;

import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.decoders.AffineDecoder;
import org.bcikit.decoders.Decoder;
import org.bcikit.decoders.task.Encoder;
import org.bcikit.decoders.task.TaskState;
import org.bcikit.decoders.task.TrialResult;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.RateRnn;
import org.ejml.data.DMatrixRMaj;

/**
 * A {@link RateRnn} as a subject in the closed-loop cursor task: it sees the target and (optionally)
 * the cursor, its units are the recorded units the decoder reads, and it learns trial by trial by
 * backpropagating a velocity error through the decoder in use (Rajeswaran, Payeur, Lajoie and
 * Orsborn 2024, bioRxiv 2024.03.20.585972: a ReLU RNN with target and cursor-feedback inputs,
 * trained with Adam through the BCI decoder; science.md §5.3).
 *
 * <p>Inputs per bin: target position and, with feedback, cursor position, both divided by the
 * workspace radius. Intention: {@code maxSpeed * min(1, distance / slowingDistance)} toward the
 * target, zero while on it (the aiming controller of {@code PopulationEncoder}). Loss of a trial:
 * the mean over its bins of {@code |x_t - v*_t|^2 / maxSpeed^2}, where {@code x_t} is what the
 * decoder ({@code x_t = M1 x_{t-1} + M2 u_t + m0}, {@code x_0 = 0}) made of the recorded units
 * {@code u_t}, and {@code v*_t} the intended velocity. Gradients flow through the decoder's filter
 * and the network's time steps; the cursor position the network sees is treated as an external
 * input (no gradient through the feedback loop), as when a controller is trained on its own
 * rollouts. Every {@code batchTrials} trials (while learning is on) the optimiser takes one step.
 *
 * <p>A decoder that is not an {@link AffineDecoder} cannot be learned through; trials under it
 * are not used for learning. The network and optimiser are used, not copied. One thread at a time.
 */
public final class RateRnnLearner implements Encoder {

    /**
     * How the subject aims and learns.
     *
     * @param workspace       distance that maps to input 1 (the target distance)
     * @param maxSpeed        intended speed far from the target, workspace units per second
     * @param slowingDistance distance below which the intended speed falls linearly to zero
     * @param cursorFeedback  whether the cursor position is an input
     * @param batchTrials     trials per optimiser step
     */
    public record Aim(double workspace, double maxSpeed, double slowingDistance, boolean cursorFeedback,
            int batchTrials) {

        public Aim {
            if (!(workspace > 0) || !(maxSpeed > 0) || !(slowingDistance > 0) || batchTrials < 1) {
                throw new IllegalArgumentException("RNN learner: workspace, maxSpeed and slowingDistance must be > 0"
                        + " and batchTrials >= 1");
            }
        }

        /** Number of network inputs this aim needs. */
        public int inputs() {
            return cursorFeedback ? 4 : 2;
        }
    }

    private final RateRnn net;
    private final int[] readout;
    private final Aim aim;
    private final double[] in;
    private final double[] h;
    private final double[] intended;
    private final double[] gradH;
    private final double[] err;
    private final double[] aimBuffer = new double[2];
    private final DMatrixRMaj m1 = new DMatrixRMaj(2, 2);
    private final DMatrixRMaj m2;
    private final DMatrixRMaj m0 = new DMatrixRMaj(2, 1);
    private boolean learnable;
    private Optimizer optimizer;
    private List<Parameter> trainable;
    private int inBatch;
    private double batchLoss;
    private long updates;
    private double lastTrialLoss = Double.NaN;

    /**
     * @param net     the network (its input count must be {@link Aim#inputs()})
     * @param readout the units the decoder reads, in decoder order
     * @param aim     how it aims and batches
     */
    public RateRnnLearner(RateRnn net, int[] readout, Aim aim) {
        if (net.inputs() != aim.inputs()) {
            throw new IllegalArgumentException("RNN learner: the network has " + net.inputs() + " inputs, the aim needs "
                    + aim.inputs());
        }
        for (int u : readout) {
            if (u < 0 || u >= net.units()) {
                throw new IllegalArgumentException("RNN learner: readout unit " + u + " outside 0.." + (net.units() - 1));
            }
        }
        this.net = net;
        this.readout = readout.clone();
        this.aim = aim;
        this.in = new double[aim.inputs()];
        this.h = new double[net.units()];
        this.intended = new double[2 * net.maxSteps()];
        this.gradH = new double[net.units() * net.maxSteps()];
        this.err = new double[2 * net.maxSteps()];
        this.m2 = new DMatrixRMaj(2, readout.length);
        net.zeroGradients();
    }

    /** Learning on: every {@code batchTrials} trials {@code optimizer} steps {@code trainable} (a fixed sub-list of the network's parameters). */
    public RateRnnLearner learn(Optimizer optimizer, List<Parameter> trainable) {
        this.optimizer = optimizer;
        this.trainable = List.copyOf(trainable);
        inBatch = 0;
        batchLoss = 0;
        net.zeroGradients();
        return this;
    }

    /** Learning off (the weights stay as they are); a partly filled batch is dropped. */
    public RateRnnLearner freeze() {
        this.optimizer = null;
        this.trainable = null;
        inBatch = 0;
        batchLoss = 0;
        net.zeroGradients();
        return this;
    }

    public boolean learning() {
        return optimizer != null;
    }

    public RateRnn network() {
        return net;
    }

    /** The recorded units, in decoder order. */
    public int[] readout() {
        return readout.clone();
    }

    /** Optimiser steps taken so far. */
    public long updates() {
        return updates;
    }

    /** The loss of the last trial run under a decoder it can learn through (NaN before any). */
    public double lastTrialLoss() {
        return lastTrialLoss;
    }

    @Override
    public int units() {
        return readout.length;
    }

    @Override
    public void decoderChanged(Decoder decoder) {
        learnable = decoder instanceof AffineDecoder;
        if (learnable) {
            AffineDecoder a = (AffineDecoder) decoder;
            m1.setTo(a.M1());
            m2.setTo(a.M2());
            m0.setTo(a.m0());
        }
    }

    @Override
    public void reset(SplittableRandom random) {
        net.start();
    }

    @Override
    public void encode(TaskState state, SplittableRandom random, double[] counts) {
        int t = net.steps();
        if (t >= net.maxSteps()) {
            throw new IllegalStateException("RNN learner: trial longer than the network's " + net.maxSteps()
                    + " bins; build the network with maxSteps >= timeout / dt");
        }
        double w = aim.workspace();
        in[0] = state.targetX() / w;
        in[1] = state.targetY() / w;
        if (aim.cursorFeedback()) {
            in[2] = state.cursorX() / w;
            in[3] = state.cursorY() / w;
        }
        net.step(in, random, h);
        for (int k = 0; k < readout.length; k++) {
            counts[k] = h[readout[k]];
        }
        intention(state, aimBuffer);
        intended[2 * t] = aimBuffer[0];
        intended[2 * t + 1] = aimBuffer[1];
    }

    /**
     * The velocity this subject intends in {@code state}, written into {@code out} (length 2): the
     * target of its learning, and what a calibration records as the intended kinematics.
     */
    public void intention(TaskState state, double[] out) {
        double dx = state.targetX() - state.cursorX();
        double dy = state.targetY() - state.cursorY();
        double dist = Math.hypot(dx, dy);
        out[0] = 0;
        out[1] = 0;
        if (!state.onTarget() && dist > 0) {
            double speed = aim.maxSpeed() * Math.min(1, dist / aim.slowingDistance());
            out[0] = speed * dx / dist;
            out[1] = speed * dy / dist;
        }
    }

    @Override
    public void trialEnded(TrialResult result) {
        if (!learnable) {
            return;
        }
        lastTrialLoss = trialLossAndGradient();
        if (optimizer == null) {
            return;
        }
        net.backward(gradH);
        batchLoss += lastTrialLoss;
        inBatch++;
        if (inBatch == aim.batchTrials()) {
            updates++;
            net.update(optimizer, trainable, updates, batchLoss / inBatch);
            net.zeroGradients();
            inBatch = 0;
            batchLoss = 0;
        }
    }

    /** The trial's loss; fills dL/dh for the network's backward pass. */
    private double trialLossAndGradient() {
        int steps = net.steps();
        int n = net.units();
        int q = readout.length;
        double[] a = m1.data;
        double[] b = m2.data;
        double x0 = 0;
        double x1 = 0;
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            double v0 = m0.data[0] + a[0] * x0 + a[1] * x1;
            double v1 = m0.data[1] + a[2] * x0 + a[3] * x1;
            for (int k = 0; k < q; k++) {
                double u = net.state(t + 1, readout[k]);
                v0 += b[k] * u;
                v1 += b[q + k] * u;
            }
            x0 = v0;
            x1 = v1;
            err[2 * t] = v0 - intended[2 * t];
            err[2 * t + 1] = v1 - intended[2 * t + 1];
            loss += err[2 * t] * err[2 * t] + err[2 * t + 1] * err[2 * t + 1];
        }
        double scale = 1.0 / (steps * aim.maxSpeed() * aim.maxSpeed());
        java.util.Arrays.fill(gradH, 0, steps * n, 0.0);
        double l0 = 0;
        double l1 = 0;
        for (int t = steps - 1; t >= 0; t--) {
            // lambda_t = dL/dx_t = 2 e_t scale + M1^T lambda_{t+1}
            double n0 = 2 * scale * err[2 * t] + a[0] * l0 + a[2] * l1;
            double n1 = 2 * scale * err[2 * t + 1] + a[1] * l0 + a[3] * l1;
            l0 = n0;
            l1 = n1;
            int base = t * n;
            for (int k = 0; k < q; k++) {
                gradH[base + readout[k]] += b[k] * l0 + b[q + k] * l1;
            }
        }
        return loss * scale;
    }
}
