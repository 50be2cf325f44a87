package org.bcikit.decoders.task;

import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;

/**
 * The fixed, non-learning subject: it always intends to move straight at the target and its
 * population encodes that intention the same way forever, so any recovery under a perturbation
 * must come from the decoder (adaptation) — the control condition for learner models.
 *
 * <p>Intended velocity: {@code maxSpeed * min(1, distance / slowingDistance)} toward the target,
 * zero while on the target (the subject holds), like an aiming controller with a proportional
 * approach (the "intention" assumed by ReFIT, Gilja et al. 2012).
 */
public final class PopulationEncoder implements Encoder {

    private final VelocityTunedPopulation population;
    private final double maxSpeed;
    private final double slowingDistance;

    /**
     * @param population counts for an intended velocity
     * @param maxSpeed intended speed far from the target (units per second)
     * @param slowingDistance distance below which the intended speed falls linearly to zero
     */
    public PopulationEncoder(VelocityTunedPopulation population, double maxSpeed, double slowingDistance) {
        if (!(maxSpeed > 0) || !(slowingDistance > 0)) {
            throw new InvalidInputException("population encoder: maxSpeed and slowingDistance must be > 0, got "
                    + maxSpeed + " and " + slowingDistance);
        }
        this.population = population;
        this.maxSpeed = maxSpeed;
        this.slowingDistance = slowingDistance;
    }

    @Override
    public int units() {
        return population.units();
    }

    @Override
    public void reset(SplittableRandom random) {
        // no state
    }

    @Override
    public void encode(TaskState state, SplittableRandom random, double[] counts) {
        double dx = state.targetX() - state.cursorX();
        double dy = state.targetY() - state.cursorY();
        double dist = Math.hypot(dx, dy);
        double vx = 0;
        double vy = 0;
        if (!state.onTarget() && dist > 0) {
            double speed = maxSpeed * Math.min(1, dist / slowingDistance);
            vx = speed * dx / dist;
            vy = speed * dy / dist;
        }
        population.counts(vx, vy, random, counts);
    }
}
