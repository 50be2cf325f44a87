package org.bcikit.rnn.relevance;

/**
 * Which synapses the relevance error changes in a run (Insel et al. 2018 compare the three; only
 * one is plastic at a time).
 */
public enum PlasticSite {
    /** Inputs to the inhibitory unit (the paper's default): {@code ΔW_xI = −δ aᵀ}, {@code Δb_I = −α δ}. */
    INPUT_TO_INHIBITORY,
    /** Inputs to the excitatory units: {@code ΔW_xE = +δ aᵀ} for every excitatory unit. */
    INPUT_TO_EXCITATORY,
    /** The inhibitory unit's weights onto the excitatory units: {@code ΔW_IE = −α δ I(t−1)}. */
    INHIBITORY_TO_EXCITATORY
}
