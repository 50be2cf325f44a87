package org.bcikit.rnn.model;

import org.ejml.data.DMatrixRMaj;

/**
 * What a static network is asked to do: for each of K conditions an input {@code x_k} and a target
 * output {@code t_k}, stored as columns. Payeur, Orsborn and Lajoie 2023 (bioRxiv
 * 2023.03.11.532146) use K = 6 centre-out targets {@code t_k = (cos 2 pi k/K, sin 2 pi k/K)} cued by
 * one-hot inputs ({@link #centerOut}).
 *
 * @param inputs  d x K, column k is the input of condition k
 * @param targets O x K, column k is the desired output (cursor velocity) of condition k
 */
public record StaticTask(DMatrixRMaj inputs, DMatrixRMaj targets) {

    public StaticTask {
        if (inputs.numCols != targets.numCols || inputs.numCols < 1) {
            throw new IllegalArgumentException("static task: inputs (" + inputs.numRows + "x" + inputs.numCols
                    + ") and targets (" + targets.numRows + "x" + targets.numCols
                    + ") need the same positive number of columns");
        }
        inputs = inputs.copy();
        targets = targets.copy();
    }

    /** K targets evenly spaced on the unit circle, starting at angle 2 pi / K, with one-hot inputs. */
    public static StaticTask centerOut(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("static task: need at least 1 target, got " + k);
        }
        DMatrixRMaj x = new DMatrixRMaj(k, k);
        DMatrixRMaj t = new DMatrixRMaj(2, k);
        for (int i = 0; i < k; i++) {
            x.unsafe_set(i, i, 1.0);
            double angle = 2 * Math.PI * (i + 1) / k;
            t.unsafe_set(0, i, Math.cos(angle));
            t.unsafe_set(1, i, Math.sin(angle));
        }
        return new StaticTask(x, t);
    }

    /** Number of conditions K. */
    public int conditions() {
        return inputs.numCols;
    }

    /** Input dimension d. */
    public int inputSize() {
        return inputs.numRows;
    }

    /** Output dimension O. */
    public int outputSize() {
        return targets.numRows;
    }
}
