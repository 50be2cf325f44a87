package org.bcikit.experiments.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.bcikit.data.examples.ExampleSession;
import org.bcikit.data.mat.RigSession;
import org.bcikit.decoders.hypotheses.Hypothesis;
import org.bcikit.decoders.hypotheses.HypothesisAnalysis;
import org.bcikit.decoders.hypotheses.HypothesisReport;
import org.bcikit.decoders.hypotheses.Signatures;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.rnn.fit.MomentMatching;
import org.bcikit.rnn.fit.SessionLearner;
import org.bcikit.rnn.fit.SessionPrediction;

/**
 * {@code fit-session}: a learner fitted to a real session predicts its after-learning activity
 * (science.md sections 5.1 and 8). The static linear-Gaussian network of Payeur et al. 2023 is
 * fitted to the session's before-learning activity from a lazy or a rich start, adapted by exact
 * gradient descent to the session's own perturbed decoder until its progress reaches the recorded
 * after-learning progress, and its predicted after-learning activity is scored with Golub et al.
 * 2018's signatures beside the recorded activity and the five hypotheses (drawn once per run):
 * how far the prediction is from each, in units of the metric's spread over data and hypotheses.
 */
public final class FitSessionExperiment implements Experiment<FitSessionExperiment.Params> {

    /** The signatures compared; each distance averages their squared, spread-scaled differences. */
    static final Map<String, ToDoubleFunction<Signatures>> COMPARED = compared();

    /** @param learningRate Adam's rate, @param maxSteps at most this many steps, @param tolerance stop below this mean KL */
    public record Fit(double learningRate, int maxSteps, double tolerance) {
    }

    /** @param learningRate GD on W, @param maxSteps at most, @param stopAtRecordedProgress stop at the recorded progress */
    public record Adaptation(double learningRate, int maxSteps, boolean stopAtRecordedProgress) {
    }

    /**
     * @param input          the rig session (path or example:NAME)
     * @param regime         lazy (W ~ N(0,1)/q^0.55) or rich (N(0,1)/q)
     * @param learner        dense-gd (Payeur's network, GD), colei-gd or colei-eg (Dale's law, projected GD or EG)
     * @param noiseVariance  the network's private noise variance; 0: twice the recorded covariance's smallest eigenvalue
     * @param fit            moment matching
     * @param adaptation     adaptation to the perturbed decoder
     * @param draws          draws of the predicted clouds per run
     * @param hypothesisDraws draws of each hypothesis per run (0: no comparison)
     */
    public record Params(String input, String regime, String learner, double noiseVariance, Fit fit, Adaptation adaptation, int draws,
                         int hypothesisDraws) {
    }

    private static Map<String, ToDoubleFunction<Signatures>> compared() {
        Map<String, ToDoubleFunction<Signatures>> m = new LinkedHashMap<>();
        m.put("overallRepertoireChange", Signatures::overallRepertoireChange);
        m.put("movementSpecificRepertoireChange", Signatures::movementSpecificRepertoireChange);
        m.put("deltaVarianceIntuitivePercent", Signatures::deltaVarianceIntuitivePercent);
        m.put("deltaVariancePerturbedPercent", Signatures::deltaVariancePerturbedPercent);
        m.put("meanPerturbedProgress", Signatures::meanPerturbedProgress);
        return m;
    }

    @Override
    public String type() {
        return "fit-session";
    }

    @Override
    public String description() {
        return "fit a static network to a real session, adapt it to the session's perturbation, score its predicted "
                + "after-learning activity against the data and Golub et al. 2018's hypotheses";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params(RigSessionExperiment.DEFAULT_INPUT, "lazy", "dense-gd", 0, new Fit(1e-2, 3000, 1e-6),
                new Adaptation(1e-3, 3000, true), 3, 1);
    }

    @Override
    public void validate(Params p, Validation at) {
        at.require(p.input() != null && !p.input().isBlank(), "input",
                "a path to a rig session (.mat) or example:" + ExampleSession.GOLUB2018.id(), p.input());
        at.oneOf("regime", p.regime(), List.of("lazy", "rich"));
        at.oneOf("learner", p.learner(), List.of("dense-gd", "colei-gd", "colei-eg"));
        at.nonNegative("noiseVariance", p.noiseVariance());
        at.positive("fit.learningRate", p.fit().learningRate());
        at.atLeast("fit.maxSteps", p.fit().maxSteps(), 1);
        at.nonNegative("fit.tolerance", p.fit().tolerance());
        at.positive("adaptation.learningRate", p.adaptation().learningRate());
        at.atLeast("adaptation.maxSteps", p.adaptation().maxSteps(), 0);
        at.atLeast("draws", p.draws(), 1);
        at.atLeast("hypothesisDraws", p.hypothesisDraws(), 0);
    }

    @Override
    public Measurements run(Params p, RunContext context) throws Exception {
        RigSession session = RigSession.read(RigSessionExperiment.resolve(p.input()));
        SessionLearner learner = SessionLearner.withExponent(
                        p.regime().equals("rich") ? SessionLearner.RICH_EXPONENT : SessionLearner.LAZY_EXPONENT)
                .withAdaptation(p.adaptation().learningRate(), p.adaptation().maxSteps())
                .stoppingAtRecordedProgress(p.adaptation().stopAtRecordedProgress())
                .withDraws(p.draws());
        if (p.learner().startsWith("colei")) {
            learner = learner.withDaleNetwork(p.learner().endsWith("eg"));
        }
        if (p.noiseVariance() > 0) {
            learner = learner.withMatching(matching(p, p.noiseVariance()));
        } else {
            learner = learner.withFit(p.fit().learningRate(), p.fit().maxSteps(), p.fit().tolerance());
        }
        SessionPrediction pr = learner.fit(session, context.random());
        Measurements m = new Measurements();
        m.scalar("fit.kl", pr.fit().kl());
        m.scalar("fit.steps", pr.fit().steps());
        m.scalar("fit.converged", pr.fit().converged() ? 1 : 0);
        m.scalar("fit.noiseVariance", pr.fit().noiseVariance());
        m.scalar("adaptation.steps", pr.adaptationSteps());
        m.scalar("adaptation.reachedRecordedProgress", pr.reachedRecorded() ? 1 : 0);
        m.scalar("spectralRadius.fitted", pr.fittedRadius());
        m.scalar("spectralRadius.end", pr.endRadius());
        m.scalar("weightChange", pr.weightChange());
        m.scalar("progress.start", pr.startProgress());
        m.scalar("progress.recorded", pr.recordedProgress());
        m.curve("progress", pr.progress());
        Signatures recorded = null;
        HypothesisReport hyp = null;
        if (p.hypothesisDraws() > 0) {
            hyp = HypothesisAnalysis.defaults().withRepeats(p.hypothesisDraws()).withSeed(context.runSeed()).run(session);
            recorded = hyp.recorded();
        }
        for (Map.Entry<String, ToDoubleFunction<Signatures>> e : HypothesisOutput.METRICS.entrySet()) {
            m.scalar("predicted." + e.getKey(), HypothesisOutput.meanSd(pr.predicted(), e.getValue())[0]);
            m.scalar("fitted." + e.getKey(), HypothesisOutput.meanSd(pr.fitted(), e.getValue())[0]);
            if (recorded != null) {
                m.scalar("recorded." + e.getKey(), e.getValue().applyAsDouble(recorded));
                for (Hypothesis h : Hypothesis.values()) {
                    m.scalar("hypothesis." + h.label() + "." + e.getKey(),
                            HypothesisOutput.meanSd(hyp.predicted().get(h), e.getValue())[0]);
                }
            }
        }
        if (hyp != null) {
            distances(m, pr, hyp);
        }
        return m;
    }

    /**
     * Distances from the learner's prediction to the data and to each hypothesis: the root mean
     * square over {@link #COMPARED} of differences divided by that metric's spread (sd) over the
     * data and the five hypotheses, so metrics in percent and in repertoire units weigh alike.
     */
    private static void distances(Measurements m, SessionPrediction pr, HypothesisReport hyp) {
        Map<String, Double> scale = new LinkedHashMap<>();
        for (Map.Entry<String, ToDoubleFunction<Signatures>> e : COMPARED.entrySet()) {
            double[] v = new double[Hypothesis.values().length + 1];
            v[0] = e.getValue().applyAsDouble(hyp.recorded());
            for (Hypothesis h : Hypothesis.values()) {
                v[h.ordinal() + 1] = HypothesisOutput.meanSd(hyp.predicted().get(h), e.getValue())[0];
            }
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            scale.put(e.getKey(), Math.sqrt(ss / (v.length - 1)));
        }
        m.scalar("distance.recorded", distance(pr.predicted(), List.of(hyp.recorded()), scale));
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (Hypothesis h : Hypothesis.values()) {
            double d = distance(pr.predicted(), hyp.predicted().get(h), scale);
            m.scalar("distance." + h.label(), d);
            m.scalar("distanceFromRecorded." + h.label(), distance(List.of(hyp.recorded()), hyp.predicted().get(h), scale));
            if (d < best) {
                best = d;
                nearest = h.ordinal();
            }
        }
        m.scalar("nearestHypothesis", nearest);
    }

    private static double distance(List<Signatures> a, List<Signatures> b, Map<String, Double> scale) {
        double s = 0;
        for (Map.Entry<String, ToDoubleFunction<Signatures>> e : COMPARED.entrySet()) {
            double d = (HypothesisOutput.meanSd(a, e.getValue())[0] - HypothesisOutput.meanSd(b, e.getValue())[0])
                    / scale.get(e.getKey());
            s += d * d;
        }
        return Math.sqrt(s / COMPARED.size());
    }

    private static MomentMatching matching(Params p, double s2) {
        return MomentMatching.ofNoiseVariance(s2).withLearningRate(p.fit().learningRate())
                .withMaxSteps(p.fit().maxSteps()).withTolerance(p.fit().tolerance());
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> nearest = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            Double n = r.scalars().get("nearestHypothesis");
            if (n != null) {
                String name = Hypothesis.values()[(int) Math.round(n)].label();
                nearest.merge(name, 1, (x, y) -> (Integer) x + (Integer) y);
            }
        }
        out.put("nearestHypothesisCounts", nearest);
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        return List.of(new NamedFigure("progress", LearningCurveFigure.of(results, "progress",
                "Fitted learner adapting to the session's perturbation", "gradient step on W",
                "mean perturbed progress (mm/s)").chart()));
    }
}
