package org.bcikit.experiments.dale;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/**
 * The adding problem (Hochreiter and Schmidhuber 1997; one of the recurrent tasks Li et al.
 * NeurIPS 2023 train ColEI, DANN and standard networks on): a sequence of {@code length} steps with
 * two input channels, a value drawn uniformly from [0, 1] and a marker that is 1 at exactly two
 * steps (one in each half of the sequence); the target is the sum of the two marked values. The
 * answer must be carried through the recurrence, and predicting the mean (1) scores a mean squared
 * error of {@link #TARGET_VARIANCE} = 1/6, the natural unit of the loss.
 */
final class AddingProblem {

    /** Variance of the target (the sum of two independent uniform values). */
    static final double TARGET_VARIANCE = 1.0 / 6.0;

    /** Mean of the target. */
    static final double TARGET_MEAN = 1.0;

    /** Number of input channels (value, marker). */
    static final int INPUTS = 2;

    /**
     * One batch of input sequences and targets.
     *
     * @param inputs {@code inputs[t]} is 2 x batch: values (row 0) and markers (row 1) at step t
     * @param target 1 x batch
     */
    record Batch(DMatrixRMaj[] inputs, DMatrixRMaj target) {
    }

    private AddingProblem() {
    }

    /** Draws {@code size} sequences of {@code length} (>= 2) steps from {@code rng}. */
    static Batch draw(int size, int length, SplittableRandom rng) {
        Batch batch = allocate(size, length);
        redraw(batch, rng);
        return batch;
    }

    /** Zeroed buffers for {@code size} sequences of {@code length} steps, to be filled by {@link #redraw}. */
    static Batch allocate(int size, int length) {
        if (length < 2 || size < 1) {
            throw new IllegalArgumentException("adding problem: need length >= 2 and size >= 1, got " + length + ", " + size);
        }
        DMatrixRMaj[] x = new DMatrixRMaj[length];
        for (int t = 0; t < length; t++) {
            x[t] = new DMatrixRMaj(INPUTS, size);
        }
        return new Batch(x, new DMatrixRMaj(1, size));
    }

    /** Overwrites {@code batch} with fresh sequences from {@code rng} (a training loop's buffers, reused). */
    static void redraw(Batch batch, SplittableRandom rng) {
        DMatrixRMaj[] x = batch.inputs();
        DMatrixRMaj target = batch.target();
        int size = target.numCols;
        int length = x.length;
        for (int t = 0; t < length; t++) {
            for (int b = 0; b < size; b++) {
                x[t].unsafe_set(0, b, rng.nextDouble());
                x[t].unsafe_set(1, b, 0.0);
            }
        }
        int half = length / 2;
        for (int b = 0; b < size; b++) {
            int first = rng.nextInt(half);
            int second = half + rng.nextInt(length - half);
            x[first].unsafe_set(1, b, 1.0);
            x[second].unsafe_set(1, b, 1.0);
            target.unsafe_set(0, b, x[first].unsafe_get(0, b) + x[second].unsafe_get(0, b));
        }
    }
}
