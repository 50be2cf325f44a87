package org.bcikit.experiments.api;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.results.ParameterSweepFigure;
import org.bcikit.experiments.spec.Validation;

/**
 * A small deterministic experiment for testing the engine: a learning curve
 * {@code 1 - exp(-rate * learningRate * t)} plus Gaussian noise from the run's seed. Optional sleep
 * per run makes sweeps slow enough to kill mid-way.
 */
public final class NoisyLearningExperiment implements Experiment<NoisyLearningExperiment.Params> {

    record Adaptation(double learningRate, String rule) {
    }

    /**
     * @param failSeed   the seed index whose runs end in a numerical failure (-1: none)
     * @param sharedWork whether the runs of one rate at one seed index take their paired draw from
     *                   the sweep's memo (a stand-in for a network that both learning rates adapt)
     */
    public record Params(double rate, int steps, double noise, long sleepMillis, Adaptation adaptation, int failSeed,
            boolean sharedWork) {
    }

    /** The key of the work shared by the learning rates of one rate at one seed index. */
    private record SharedKey(double rate, long pairedSeed) {
    }

    /** How many times shared work was done: a probe for tests (each test makes its own instance). */
    private final AtomicInteger sharedComputations = new AtomicInteger();

    /** Times this instance's runs did their shared work (once per key in a sweep that shares it). */
    public int sharedComputations() {
        return sharedComputations.get();
    }

    /**
     * Test hook for kill tests in a child JVM: with system property {@value #BLOCK_FROM} = k, every
     * run of seed index k or more waits forever. Runs are taken in order (condition by condition),
     * so with fewer threads than seeds - k the first condition's seeds 0 .. k-1 finish and the
     * threads then wait in its later seeds: exactly k run files, whatever the machine's speed.
     */
    public static final String BLOCK_FROM = "bcikit.test.blockFromRun";

    @Override
    public String type() {
        return "noisy-learning";
    }

    @Override
    public String description() {
        return "test experiment: an exponential learning curve with noise";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params(1.0, 20, 0.05, 0, new Adaptation(0.1, "gd"), -1, false);
    }

    @Override
    public void validate(Params p, Validation at) {
        at.positive("rate", p.rate());
        at.atLeast("steps", p.steps(), 1);
        at.nonNegative("noise", p.noise());
        at.atLeast("sleepMillis", p.sleepMillis(), 0);
        at.positive("adaptation.learningRate", p.adaptation().learningRate());
        at.oneOf("adaptation.rule", p.adaptation().rule(), List.of("gd", "eg"));
    }

    @Override
    public Object sharedWorkKey(Params p, RunContext context) {
        return p.sharedWork() ? new SharedKey(p.rate(), context.pairedSeed()) : null;
    }

    @Override
    public Measurements run(Params p, RunContext context) throws InterruptedException {
        if (p.sleepMillis() > 0) {
            Thread.sleep(p.sleepMillis());
        }
        int blockFrom = Integer.getInteger(BLOCK_FROM, -1);
        if (blockFrom >= 0 && context.seedIndex() >= blockFrom) {
            new java.util.concurrent.CountDownLatch(1).await();
        }
        if (context.seedIndex() == p.failSeed()) {
            throw new org.bcikit.data.NumericalFailureException("Kalman gain: Riccati iteration did not converge "
                    + "(test)");
        }
        SplittableRandom rng = context.random();
        double[] y = new double[p.steps()];
        for (int t = 0; t < y.length; t++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            double gauss = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            y[t] = 1 - Math.exp(-p.rate() * p.adaptation().learningRate() * t) + p.noise() * gauss;
        }
        Measurements m = new Measurements().curve("performance", y).scalar("final", y[y.length - 1]);
        double shared = context.shared(sharedWorkKey(p, context), () -> {
            sharedComputations.incrementAndGet();
            return context.pairedRandom().nextDouble();
        });
        m.scalar("shared", shared);
        // a metric only some runs reach, as an unstable run would not
        m.scalar("sometimes", context.seedIndex() % 2 == 0 ? y[0] : Double.NaN);
        return m;
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        int high = 0;
        for (RunRecord r : runs) {
            high += r.scalar("final") > 0.5 ? 1 : 0;
        }
        return Map.of("highFinalSeeds", high);
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        NamedFigure curves = new NamedFigure("learning-curves", LearningCurveFigure.of(results, "performance",
                "Noisy learning: " + results.plan().name(), "step", "performance (1 - L/L0)").chart());
        NamedFigure sweep = new NamedFigure("final-vs-learning-rate", new ParameterSweepFigure(
                "Final performance vs learning rate", "adaptation.learningRate", "learning rate", true)
                .panel("high-final seeds", c -> c.metric("highFinalSeeds"), c -> Double.NaN)
                .panel("final performance", c -> c.scalars().get("final").mean(), c -> c.scalars().get("final").sem())
                .chart(results));
        return List.of(curves, sweep);
    }
}
