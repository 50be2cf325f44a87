package org.bcikit.rnn.model;

import java.util.List;

/**
 * The protocol every learner model in bcikit follows ({@link StaticGaussianNetwork},
 * {@link FixedPointRnn}, {@link RateRnn}), so that update rules, analyses and experiments see one
 * kind of network:
 * <ul>
 *   <li><b>Ownership.</b> A constructor copies what it is given (the recurrent structure through
 *       {@link RecurrentWeights#copy()}, input weights, biases and any readout); the network owns
 *       its parameters and changes them only through training. Reach them through
 *       {@link #recurrent()}, {@link #inputWeights()}, {@link #bias()} and {@link #parameters()},
 *       never through the objects passed in.</li>
 *   <li><b>Gradients.</b> A model's gradient call overwrites the {@link Parameter#gradient()} of
 *       each of its parameters with the gradient of the loss it was given; nothing accumulates in a
 *       parameter's buffer across calls. (A {@link RateRnn} sums over trajectories inside the model
 *       and writes the sum with {@link RateRnn#writeGradients()}.)</li>
 *   <li><b>Names.</b> Every parameter has a name, unique within {@link #parameters()} and the same
 *       in every copy ({@code W}, {@code Wplus}, {@code W_EE}/{@code W_EI}/{@code W_IE}, then
 *       {@code U} and {@code b}). Update rules key their state by these names, so one rule can step
 *       a copy of the network, or a sub-list of its parameters, and wrappers such as the DANN
 *       correction find their parameters in any copy.</li>
 * </ul>
 */
public interface TrainableNetwork {

    /** Number of units N (the recurrent matrix is N x N). */
    int units();

    /** The recurrent structure (trained in place; it re-applies its constraints in {@link RecurrentWeights#refresh()}). */
    RecurrentWeights recurrent();

    /** Input weights U (N x inputs), named {@code U}. */
    Parameter inputWeights();

    /** Biases b (N x 1), named {@code b}. */
    Parameter bias();

    /** Every trainable parameter: the recurrent structure's, then U, then b. The same list on every call. */
    List<Parameter> parameters();

    /** An independent deep copy: same values and masks, own buffers. */
    TrainableNetwork copy();
}
