package org.bcikit.rnn.burstprop;

/**
 * A fitted two-layer network and its diagnostics, sampled every few epochs (epoch 0 is the
 * untrained network): mean squared error {@code ½ |y - e|²}, accuracy, the angle between burstprop's
 * first-layer direction and backprop's gradient summed over all patterns, and the angle between the
 * feedback Y and W2^T. For a backprop-trained network the update angle is the one burstprop with
 * {@code Y = W2^T} would make on its weights (the approximation alone, along backprop's path) and
 * the alignment is NaN (backprop uses no Y). Arrays are copies.
 *
 * @param network   the trained weights (a snapshot, safe to mutate)
 * @param epochs    the epochs at which the curves were sampled
 * @param loss      mean squared error
 * @param accuracy  fraction of patterns classified
 * @param updateAngle first-layer angle between burstprop and backprop (degrees)
 * @param alignment angle between Y and W2^T (degrees; NaN under backprop)
 */
public record BurstpropFit(TwoLayerNetwork network, double[] epochs, double[] loss, double[] accuracy,
        double[] updateAngle, double[] alignment) {

    /** Defensive copies. */
    public BurstpropFit {
        network = network.copy();
        epochs = epochs.clone();
        loss = loss.clone();
        accuracy = accuracy.clone();
        updateAngle = updateAngle.clone();
        alignment = alignment.clone();
    }

    @Override
    public TwoLayerNetwork network() {
        return network.copy();
    }

    @Override
    public double[] epochs() {
        return epochs.clone();
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    @Override
    public double[] accuracy() {
        return accuracy.clone();
    }

    @Override
    public double[] updateAngle() {
        return updateAngle.clone();
    }

    @Override
    public double[] alignment() {
        return alignment.clone();
    }

    /** Whether every pattern is classified at the end. */
    public boolean solved() {
        return accuracy[accuracy.length - 1] == 1.0;
    }

    /** The last sample of {@code curve}. */
    public static double last(double[] curve) {
        return curve[curve.length - 1];
    }
}
