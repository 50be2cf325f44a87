package org.bcikit.rnn.burstprop;

/** What drives a two-layer network's weight updates. */
public enum LearningRule {
    /** The burst-dependent rule: each layer follows its taught minus baseline bursts. */
    BURSTPROP,
    /** The exact gradient of the squared error, by backpropagation: the reference. */
    BACKPROP
}
