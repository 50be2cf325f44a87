package org.bcikit.experiments.burstprop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.CurveStats;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.api.ScalarStats;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.rnn.burstprop.BurstpropConfig;
import org.bcikit.rnn.burstprop.BurstpropFit;
import org.bcikit.rnn.burstprop.BurstpropLearner;
import org.bcikit.rnn.burstprop.FeedbackRule;
import org.bcikit.rnn.burstprop.LearningRule;
import org.bcikit.rnn.burstprop.Patterns;
import org.jfree.chart.JFreeChart;

/**
 * {@code burstprop-xor}: the rate form of burstprop (Payeur, Guerguiev, Zenke, Richards &amp; Naud,
 * Nat Neurosci 24:1010, 2021; science.md §11) learning XOR on a 2 → hidden → 1 sigmoid network.
 * {@code learner} is {@code fixed-random} or {@code kolen-pollack} feedback Y for burstprop,
 * {@code symmetric} (Y = W2^T, burstprop's own approximation alone) or the {@code backprop}
 * reference; {@code dendriticSlope} is β of the hidden burst probability {@code σ(β u)}.
 *
 * <p>Per run: accuracy and loss curves, the angle between burstprop's and backprop's first-layer
 * updates (summed over the four patterns) and the angle between Y and W2^T, every
 * {@code recordEvery} epochs. Under {@code backprop} the update angle is the one burstprop with
 * Y = W2^T would make on backprop's weights, and there is no Y to align. The network and the
 * pattern orders come from the paired seed, so at a seed index every condition starts from the same
 * weights and sees the patterns in the same order.
 */
public final class BurstpropXorExperiment implements Experiment<BurstpropXorExperiment.Params> {

    static final List<String> LEARNERS = List.of("fixed-random", "kolen-pollack", "symmetric", "backprop");

    /**
     * @param learner               one of {@link #LEARNERS}
     * @param dendriticSlope        β of the hidden burst probability
     * @param hidden                hidden units
     * @param baselineBurst         output baseline burst probability p_b
     * @param outputLearningRate    η of the output layer
     * @param hiddenLearningRate    η of the hidden layer (divided by β)
     * @param recurrentLearningRate η of Z
     * @param weightDecay           per-step decay of W2 (and of Y under Kolen–Pollack)
     * @param initScale             standard deviation of the initial weights
     * @param epochs                passes over the four patterns
     * @param recordEvery           epochs between samples of the curves
     */
    public record Params(String learner, double dendriticSlope, int hidden, double baselineBurst,
            double outputLearningRate, double hiddenLearningRate, double recurrentLearningRate, double weightDecay,
            double initScale, int epochs, int recordEvery) {
    }

    @Override
    public String type() {
        return "burstprop-xor";
    }

    @Override
    public String description() {
        return "Payeur et al. 2021: the rate form of burstprop learning XOR with fixed random or Kolen-Pollack "
                + "feedback, against backprop (update angle, feedback alignment)";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        BurstpropConfig c = BurstpropConfig.xorDefaults();
        return new Params("kolen-pollack", c.dendriticSlope(), c.hidden(), c.baselineBurst(), c.outputLearningRate(),
                c.hiddenLearningRate(), c.recurrentLearningRate(), c.weightDecay(), c.initScale(), 2000, 20);
    }

    @Override
    public void validate(Params p, Validation at) {
        at.oneOf("learner", p.learner(), LEARNERS);
        at.positive("dendriticSlope", p.dendriticSlope());
        at.atLeast("hidden", p.hidden(), 1);
        at.require(p.baselineBurst() > 0 && p.baselineBurst() < 1, "baselineBurst", "a number in (0, 1)",
                p.baselineBurst());
        at.positive("outputLearningRate", p.outputLearningRate());
        at.positive("hiddenLearningRate", p.hiddenLearningRate());
        at.nonNegative("recurrentLearningRate", p.recurrentLearningRate());
        at.require(p.weightDecay() >= 0 && p.weightDecay() < 1, "weightDecay", "a number in [0, 1)", p.weightDecay());
        at.positive("initScale", p.initScale());
        at.atLeast("epochs", p.epochs(), 1);
        at.atLeast("recordEvery", p.recordEvery(), 1);
    }

    static BurstpropConfig config(Params p) {
        LearningRule rule = p.learner().equals("backprop") ? LearningRule.BACKPROP : LearningRule.BURSTPROP;
        FeedbackRule feedback = switch (p.learner()) {
            case "fixed-random" -> FeedbackRule.FIXED_RANDOM;
            case "symmetric" -> FeedbackRule.SYMMETRIC;
            default -> FeedbackRule.KOLEN_POLLACK;
        };
        return new BurstpropConfig(p.hidden(), rule, feedback, p.baselineBurst(), p.dendriticSlope(),
                p.outputLearningRate(), p.hiddenLearningRate(), p.recurrentLearningRate(), p.weightDecay(),
                p.initScale(), p.epochs());
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        BurstpropFit fit = new BurstpropLearner(config(p)).fit(Patterns.xor(), context.pairedRandom(), p.recordEvery());
        double[] epochs = fit.epochs();
        double[] accuracy = fit.accuracy();
        double[] angle = fit.updateAngle();
        double[] alignment = fit.alignment();
        Measurements m = new Measurements().curve("accuracy", epochs, accuracy).curve("loss", epochs, fit.loss())
                .curve("updateAngle", epochs, angle);
        if (!p.learner().equals("backprop") && !p.learner().equals("symmetric")) {
            m.curve("alignment", epochs, alignment);
        }
        double solvedAt = Double.NaN;
        for (int i = accuracy.length - 1; i >= 0 && accuracy[i] == 1.0; i--) {
            solvedAt = epochs[i];
        }
        double angleSum = 0;
        for (double a : angle) {
            angleSum += a;
        }
        return m.scalar("solved", fit.solved() ? 1 : 0)
                .scalar("accuracyEnd", BurstpropFit.last(accuracy))
                .scalar("lossEnd", BurstpropFit.last(fit.loss()))
                .scalar("solvedFromEpoch", solvedAt)
                .scalar("updateAngleStart", angle[0])
                .scalar("updateAngleEnd", BurstpropFit.last(angle))
                .scalar("updateAngleMean", angleSum / angle.length)
                .scalar("alignmentStart", alignment[0])
                .scalar("alignmentEnd", BurstpropFit.last(alignment));
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>();
        for (RunRecord r : runs) {
            names.addAll(r.scalars().keySet());
        }
        int solved = 0;
        for (RunRecord r : runs) {
            solved += r.scalar("solved") > 0 ? 1 : 0;
        }
        out.put("solvedSeeds", solved);
        out.put("seeds", runs.size());
        ScalarStats.putMeanAndSem(out, runs, names);
        return out;
    }

    /**
     * Four figures per network size (accuracy, loss, update angle, feedback alignment), each line a
     * learner and slope, coloured by its place among the size's conditions; sizes apart so that no figure holds 16 lines.
     */
    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        String run = results.plan().name() + ", " + results.plan().seeds() + " seeds, mean \u00b1 s.e.m.";
        Map<Integer, List<ConditionSummary>> bySize = new TreeMap<>();
        for (ConditionSummary c : results.conditions()) {
            bySize.computeIfAbsent(parameters(results, c).hidden(), k -> new ArrayList<>()).add(c);
        }
        List<NamedFigure> figures = new ArrayList<>();
        bySize.forEach((hidden, conditions) -> {
            String size = "2-" + hidden + "-1, " + run;
            figures.add(new NamedFigure("accuracy-hidden" + hidden, lines(conditions, "accuracy",
                    new LearningCurveFigure("XOR patterns classified (" + size + ")", "epoch",
                            "fraction of the 4 patterns").yRange(0, 1.05))));
            figures.add(new NamedFigure("loss-hidden" + hidden, lines(conditions, "loss",
                    new LearningCurveFigure("XOR loss (" + size + ")", "epoch",
                            "mean squared error \u00bd(y - e)\u00b2"))));
            figures.add(new NamedFigure("update-angle-hidden" + hidden, lines(conditions, "updateAngle",
                    new LearningCurveFigure("Burstprop vs backprop first-layer update (" + size + ")", "epoch",
                            "angle (degrees)").yRange(0, 120))));
            figures.add(new NamedFigure("feedback-alignment-hidden" + hidden, lines(conditions, "alignment",
                    new LearningCurveFigure("Angle between the feedback Y and W2\u1d40 (" + size + ")", "epoch",
                            "angle (degrees)").yRange(0, 120))));
        });
        return figures;
    }

    private static JFreeChart lines(List<ConditionSummary> conditions, String curve, LearningCurveFigure f) {
        for (int i = 0; i < conditions.size(); i++) {
            CurveStats stats = conditions.get(i).curves().get(curve);
            if (stats != null) {
                f.add(conditions.get(i).name(), i, stats);
            }
        }
        return f.chart();
    }

    static Params parameters(ExperimentResults results, ConditionSummary c) {
        return (Params) results.plan().conditions().get(c.index()).parameters();
    }
}
