package org.bcikit.experiments.api;

import java.util.SplittableRandom;

/**
 * Who a run is: its condition, its seed index and the seeds derived for it ({@link RunSeeds}).
 *
 * @param conditionIndex position of the condition in the spec's condition order
 * @param condition      the condition's name, such as {@code lazy/WMP}
 * @param seedIndex      0-based repetition number
 * @param runSeed        seed for this run alone (depends on spec seed, condition and seed index)
 * @param pairedSeed     seed shared by every condition at this seed index (spec seed and seed index
 *                       only): draw from it what conditions should have in common, such as the
 *                       network before the perturbation, so conditions are compared pairwise
 */
public record RunContext(int conditionIndex, String condition, int seedIndex, long runSeed, long pairedSeed) {

    /** A fresh generator for this run's own draws. */
    public SplittableRandom random() {
        return new SplittableRandom(runSeed);
    }

    /** A fresh generator for draws shared across conditions at this seed index. */
    public SplittableRandom pairedRandom() {
        return new SplittableRandom(pairedSeed);
    }
}
