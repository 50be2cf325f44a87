package org.bcikit.decoders.hypotheses;

/**
 * The hypotheses of Golub et al. 2018 (Nat Neurosci 21:607, "Learning by neural reassociation")
 * for how population activity changes when a subject learns a within-manifold perturbation.
 */
public enum Hypothesis {
    /** Activity moves anywhere in the spike-count box that maximises progress; shared covariance. */
    REALIGNMENT("Realignment"),
    /** The repertoire is stretched per factor to undo the pushing-magnitude change, then reassociated. */
    RESCALING("Rescaling"),
    /** The before-learning repertoire is kept and re-used for other movements. */
    REASSOCIATION("Reassociation"),
    /** Realignment only as far as the recorded progress needs. */
    PARTIAL_REALIGNMENT("PartialRealignment"),
    /** Each cloud keeps the before-learning patterns that match the recorded progress. */
    SUBSELECTION("Subselection");

    private final String label;

    Hypothesis(String label) {
        this.label = label;
    }

    /** The name used in files ({@code hypotheses.<label>.<metric>}). */
    public String label() {
        return label;
    }

    /** Whether the prediction needs the recorded after-learning progress (not only its directions). */
    public boolean needsRecordedProgress() {
        return this == PARTIAL_REALIGNMENT || this == SUBSELECTION;
    }
}
