package org.bcikit.experiments.api;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

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
 * @param sharedWork     the sweep's memo of work runs have in common ({@link SharedWork#NONE} outside
 *                       a sweep); not part of who the run is, so equality ignores it
 */
public record RunContext(int conditionIndex, String condition, int seedIndex, long runSeed, long pairedSeed,
        SharedWork sharedWork) {

    public RunContext {
        Objects.requireNonNull(sharedWork, "sharedWork");
    }

    /** A run that shares no work with others. */
    public RunContext(int conditionIndex, String condition, int seedIndex, long runSeed, long pairedSeed) {
        this(conditionIndex, condition, seedIndex, runSeed, pairedSeed, SharedWork.NONE);
    }

    /** This run, taking shared work from {@code memo}. */
    public RunContext withSharedWork(SharedWork memo) {
        return new RunContext(conditionIndex, condition, seedIndex, runSeed, pairedSeed, memo);
    }

    /**
     * The work this run has in common with its partners, keyed by {@code key} (which must be
     * {@link Experiment#sharedWorkKey} of this run): done by {@code work} once per key in a sweep,
     * or here when no partner is running in this process. See {@link SharedWork} for what the
     * value must be.
     */
    public <T> T shared(Object key, Supplier<T> work) {
        return sharedWork.get(key, work);
    }

    /** A fresh generator for this run's own draws. */
    public SplittableRandom random() {
        return new SplittableRandom(runSeed);
    }

    /** A fresh generator for draws shared across conditions at this seed index. */
    public SplittableRandom pairedRandom() {
        return new SplittableRandom(pairedSeed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunContext r && r.conditionIndex == conditionIndex && r.condition.equals(condition)
                && r.seedIndex == seedIndex && r.runSeed == runSeed && r.pairedSeed == pairedSeed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(conditionIndex, condition, seedIndex, runSeed, pairedSeed);
    }

    @Override
    public String toString() {
        return "RunContext[" + condition + " seed " + seedIndex + ", runSeed " + runSeed + ", pairedSeed " + pairedSeed
                + "]";
    }
}
