package org.bcikit.experiments.dale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.Curve;
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
import org.bcikit.rnn.analysis.SingularValueSpectrum;
import org.bcikit.rnn.dale.ColEiWeights;
import org.bcikit.rnn.dale.DaleInitialisation;
import org.bcikit.rnn.dale.DannCorrectedUpdates;
import org.bcikit.rnn.dale.DannWeights;
import org.bcikit.rnn.learning.ClippedGradients;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.RecurrentWeights;

/**
 * {@code dale-spectrum}: the singular-value spectra of Dale's-law recurrent networks at
 * initialisation and how they learn (Li et al. NeurIPS 2023, "Learning better with Dale's law: a
 * spectral perspective"; science.md §5.4). A run draws one recurrent matrix, ColEI
 * ({@link ColEiWeights}, Song et al. 2016), DANN ({@link DannWeights}, Cornford et al. ICLR 2021) or a
 * standard Gaussian network, of {@code units} units with inhibitory fraction
 * {@code inhibitoryFraction} (ignored by the standard network), and measures its normalised SVD
 * entropy ({@link SingularValueSpectrum}). Networks of at most {@code learning.maxUnits} units are
 * then rescaled to the published spectral radius and trained by BPTT on the adding problem
 * ({@link AddingProblem}; a tanh {@link org.bcikit.rnn.model.RateRnn} read out at the end,
 * {@link AddingProblemLearner}): gradient descent with norm clipping, projected for ColEI and with
 * the corrected interneuron updates for DANN.
 *
 * <p>NSE and the spectrum shape (singular values over their mean) do not depend on the matrix's
 * scale, so the spectrum is measured before the rescale and large networks skip it: the rescale
 * needs the eigenvalues of W, which cost about ten times the singular values at N = 1000.
 *
 * <p>Published finding: ColEI spectra are dispersed (low NSE), less so with more inhibitory units
 * and in larger networks; DANN and standard spectra are clustered (NSE near 1); networks with
 * lower NSE learn worse.
 */
public final class DaleSpectrumExperiment implements Experiment<DaleSpectrumExperiment.Params> {

    static final List<String> STRUCTURES = List.of("ColEI", "DANN", "standard");

    /** Dash patterns telling sizes apart in the summary figure. */
    private static final float[][] DASHES = {null, {8f, 5f}, {2f, 4f}, {12f, 4f, 2f, 4f}};

    /**
     * The learning part of a run.
     *
     * @param maxUnits       networks larger than this are not trained (0: none are)
     * @param spectralRadius W is rescaled to this spectral radius before training (Li et al.: 1.5)
     * @param steps          gradient steps
     * @param batch          sequences per step
     * @param sequenceLength adding-problem sequence length
     * @param learningRate   gradient-descent step size (every structure)
     * @param clipNorm       joint gradient norm clip
     * @param evalEvery      steps between evaluations of the held-out loss
     * @param evalBatch      held-out sequences
     */
    record Learning(int maxUnits, double spectralRadius, int steps, int batch, int sequenceLength, double learningRate,
            double clipNorm, int evalEvery, int evalBatch) {
    }

    /**
     * @param structure          "ColEI", "DANN" or "standard"
     * @param units              N (for DANN the excitatory principal units, as in {@code bcikit spectrum})
     * @param inhibitoryFraction nI / (nE + nI), in (0, 1)
     * @param histogramBins      bins of the singular-value histograms
     * @param learning           the learning part
     */
    record Params(String structure, int units, double inhibitoryFraction, int histogramBins, Learning learning) {
    }

    @Override
    public String type() {
        return "dale-spectrum";
    }

    @Override
    public String description() {
        return "NSE of ColEI, DANN and standard recurrent matrices; learning curves on the adding problem";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("ColEI", 100, 0.1, 40, new Learning(100, ColEiWeights.PUBLISHED_SPECTRAL_RADIUS, 300, 32, 10,
                0.05, 1.0, 10, 128));
    }

    @Override
    public void validate(Params p, Validation at) {
        at.oneOf("structure", p.structure(), STRUCTURES);
        at.atLeast("units", p.units(), 2);
        at.require(p.inhibitoryFraction() > 0 && p.inhibitoryFraction() < 1, "inhibitoryFraction",
                "a number in (0, 1)", p.inhibitoryFraction());
        at.atLeast("histogramBins", p.histogramBins(), 1);
        Learning l = p.learning();
        at.atLeast("learning.maxUnits", l.maxUnits(), 0);
        at.positive("learning.spectralRadius", l.spectralRadius());
        at.atLeast("learning.steps", l.steps(), 1);
        at.atLeast("learning.batch", l.batch(), 1);
        at.atLeast("learning.sequenceLength", l.sequenceLength(), 2);
        at.positive("learning.learningRate", l.learningRate());
        at.positive("learning.clipNorm", l.clipNorm());
        at.atLeast("learning.evalEvery", l.evalEvery(), 1);
        at.atLeast("learning.evalBatch", l.evalBatch(), 1);
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        SplittableRandom rng = context.random();
        boolean learns = p.units() <= p.learning().maxUnits();
        // the rescale draws nothing, so the spectrum is the same matrix's whether or not it is rescaled
        RecurrentWeights weights = initialise(p, learns ? p.learning().spectralRadius() : 0.0, rng);
        SingularValueSpectrum spectrum = SingularValueSpectrum.of(weights.effective());
        Measurements m = new Measurements();
        m.scalar("nse", spectrum.normalisedSvdEntropy());
        m.scalar("effectiveRank", spectrum.effectiveRank());
        m.curve("singularValuesOverMean", relativeToMean(spectrum.values()));
        if (learns) {
            learn(weights, p.learning(), rng, context.pairedRandom(), m);
        }
        return m;
    }

    /** The structure's published initialisation (spectral radius 0: left at the published scale). */
    static RecurrentWeights initialise(Params p, double spectralRadius, SplittableRandom rng) {
        switch (p.structure()) {
            case "ColEI":
                return ColEiWeights.initialise(p.units(), p.inhibitoryFraction(), spectralRadius, rng);
            case "DANN":
                return DannWeights.initialise(p.units(),
                        DaleInitialisation.interneuronCount(p.units(), p.inhibitoryFraction()), spectralRadius, rng);
            default:
                return new DenseWeights(Initialisation.standardGaussian(p.units(), spectralRadius, rng));
        }
    }

    private static double[] relativeToMean(double[] values) {
        double mean = 0.0;
        for (double v : values) {
            mean += v / values.length;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] / mean;
        }
        return out;
    }

    /**
     * Trains on the adding problem; records the held-out mean squared error over the target
     * variance ({@code testLoss} curve, {@code initialLoss}, {@code finalLoss}). Training and
     * held-out sequences come from the paired generator, so every structure sees the same data.
     */
    private static void learn(RecurrentWeights weights, Learning l, SplittableRandom rng, SplittableRandom data,
            Measurements m) {
        AddingProblemLearner net = new AddingProblemLearner(weights, l.sequenceLength(), AddingProblem.TARGET_MEAN, rng);
        Optimizer plain = new ClippedGradients(new GradientDescent(l.learningRate()), l.clipNorm());
        Optimizer rule = weights instanceof DannWeights ? new DannCorrectedUpdates((DannWeights) weights, plain) : plain;
        AddingProblem.Batch heldOut = AddingProblem.draw(l.evalBatch(), l.sequenceLength(), data);
        AddingProblem.Batch training = AddingProblem.allocate(l.batch(), l.sequenceLength());
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int step = 0; step <= l.steps(); step++) {
            if (step % l.evalEvery() == 0 || step == l.steps()) {
                x.add((double) step);
                y.add(net.meanSquaredError(heldOut) / AddingProblem.TARGET_VARIANCE);
            }
            if (step == l.steps()) {
                break;
            }
            AddingProblem.redraw(training, data);
            double mse = net.gradient(training);
            net.update(rule, step + 1, mse / 2);
        }
        double[] xs = x.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ys = y.stream().mapToDouble(Double::doubleValue).toArray();
        m.curve("testLoss", xs, ys);
        m.scalar("initialLoss", ys[0]);
        m.scalar("finalLoss", ys[ys.length - 1]);
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        ScalarStats nse = ScalarStats.over(runs, "nse");
        out.put("nse", nse.mean());
        out.put("nseSem", nse.sem());
        ScalarStats loss = ScalarStats.over(runs, "finalLoss");
        if (loss.n() > 0) {
            out.put("finalLoss", loss.mean());
            out.put("finalLossSem", loss.sem());
        }
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        List<NamedFigure> figures = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (ConditionSummary c : results.conditions()) {
            if (!sizes.contains(parameters(results, c).units())) {
                sizes.add(parameters(results, c).units());
            }
        }
        // nine structure x size lines would outrun the palette: colour says the structure, dashes the size
        figures.add(new NamedFigure("nse-vs-inhibitory-fraction", new ParameterSweepFigure(
                "NSE and learning vs inhibitory fraction (" + results.plan().name() + ")", "inhibitoryFraction",
                "inhibitory fraction nI / (nE + nI) (log scale)", true)
                .panel("NSE", c -> c.metric("nse"), c -> c.metric("nseSem"))
                .panel("final loss (MSE / var)", c -> c.metric("finalLoss"), c -> c.metric("finalLossSem"))
                .style(c -> new ParameterSweepFigure.LineStyle(STRUCTURES.indexOf(parameters(results, c).structure()),
                        DASHES[sizes.indexOf(parameters(results, c).units()) % DASHES.length]))
                .chart(results)));
        figures.addAll(spectra(results));
        figures.addAll(learningCurves(results));
        return figures;
    }

    /**
     * For each trained size, the three structures' held-out loss curves at the inhibitory fraction
     * nearest 0.1 (the effect of the fraction is in the sweep figure's lower panel).
     */
    private static List<NamedFigure> learningCurves(ExperimentResults results) {
        Map<Integer, List<ConditionSummary>> bySize = new LinkedHashMap<>();
        for (ConditionSummary c : results.conditions()) {
            if (c.curves().containsKey("testLoss")) {
                bySize.computeIfAbsent(parameters(results, c).units(), k -> new ArrayList<>()).add(c);
            }
        }
        List<NamedFigure> out = new ArrayList<>();
        bySize.forEach((units, conditions) -> {
            LearningCurveFigure f = new LearningCurveFigure("Adding problem, N = " + units + " (" + results.plan().name() + ")",
                    "gradient step", "held-out MSE / target variance");
            for (int s = 0; s < STRUCTURES.size(); s++) {
                ConditionSummary best = null;
                double gap = Double.POSITIVE_INFINITY;
                for (ConditionSummary c : conditions) {
                    Params p = parameters(results, c);
                    double d = Math.abs(Math.log(p.inhibitoryFraction() / 0.1));
                    if (p.structure().equals(STRUCTURES.get(s)) && d < gap) {
                        best = c;
                        gap = d;
                    }
                }
                if (best != null) {
                    f.add(best.name(), s, best.curves().get("testLoss"));
                }
            }
            out.add(new NamedFigure("learning-curves-n=" + units, f.chart()));
        });
        return out;
    }

    /**
     * For each size, the singular-value histograms (singular values over their mean, every seed
     * pooled): one panel per structure, one line per inhibitory fraction.
     */
    private static List<NamedFigure> spectra(ExperimentResults results) {
        Map<Integer, List<ConditionSummary>> bySize = new LinkedHashMap<>();
        for (ConditionSummary c : results.conditions()) {
            bySize.computeIfAbsent(parameters(results, c).units(), k -> new ArrayList<>()).add(c);
        }
        Map<Integer, double[]> pooled = new LinkedHashMap<>();
        List<Double> everything = new ArrayList<>();
        for (ConditionSummary c : results.conditions()) {
            List<Double> all = new ArrayList<>();
            for (RunRecord r : results.runs()) {
                Curve curve = r.context().conditionIndex() == c.index() ? r.curve("singularValuesOverMean") : null;
                if (curve != null) {
                    for (double v : curve.y()) {
                        all.add(v);
                    }
                }
            }
            everything.addAll(all);
            pooled.put(c.index(), all.stream().mapToDouble(Double::doubleValue).toArray());
        }
        // ColEI's few outlying singular values (up to ~60x the mean) would squash every bulk
        // into one bin: the axis ends at the 99.5th percentile of all values
        double hi = everything.isEmpty() ? 1.0
                : new org.apache.commons.math3.stat.descriptive.rank.Percentile().evaluate(
                        everything.stream().mapToDouble(Double::doubleValue).toArray(), 99.5);
        List<NamedFigure> out = new ArrayList<>();
        for (Map.Entry<Integer, List<ConditionSummary>> e : bySize.entrySet()) {
            DensityPanelsFigure f = new DensityPanelsFigure("Singular values at initialisation, N = " + e.getKey()
                    + " (" + results.plan().name() + ")", "singular value / mean singular value (largest 0.5% off the axis)");
            List<Double> fractions = new ArrayList<>();
            for (ConditionSummary c : e.getValue()) {
                double fraction = parameters(results, c).inhibitoryFraction();
                if (!fractions.contains(fraction)) {
                    fractions.add(fraction);
                }
            }
            for (String structure : STRUCTURES) {
                boolean any = false;
                for (ConditionSummary c : e.getValue()) {
                    Params p = parameters(results, c);
                    if (!p.structure().equals(structure)) {
                        continue;
                    }
                    if (!any) {
                        f.panel(structure + " density");
                        any = true;
                    }
                    f.histogram("I=" + p.inhibitoryFraction(), fractions.indexOf(p.inhibitoryFraction()),
                            pooled.get(c.index()), 0.0, hi, p.histogramBins());
                }
            }
            out.add(new NamedFigure("singular-values-n=" + e.getKey(), f.chart()));
        }
        return out;
    }

    /** The parameters of condition {@code c}. */
    static Params parameters(ExperimentResults results, ConditionSummary c) {
        return (Params) results.plan().conditions().get(c.index()).parameters();
    }
}
