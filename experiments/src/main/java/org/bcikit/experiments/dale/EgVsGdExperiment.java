package org.bcikit.experiments.dale;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.api.ScalarStats;
import org.bcikit.experiments.figures.DensityPanelsFigure;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.results.ParameterSweepFigure;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.rnn.analysis.WeightDistribution;
import org.bcikit.rnn.dale.LogNormalInitialisation;
import org.bcikit.rnn.learning.ExponentiatedGradient;
import org.bcikit.rnn.learning.GaussianityScore;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.learning.MirrorDescent;
import org.bcikit.rnn.learning.SignConstrained;
import org.bcikit.rnn.learning.SignFlipCounter;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@code eg-vs-gd}: the geometry of plasticity on a sparse regression task (science.md §5.5). A run
 * trains one linear readout of {@code inputs} inputs, of which {@code relevant} matter
 * ({@link SparseRegressionTask}), by full-batch gradient descent (GD), exponentiated gradient (EG;
 * Cornford et al. 2024, "Brain-like learning with exponentiated gradients") or sign-constrained GD
 * (SCGD, their baseline), from the same log-normal initialisation with the inputs' signs
 * ({@link LogNormalInitialisation}). It measures the held-out error, sign flips (counted step by
 * step, {@link SignFlipCounter}), the final weights' log-normal fit ({@link WeightDistribution}),
 * the held-out R^2 after pruning the smallest weights, and the Gaussianity of the change in the
 * dual coordinates of each potential, p-norm(2) (GD's) and negative entropy (EG's)
 * ({@link GaussianityScore}; Pogodin et al. ICLR 2024 predict the change is Gaussian in the
 * geometry that did the learning, so the smaller score names the rule).
 *
 * <p>Teacher, data and initial weights come from the paired generator: at one seed index and width
 * every rule starts from the same weights on the same data. Published findings: EG learns sparse
 * tasks better than GD, keeps every sign, and survives pruning; GD flips signs.
 */
public final class EgVsGdExperiment implements Experiment<EgVsGdExperiment.Params> {

    static final List<String> RULES = List.of("GD", "EG", "SCGD");

    /** Step sizes per rule (EG's step is relative to each weight's size, so it needs a larger one). */
    record LearningRates(double gd, double eg, double scgd) {
    }

    /**
     * @param rule          "GD", "EG" or "SCGD"
     * @param inputs        d, the number of inputs (weights)
     * @param relevant      k, the inputs the teacher uses
     * @param trainSamples  training samples (full batch)
     * @param testSamples   held-out samples
     * @param noise         standard deviation of the target noise
     * @param initGain      initial magnitudes have std initGain / sqrt(d), mean 1.5 times that
     * @param steps         full-batch steps
     * @param learningRates step size of each rule
     * @param pruneFraction fraction of weights (the smallest) set to 0 for the pruned R^2
     * @param evalEvery     steps between held-out evaluations
     * @param histogramBins bins of the weight-distribution figure
     */
    record Params(String rule, int inputs, int relevant, int trainSamples, int testSamples, double noise,
            double initGain, int steps, LearningRates learningRates, double pruneFraction, int evalEvery,
            int histogramBins) {
    }

    /** Magnitudes below this count as parked at the sign-constraint floor (1e-18), six decades above it. */
    static final double PARKED = 1e-12;

    private static final double[] PRUNE_CURVE = {0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98};

    @Override
    public String type() {
        return "eg-vs-gd";
    }

    @Override
    public String description() {
        return "GD vs EG vs sign-constrained GD on sparse regression: error, sign flips, log-normal fits, pruning, "
                + "dual-space Gaussianity";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("EG", 256, 8, 100, 1000, 0.1, 0.25, 1000, new LearningRates(0.05, 0.2, 0.05), 0.9, 20, 40);
    }

    @Override
    public void validate(Params p, Validation at) {
        at.oneOf("rule", p.rule(), RULES);
        at.atLeast("inputs", p.inputs(), 2);
        at.atLeast("relevant", p.relevant(), 1);
        at.require(p.relevant() <= p.inputs(), "relevant", "at most inputs (" + p.inputs() + ")", p.relevant());
        at.atLeast("trainSamples", p.trainSamples(), 1);
        at.atLeast("testSamples", p.testSamples(), 2);
        at.nonNegative("noise", p.noise());
        at.positive("initGain", p.initGain());
        at.atLeast("steps", p.steps(), 1);
        at.positive("learningRates.gd", p.learningRates().gd());
        at.positive("learningRates.eg", p.learningRates().eg());
        at.positive("learningRates.scgd", p.learningRates().scgd());
        at.require(p.pruneFraction() >= 0 && p.pruneFraction() < 1, "pruneFraction", "a number in [0, 1)",
                p.pruneFraction());
        at.atLeast("evalEvery", p.evalEvery(), 1);
        at.atLeast("histogramBins", p.histogramBins(), 1);
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        SplittableRandom paired = context.pairedRandom();
        SparseRegressionTask task = SparseRegressionTask.draw(p.inputs(), p.relevant(), p.trainSamples(),
                p.testSamples(), p.noise(), paired);
        int d = p.inputs();
        DMatrixRMaj initial = LogNormalInitialisation.published(p.initGain()).magnitudes(d, 1, paired);
        for (int i = 0; i < d; i++) {
            initial.data[i] *= task.signs()[i];
        }
        initial.reshape(1, d);
        Parameter w = new Parameter("w", initial.copy());
        List<Parameter> params = List.of(w);
        Optimizer rule = rule(p);
        SignFlipCounter flips = new SignFlipCounter(params);
        DMatrixRMaj column = DMatrixRMaj.wrap(d, 1, w.value().data);
        DMatrixRMaj gradColumn = DMatrixRMaj.wrap(d, 1, w.gradient().data);
        DMatrixRMaj residual = new DMatrixRMaj(p.trainSamples(), 1);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int step = 0; step <= p.steps(); step++) {
            if (step % p.evalEvery() == 0 || step == p.steps()) {
                x.add((double) step);
                y.add(task.testError(w.value()));
            }
            if (step == p.steps()) {
                break;
            }
            // L = |X w - y|^2 / 2m, dL/dw = X^T (X w - y) / m
            CommonOps_DDRM.mult(task.trainX(), column, residual);
            CommonOps_DDRM.subtractEquals(residual, task.trainY());
            CommonOps_DDRM.multTransA(1.0 / p.trainSamples(), task.trainX(), residual, gradColumn);
            rule.step(params);
            flips.update();
        }
        DMatrixRMaj last = w.value();
        Measurements m = new Measurements();
        m.curve("testError", x.stream().mapToDouble(Double::doubleValue).toArray(),
                y.stream().mapToDouble(Double::doubleValue).toArray());
        m.scalar("testError", y.get(y.size() - 1));
        m.scalar("signFlips", flips.total());
        m.scalar("prunedR2", 1.0 - task.testError(pruned(last, p.pruneFraction())));
        double[] r2 = new double[PRUNE_CURVE.length];
        for (int i = 0; i < r2.length; i++) {
            r2[i] = 1.0 - task.testError(pruned(last, PRUNE_CURVE[i]));
        }
        m.curve("prunedR2", PRUNE_CURVE, r2);
        // SCGD parks a weight that would cross zero at +-1e-18 (and the tiny late gradients move it
        // only to ~1e-17): such weights are effectively pruned, and left out of the fit and the
        // histograms like exact zeros (WeightDistribution skips zeros)
        DMatrixRMaj alive = last.copy();
        int parked = 0;
        for (int i = 0; i < d; i++) {
            if (alive.data[i] != 0.0 && Math.abs(alive.data[i]) < PARKED) {
                alive.data[i] = 0.0;
                parked++;
            }
        }
        m.scalar("parkedFraction", (double) parked / d);
        WeightDistribution fit = WeightDistribution.fit(alive);
        m.scalar("logMu", fit.logMu());
        m.scalar("logSigma", fit.logSigma());
        m.scalar("ksStatistic", fit.ksStatistic());
        double euclidean = GaussianityScore.of(initial, last, MirrorDescent.pNorm(2));
        double entropy = GaussianityScore.of(initial, last, MirrorDescent.negativeEntropy());
        m.scalar("gaussianityEuclidean", euclidean);
        m.scalar("gaussianityEntropy", entropy);
        boolean ownIsEntropy = p.rule().equals("EG");
        m.scalar("geometryIdentified", (ownIsEntropy ? entropy < euclidean : euclidean < entropy) ? 1.0 : 0.0);
        m.curve("initialLogMagnitudes", sortedLogMagnitudes(initial));
        m.curve("finalLogMagnitudes", sortedLogMagnitudes(alive));
        return m;
    }

    private static Optimizer rule(Params p) {
        switch (p.rule()) {
            case "GD":
                return new GradientDescent(p.learningRates().gd());
            case "EG":
                return ExponentiatedGradient.plain(p.learningRates().eg());
            default:
                return SignConstrained.gradientDescent(p.learningRates().scgd());
        }
    }

    /** A copy of {@code w} with its {@code fraction} smallest-magnitude entries set to 0. */
    static DMatrixRMaj pruned(DMatrixRMaj w, double fraction) {
        int n = w.getNumElements();
        int drop = (int) Math.floor(fraction * n);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(w.data[a]), Math.abs(w.data[b])));
        DMatrixRMaj out = w.copy();
        for (int i = 0; i < drop; i++) {
            out.data[order[i]] = 0.0;
        }
        return out;
    }

    /** ln|w| in ascending order (zeros left out): the quantile function, whose mean over seeds is meaningful. */
    private static double[] sortedLogMagnitudes(DMatrixRMaj w) {
        return Arrays.stream(w.data, 0, w.getNumElements()).filter(v -> v != 0.0).map(v -> Math.log(Math.abs(v)))
                .sorted().toArray();
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        ScalarStats.putMeanAndSem(out, runs, List.of("testError", "prunedR2", "signFlips", "gaussianityEuclidean",
                "gaussianityEntropy", "geometryIdentified", "logSigma", "ksStatistic", "parkedFraction"));
        double maxFlips = 0;
        for (RunRecord r : runs) {
            maxFlips = Math.max(maxFlips, r.scalar("signFlips"));
        }
        out.put("signFlipsMax", maxFlips);
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        List<NamedFigure> figures = new ArrayList<>();
        String name = results.plan().name();
        figures.add(new NamedFigure("error-vs-inputs", new ParameterSweepFigure(
                "Sparse regression: GD vs EG vs SCGD (" + name + ")", "inputs", "inputs d (log scale)", true)
                .panel("held-out error 1 - R^2", c -> c.metric("testError"), c -> c.metric("testErrorSem"))
                .panel("R^2 after pruning", c -> c.metric("prunedR2"), c -> c.metric("prunedR2Sem"))
                .panel("sign flips", c -> c.metric("signFlips"), c -> c.metric("signFlipsSem"))
                .chart(results)));
        figures.add(new NamedFigure("gaussianity-vs-inputs", new ParameterSweepFigure(
                "Gaussianity score of the dual-space change (" + name + "; lower = more Gaussian)", "inputs",
                "inputs d (log scale)", true)
                .panel("p-norm(2) dual", c -> c.metric("gaussianityEuclidean"),
                        c -> c.metric("gaussianityEuclideanSem"))
                .panel("neg.-entropy dual", c -> c.metric("gaussianityEntropy"),
                        c -> c.metric("gaussianityEntropySem"))
                .panel("rule identified", c -> c.metric("geometryIdentified"),
                        c -> c.metric("geometryIdentifiedSem"))
                .chart(results)));
        Map<Integer, List<ConditionSummary>> byWidth = new LinkedHashMap<>();
        for (ConditionSummary c : results.conditions()) {
            byWidth.computeIfAbsent(parameters(results, c).inputs(), k -> new ArrayList<>()).add(c);
        }
        byWidth.forEach((d, conditions) -> {
            LearningCurveFigure f = new LearningCurveFigure("Held-out error, d = " + d + " (" + name + ")",
                    "full-batch step", "held-out error 1 - R^2");
            for (ConditionSummary c : conditions) {
                f.add(parameters(results, c).rule(), RULES.indexOf(parameters(results, c).rule()),
                        c.curves().get("testError"));
            }
            figures.add(new NamedFigure("learning-curves-d=" + d, f.chart()));
            LearningCurveFigure pruning = new LearningCurveFigure("Pruning the smallest weights, d = " + d + " (" + name
                    + ")", "fraction of weights pruned", "held-out R^2");
            for (ConditionSummary c : conditions) {
                pruning.add(parameters(results, c).rule(), RULES.indexOf(parameters(results, c).rule()),
                        c.curves().get("prunedR2"));
            }
            figures.add(new NamedFigure("pruning-d=" + d, pruning.chart()));
        });
        int widest = byWidth.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        figures.add(new NamedFigure("weight-distributions-d=" + widest, weightDistributions(results,
                byWidth.get(widest), widest)));
        return figures;
    }

    /**
     * One panel per rule: the histogram of ln|w| before and after learning (every seed pooled, the
     * axis from the 1st to the 99th percentile) and the normal density of the log-normal fit to the
     * final weights (dashed). SCGD's parked weights are left out; the panel says what share they are.
     */
    private static org.jfree.chart.JFreeChart weightDistributions(ExperimentResults results,
            List<ConditionSummary> conditions, int d) {
        Map<Integer, double[][]> pooled = new LinkedHashMap<>();
        List<Double> all = new ArrayList<>();
        for (ConditionSummary c : conditions) {
            List<Double> before = new ArrayList<>();
            List<Double> after = new ArrayList<>();
            for (RunRecord r : results.runs()) {
                if (r.context().conditionIndex() == c.index()) {
                    for (double v : r.curve("initialLogMagnitudes").y()) {
                        before.add(v);
                    }
                    for (double v : r.curve("finalLogMagnitudes").y()) {
                        after.add(v);
                    }
                }
            }
            all.addAll(before);
            all.addAll(after);
            pooled.put(c.index(), new double[][] {toArray(before), toArray(after)});
        }
        double[] every = toArray(all);
        double lo = new Percentile().evaluate(every, 1);
        double hi = new Percentile().evaluate(every, 99);
        DensityPanelsFigure f = new DensityPanelsFigure("Weight distributions, d = " + d + " ("
                + results.plan().name() + ")", "ln |w|");
        for (ConditionSummary c : conditions) {
            Params p = parameters(results, c);
            double[][] v = pooled.get(c.index());
            int bins = p.histogramBins();
            double parked = c.metric("parkedFraction");
            f.panel(p.rule() + (parked > 0 ? String.format(java.util.Locale.ROOT, " (%.0f%% parked)", 100 * parked) : ""));
            f.histogram("initial", 7, v[0], lo, hi, bins);
            f.histogram("final", 0, v[1], lo, hi, bins);
            double mu = c.scalars().get("logMu").mean();
            double sigma = c.scalars().get("logSigma").mean();
            // no random generator: the distribution is only evaluated, never sampled
            NormalDistribution fit = new NormalDistribution(null, mu, sigma);
            double[] xs = new double[200];
            double[] ys = new double[200];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = lo + (hi - lo) * i / (xs.length - 1);
                ys[i] = fit.density(xs[i]);
            }
            f.curve("log-normal fit to final", 1, xs, ys, true);
        }
        return f.chart();
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Params parameters(ExperimentResults results, ConditionSummary c) {
        return (Params) results.plan().conditions().get(c.index()).parameters();
    }
}
