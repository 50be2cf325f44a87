package org.bcikit.experiments.staticnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.Curve;
import org.bcikit.experiments.api.CurveStats;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.rnn.adaptation.MatchedPerturbations;
import org.bcikit.rnn.adaptation.ReadoutPerturbation;
import org.bcikit.rnn.adaptation.StaticBciSetup;
import org.bcikit.rnn.feedback.CovarianceFeedback;
import org.bcikit.rnn.feedback.ExactFeedback;
import org.bcikit.rnn.feedback.FeedbackAdaptation;
import org.bcikit.rnn.feedback.FeedbackAdaptationResult;
import org.bcikit.rnn.feedback.FeedbackEstimator;
import org.bcikit.rnn.feedback.RandomFeedback;
import org.bcikit.rnn.feedback.StaleFeedback;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.learning.StaticNodePerturbation;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.bcikit.rnn.rdd.RddEstimator;
import org.bcikit.rnn.rdd.RddFeedback;

/**
 * {@code feedback-bci}: WMP vs OMP adaptation of the static network from a lazy or rich start when
 * the learner must estimate its own feedback (science.md §11) instead of using the decoder's
 * transpose (the setup of Payeur, Orsborn and Lajoie 2023, bioRxiv 2023.03.11.532146, §5.1; random
 * feedback after Lillicrap et al., Nat Commun 2016). One run prepares the network exactly as
 * {@code lazy-rich} does (initial training, PCA-manifold decoder, matched WMP and OMP, all from the
 * paired seed), then adapts W by gradient descent on the feedback gradient
 * {@code A^T B [V_p Sigma + (1/K) E Mu^T]} with B from the condition's estimator: {@code exact}
 * ({@code V_p^T}), {@code stale} (the intuitive decoder's transpose), {@code random} (fixed, scaled
 * to the intuitive decoder's norm), {@code covariance} (ridge regression of the cursor on the
 * units' noise), {@code univariate} (one regression per unit) or {@code rdd} (regression
 * discontinuity of a spiking surrogate of the units against the cursor error, Guerguiev, Kording and
 * Richards, ICLR 2020; see {@link RddFeedback}); or, with no feedback at all, {@code node-perturbation}
 * (Fiete and Seung 2006; {@link StaticNodePerturbation}), whose recorded angle is between its weight
 * update and the exact gradient.
 *
 * <p>The random B is drawn from the paired seed after the perturbations are chosen, so at a seed
 * index all four regime and perturbation conditions share it. Per run: the performance curve
 * {@code 1 - L(n)/L(0)}, the angle between B and {@code V_p^T} every {@code metricsEvery} steps,
 * performance at step 100 and at the end, and whether it went unstable.
 */
public final class FeedbackBciExperiment implements Experiment<FeedbackBciExperiment.Params> {

    /** The estimators, in the order of the built-in sweep. */
    public static final List<String> FEEDBACKS = List.of("exact", "stale", "random", "covariance", "univariate", "rdd",
            "node-perturbation");

    /**
     * @param feedback     one of {@link #FEEDBACKS}
     * @param ridge        the covariance estimator's ridge, relative to the mean noise variance
     * @param regime       {@code lazy} or {@code rich}
     * @param perturbation {@code WMP} or {@code OMP}
     * @param rdd          the {@code rdd} estimator's schedule and surrogate
     * @param nodePerturbation the {@code node-perturbation} learner's noise
     */
    public record Params(String feedback, double ridge, String regime, String perturbation,
            StaticPerturbationExperiment.Network network, StaticPerturbationExperiment.Training initialTraining,
            StaticPerturbationExperiment.Selection selection, StaticPerturbationExperiment.Adaptation adaptation,
            Rdd rdd, NodePerturbation nodePerturbation) {
    }

    /**
     * @param seconds   simulated seconds per estimation round
     * @param every     adaptation steps between rounds
     * @param meanDrive mean drive of the spiking surrogate's units
     * @param driveStd  spread of their drive
     */
    public record Rdd(int seconds, int every, double meanDrive, double driveStd) {
    }

    /**
     * @param sigma   standard deviation of the perturbing drive
     * @param samples noisy trials per step
     */
    public record NodePerturbation(double sigma, int samples) {
    }

    @Override
    public String type() {
        return "feedback-bci";
    }

    @Override
    public String description() {
        return "static network adapting to a matched WMP or OMP with estimated feedback (exact, stale, random, "
                + "covariance) instead of the decoder's transpose (science.md section 11)";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("exact", 1.0, "lazy", "WMP",
                new StaticPerturbationExperiment.Network(100, 6, 1e-2, 0.0, 6, Initialisation.LAZY_EXPONENT,
                        Initialisation.RICH_EXPONENT),
                new StaticPerturbationExperiment.Training(500, 1e-2), new StaticPerturbationExperiment.Selection(10000),
                new StaticPerturbationExperiment.Adaptation(1000, 1e-3, 10, 10), new Rdd(90, 100, 0.6, 0.4),
                new NodePerturbation(0.01, 60));
    }

    @Override
    public void validate(Params p, Validation at) {
        at.oneOf("feedback", p.feedback(), FEEDBACKS);
        at.nonNegative("ridge", p.ridge());
        at.oneOf("regime", p.regime(), List.of("lazy", "rich"));
        at.oneOf("perturbation", p.perturbation(), List.of("WMP", "OMP"));
        StaticPerturbationExperiment.Network n = p.network();
        StaticPerturbationExperiment.validateTask(at.below("network"), n.units(), n.targets(), n.noiseVariance(),
                n.inputNoiseVariance(), n.manifoldDimension());
        at.positive("network.lazyExponent", n.lazyExponent());
        at.positive("network.richExponent", n.richExponent());
        p.initialTraining().validate(at.below("initialTraining"));
        p.selection().validate(at.below("selection"));
        p.adaptation().validate(at.below("adaptation"));
        at.positive("rdd.seconds", p.rdd().seconds());
        at.positive("rdd.every", p.rdd().every());
        at.positive("rdd.driveStd", p.rdd().driveStd());
        at.positive("nodePerturbation.sigma", p.nodePerturbation().sigma());
        at.positive("nodePerturbation.samples", p.nodePerturbation().samples());
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        StaticPerturbationExperiment.Network n = p.network();
        SplittableRandom shared = context.pairedRandom();
        double exponent = p.regime().equals("lazy") ? n.lazyExponent() : n.richExponent();
        DenseWeights w = new DenseWeights(Initialisation.gaussian(n.units(), exponent, shared));
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(n.targets()), w,
                n.noiseVariance(), n.inputNoiseVariance(), shared);
        StaticBciSetup setup = StaticBciSetup.prepare(net, new GradientDescent(p.initialTraining().learningRate()),
                p.initialTraining().steps(), n.manifoldDimension());
        MatchedPerturbations.Selection selection = MatchedPerturbations.select(setup, p.selection().ompCandidates(), shared);
        ReadoutPerturbation chosen = selection.of(ReadoutPerturbation.Kind.valueOf(p.perturbation()));
        StaticGaussianNetwork adapting = setup.network().copy();
        adapting.setReadout(chosen.readout());
        StaticPerturbationExperiment.Adaptation a = p.adaptation();
        FeedbackAdaptation adaptation = new FeedbackAdaptation(a.steps(), a.stabilityCheckEvery());
        GradientDescent gd = new GradientDescent(a.learningRate());
        FeedbackAdaptationResult r = p.feedback().equals("node-perturbation")
                ? adaptation.run(adapting, new StaticNodePerturbation(adapting, p.nodePerturbation().sigma(),
                        p.nodePerturbation().samples(), shared.split()), gd)
                : adaptation.run(adapting, estimator(p, setup, shared), gd);

        double[] perf = r.performance();
        double[] angle = r.angle();
        int points = (angle.length + a.metricsEvery() - 1) / a.metricsEvery();
        double[] at = new double[points];
        double[] sampled = new double[points];
        for (int i = 0; i < points; i++) {
            at[i] = i * a.metricsEvery();
            sampled[i] = angle[i * a.metricsEvery()];
        }
        Measurements m = new Measurements().curve("performance", perf).curve("loss", r.loss())
                .curve("angle", at, sampled);
        return m.scalar("performanceAt100", AdaptationMeasurements.at(perf, 100))
                .scalar("performanceEnd", AdaptationMeasurements.at(perf, a.steps()))
                .scalar("unstable", r.unstable() ? 1 : 0)
                .scalar("stoppedAt", r.stoppedAt())
                .scalar("initialLoss", r.loss().length > 0 ? r.loss()[0] : Double.NaN)
                .scalar("angleStart", angle.length > 0 ? angle[0] : Double.NaN)
                .scalar("angleEnd", angle.length > 0 ? angle[angle.length - 1] : Double.NaN);
    }

    private static FeedbackEstimator estimator(Params p, StaticBciSetup setup, SplittableRandom shared) {
        return switch (p.feedback()) {
            case "exact" -> new ExactFeedback();
            case "stale" -> new StaleFeedback(setup.network().readout());
            case "random" -> new RandomFeedback(setup.network().readout(), shared);
            case "covariance" -> CovarianceFeedback.ridge(p.ridge());
            case "univariate" -> CovarianceFeedback.univariate();
            case "rdd" -> new RddFeedback(RddEstimator.guerguiev(), p.rdd().seconds(), p.rdd().every(),
                    p.rdd().meanDrive(), p.rdd().driveStd(),
                    new RandomFeedback(setup.network().readout(), shared).matrix(), shared.split());
            default -> throw new IllegalArgumentException("feedback: unknown estimator " + p.feedback());
        };
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Curve> perf = new ArrayList<>();
        List<Curve> angle = new ArrayList<>();
        int unstable = 0;
        for (RunRecord r : runs) {
            if (r.curve("performance") != null) {
                perf.add(r.curve("performance"));
            }
            if (r.curve("angle") != null) {
                angle.add(r.curve("angle"));
            }
            unstable += r.scalar("unstable") > 0 ? 1 : 0;
        }
        CurveStats p = CurveStats.of(perf);
        out.put("performance", p.mean());
        out.put("performanceSem", p.sem());
        CurveStats a = CurveStats.of(angle);
        out.put("angle", a.mean());
        out.put("angleSem", a.sem());
        for (String s : List.of("performanceAt100", "performanceEnd", "angleStart", "angleEnd")) {
            AdaptationMeasurements.putScalar(out, s, runs);
        }
        out.put("unstableSeeds", unstable);
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        String seeds = results.plan().seeds() + " seeds";
        return List.of(
                new NamedFigure("learning-curves", LearningCurveFigure.of(results, "performance",
                        results.plan().name() + ": WMP and OMP adaptation with estimated feedback (mean \u00b1 s.e.m., "
                                + seeds + ")",
                        "adaptation step", "retraining performance 1 - L/L0").chart()),
                new NamedFigure("alignment", LearningCurveFigure.of(results, "angle",
                        results.plan().name() + ": angle between the feedback B and the decoder's transpose ("
                                + seeds + ")",
                        "adaptation step", "angle (degrees)").chart()));
    }
}
