package org.bcikit.experiments.staticnet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.results.ParameterSweepFigure;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.rnn.adaptation.MatchedPerturbations;
import org.bcikit.rnn.adaptation.StaticAdaptation;
import org.bcikit.rnn.adaptation.StaticAdaptationResult;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;

/**
 * {@code static-perturbation}: WMP vs OMP adaptation of the static linear-Gaussian network from a
 * lazy or rich start (Payeur, Orsborn and Lajoie 2023, bioRxiv 2023.03.11.532146; science.md §5.1).
 * One run: draw the network ({@code W ~ N(0,1)/N^e}, e = 0.55 lazy or 1.0 rich), train it on the
 * centre-out task (W only), fit the PCA-manifold decoder, pick the matched WMP and OMP, and adapt
 * W to the condition's perturbation by exact gradient descent.
 *
 * <p>Everything before the adaptation is drawn from the run's <em>paired</em> seed, so at one seed
 * index the lazy and rich networks share their random draws (only the scale differs) and the WMP
 * and OMP conditions adapt the same network, chosen from the same candidates; a sweep prepares
 * that network once for both ({@link #sharedWorkKey}).
 */
public final class StaticPerturbationExperiment implements Experiment<StaticPerturbationExperiment.Params> {

    /**
     * The network and task.
     *
     * @param units              N
     * @param targets            K centre-out targets (one-hot inputs)
     * @param noiseVariance      private noise variance
     * @param inputNoiseVariance input noise variance
     * @param manifoldDimension  M, the PCA manifold's dimension
     * @param lazyExponent       e of the lazy regime
     * @param richExponent       e of the rich regime
     */
    public record Network(int units, int targets, double noiseVariance, double inputNoiseVariance,
            int manifoldDimension, double lazyExponent, double richExponent) {
    }

    /** Initial training: plain GD steps on W with the network's own readout. */
    public record Training(int steps, double learningRate) {

        /** Checks the values at {@code at} (the record's own JSON object). */
        public void validate(Validation at) {
            at.atLeast("steps", steps, 0);
            at.positive("learningRate", learningRate);
        }
    }

    /** Perturbation candidates: all M! - 1 factor permutations and this many random unit permutations. */
    public record Selection(int ompCandidates) {

        public void validate(Validation at) {
            at.atLeast("ompCandidates", ompCandidates, 1);
        }
    }

    /**
     * Adaptation to the perturbed decoder.
     *
     * @param steps               GD steps
     * @param learningRate        GD learning rate
     * @param metricsEvery        full metrics (weight change, overlap, ...) every this many steps
     * @param stabilityCheckEvery spectral-radius check every this many steps
     */
    public record Adaptation(int steps, double learningRate, int metricsEvery, int stabilityCheckEvery) {

        public void validate(Validation at) {
            at.atLeast("steps", steps, 1);
            at.positive("learningRate", learningRate);
            at.atLeast("metricsEvery", metricsEvery, 1);
            at.atLeast("stabilityCheckEvery", stabilityCheckEvery, 1);
        }
    }

    /**
     * The checks every static-network experiment makes of its {@code network} object: units,
     * targets, noise variances and a manifold dimension small enough to enumerate every WMP.
     */
    public static void validateTask(Validation network, int units, int targets, double noiseVariance,
            double inputNoiseVariance, int manifoldDimension) {
        network.atLeast("units", units, 2);
        network.atLeast("targets", targets, 1);
        network.nonNegative("noiseVariance", noiseVariance);
        network.nonNegative("inputNoiseVariance", inputNoiseVariance);
        network.require(manifoldDimension >= 2
                        && manifoldDimension <= Math.min(MatchedPerturbations.MAX_ENUMERATED_DIMENSION, units),
                "manifoldDimension", "an integer in [2, min(8, units)]", manifoldDimension);
    }

    /**
     * @param regime       {@code lazy} or {@code rich}
     * @param perturbation {@code WMP} or {@code OMP}
     */
    public record Params(String regime, String perturbation, Network network, Training initialTraining,
            Selection selection, Adaptation adaptation) {
    }

    @Override
    public String type() {
        return "static-perturbation";
    }

    @Override
    public String description() {
        return "static linear-Gaussian network (Payeur et al. 2023): adaptation to a matched WMP or OMP "
                + "from a lazy or rich start";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("lazy", "WMP",
                new Network(100, 6, 1e-2, 0.0, 6, Initialisation.LAZY_EXPONENT, Initialisation.RICH_EXPONENT),
                new Training(500, 1e-2), new Selection(10000), new Adaptation(2000, 1e-3, 100, 10));
    }

    @Override
    public void validate(Params p, Validation at) {
        at.oneOf("regime", p.regime(), List.of("lazy", "rich"));
        at.oneOf("perturbation", p.perturbation(), List.of("WMP", "OMP"));
        Network n = p.network();
        validateTask(at.below("network"), n.units(), n.targets(), n.noiseVariance(), n.inputNoiseVariance(),
                n.manifoldDimension());
        at.positive("network.lazyExponent", n.lazyExponent());
        at.positive("network.richExponent", n.richExponent());
        p.initialTraining().validate(at.below("initialTraining"));
        p.selection().validate(at.below("selection"));
        p.adaptation().validate(at.below("adaptation"));
    }

    @Override
    public Object sharedWorkKey(Params p, RunContext context) {
        return PairedSetup.Key.of(p.network(), p.regime(), p.initialTraining(), p.selection(), context.pairedSeed());
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        PairedSetup.Key key = (PairedSetup.Key) sharedWorkKey(p, context);
        PairedSetup paired = context.shared(key, () -> PairedSetup.prepare(key, context.pairedRandom()));
        StaticGaussianNetwork adapting = paired.adaptable(p.perturbation());
        Adaptation a = p.adaptation();
        StaticAdaptationResult r = new StaticAdaptation(a.steps(), a.metricsEvery(), a.stabilityCheckEvery())
                .withSpectraAtLastOnly()
                .run(adapting, new GradientDescent(a.learningRate()), paired.setup().decoder(), paired.setup().activity());

        return AdaptationMeasurements.record(new Measurements(), r, paired.setup(), a.steps());
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        AdaptationMeasurements.putAdaptationMetrics(out, runs);
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        boolean lrSweep = results.plan().spec().sweep().stream()
                .anyMatch(a -> a.parameter().equals("adaptation.learningRate"));
        if (lrSweep) {
            return List.of(new NamedFigure("learning-rate", new ParameterSweepFigure(
                    results.plan().name() + ": instability and final performance vs learning rate (static network)",
                    "adaptation.learningRate", "learning rate", true)
                    .panel("unstable seeds (of " + results.plan().seeds() + ")", c -> c.metric("unstableSeeds"),
                            c -> Double.NaN)
                    .panel("final performance 1 - L/L0", c -> c.metric("performanceEnd"),
                            c -> c.metric("performanceEndSem"))
                    .chart(results)));
        }
        return List.of(new NamedFigure("learning-curves", LearningCurveFigure.of(results, "performance",
                results.plan().name() + ": adaptation of the static network to WMPs and OMPs (mean \u00b1 s.e.m., "
                        + results.plan().seeds() + " seeds)",
                "adaptation step", "retraining performance 1 - L/L0").chart()));
    }
}
