package org.bcikit.rnn.burstprop;

/** How burstprop's feedback weights Y (hidden x output) relate to the output weights W2 over training. */
public enum FeedbackRule {
    /** Y drawn once and never changed: feedback alignment (Lillicrap et al., Nat Commun 7:13276, 2016). */
    FIXED_RANDOM,
    /**
     * Y drawn at random and then changed by the transpose of every output-weight update, with the
     * same weight decay, so {@code W2 - Y^T} decays geometrically (Kolen &amp; Pollack 1994; Akrout et
     * al., NeurIPS 2019).
     */
    KOLEN_POLLACK,
    /** Y = W2^T at every step: the reference that isolates burstprop's own approximation. */
    SYMMETRIC
}
