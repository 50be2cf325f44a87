package org.bcikit.experiments.dale;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/**
 * Linear regression in which only {@code relevant} of {@code inputs} inputs matter (the setting in
 * which Cornford et al. 2024, "Brain-like learning with exponentiated gradients", find EG beating
 * GD): inputs {@code x ~ N(0, I)}, target {@code y = w* . x + noise}. Each input has a fixed sign
 * (a presynaptic cell is excitatory or inhibitory, each with probability 1/2), and the teacher's
 * non-zero weights have their input's sign with magnitudes uniform in [0.5, 1.5] / sqrt(relevant),
 * so a learner that keeps signs can represent the teacher exactly. Immutable.
 *
 * @param signs   the sign (+1 or -1) of each input's weights
 * @param teacher w*, 1 x inputs
 * @param trainX  training inputs, samples x inputs
 * @param trainY  training targets, samples x 1
 * @param testX   held-out inputs
 * @param testY   held-out targets
 */
record SparseRegressionTask(double[] signs, DMatrixRMaj teacher, DMatrixRMaj trainX, DMatrixRMaj trainY,
        DMatrixRMaj testX, DMatrixRMaj testY) {

    /** Draws a task from {@code rng}. */
    static SparseRegressionTask draw(int inputs, int relevant, int trainSamples, int testSamples, double noise,
            SplittableRandom rng) {
        if (relevant < 1 || relevant > inputs) {
            throw new IllegalArgumentException("sparse regression: relevant inputs must be in [1, " + inputs + "], got "
                    + relevant);
        }
        double[] signs = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            signs[i] = rng.nextBoolean() ? 1.0 : -1.0;
        }
        DMatrixRMaj teacher = new DMatrixRMaj(1, inputs);
        // a partial Fisher-Yates shuffle picks the relevant inputs
        int[] order = new int[inputs];
        for (int i = 0; i < inputs; i++) {
            order[i] = i;
        }
        for (int i = 0; i < relevant; i++) {
            int j = i + rng.nextInt(inputs - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            teacher.data[order[i]] = signs[order[i]] * (0.5 + rng.nextDouble()) / Math.sqrt(relevant);
        }
        DMatrixRMaj[] train = sample(teacher, trainSamples, noise, rng);
        DMatrixRMaj[] test = sample(teacher, testSamples, noise, rng);
        return new SparseRegressionTask(signs, teacher, train[0], train[1], test[0], test[1]);
    }

    private static DMatrixRMaj[] sample(DMatrixRMaj teacher, int samples, double noise, SplittableRandom rng) {
        int d = teacher.numCols;
        DMatrixRMaj x = new DMatrixRMaj(samples, d);
        DMatrixRMaj y = new DMatrixRMaj(samples, 1);
        for (int s = 0; s < samples; s++) {
            double sum = 0.0;
            for (int i = 0; i < d; i++) {
                double v = rng.nextGaussian();
                x.data[s * d + i] = v;
                sum += teacher.data[i] * v;
            }
            y.data[s] = sum + noise * rng.nextGaussian();
        }
        return new DMatrixRMaj[] {x, y};
    }

    /** Number of inputs d. */
    int inputs() {
        return teacher.numCols;
    }

    /**
     * {@code 1 - R^2} of weights {@code w} (1 x d) on the held-out set: residual sum of squares over
     * the total sum of squares about the targets' mean (0 is perfect, 1 is predicting the mean).
     */
    double testError(DMatrixRMaj w) {
        double mean = 0.0;
        for (double v : testY.data) {
            mean += v / testY.numRows;
        }
        double residual = 0.0;
        double total = 0.0;
        int d = inputs();
        for (int s = 0; s < testY.numRows; s++) {
            double prediction = 0.0;
            for (int i = 0; i < d; i++) {
                prediction += w.data[i] * testX.data[s * d + i];
            }
            double e = prediction - testY.data[s];
            residual += e * e;
            total += (testY.data[s] - mean) * (testY.data[s] - mean);
        }
        return residual / total;
    }
}
