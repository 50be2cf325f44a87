package org.bcikit.experiments.dale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.figures.Figures;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.experiments.staticnet.AdaptationMeasurements;
import org.bcikit.experiments.staticnet.StaticPerturbationExperiment;
import org.bcikit.rnn.adaptation.MatchedPerturbations;
import org.bcikit.rnn.adaptation.ReadoutPerturbation;
import org.bcikit.rnn.adaptation.StaticAdaptation;
import org.bcikit.rnn.adaptation.StaticAdaptationResult;
import org.bcikit.rnn.adaptation.StaticBciSetup;
import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.analysis.WeightDistribution;
import org.bcikit.rnn.dale.ColEiWeights;
import org.bcikit.rnn.dale.DaleInitialisation;
import org.bcikit.rnn.dale.DannCorrectedUpdates;
import org.bcikit.rnn.dale.DannWeights;
import org.bcikit.rnn.learning.ExponentiatedGradient;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.learning.SignConstrained;
import org.bcikit.rnn.learning.SignFlipCounter;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.RecurrentWeights;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * {@code dale-bci}: WMP versus OMP adaptation of Dale's-law static networks (new science: the
 * protocol of Payeur, Orsborn and Lajoie 2023, science.md §5.1, on the E/I structures of §5.4 with
 * the learning rules of §5.5). The recurrent matrix is ColEI ({@code W = W+ diag(s)}, Song et al.
 * 2016; Li et al. NeurIPS 2023 initialisation) or DANN ({@code W = W_EE - W_EI W_IE}, Cornford et
 * al. ICLR 2021), and it learns, in the initial training and in the adaptation alike, with
 * <ul>
 *   <li>{@code GD}: projected gradient descent, sign-constrained for ColEI
 *       ({@link SignConstrained}: a magnitude that would cross 0 stays at 1e-18) and with the
 *       published interneuron correction for DANN ({@link DannCorrectedUpdates}, then the clamp at
 *       0 of {@link DannWeights#refresh()});</li>
 *   <li>{@code EG}: exponentiated gradient ({@link ExponentiatedGradient}, Cornford et al. 2024),
 *       multiplicative, so no weight changes sign; DANN keeps its interneuron correction.</li>
 * </ul>
 *
 * <p><b>Lazy and rich for a Dale network.</b> Payeur et al. set the regime by the scale of a
 * Gaussian W, {@code W_ij ~ N(0,1)/N^e}: lazy e = 0.55, rich e = 1.0. Such a matrix has spectral
 * radius {@code N^(1/2 - e)} (0.79 and 0.1 at N = 100). Dale networks keep their published
 * (exponential, E/I-balanced) magnitudes and are scaled as a whole so that the effective W has that
 * same spectral radius: W+ for ColEI, W_EE and W_IE together for DANN (W_EI rows sum to 1). So the
 * magnitudes scale as {@code N^-e} as in the standard network, and lazy and rich Dale networks
 * start as far from the instability ({@code max |eig W| = 1}) as Payeur's lazy and rich Gaussian
 * networks.
 *
 * <p><b>Learning rates.</b> GD uses Payeur's rates (1e-2 initial training, 1e-3 adaptation). EG's
 * rate is relative: a weight w moves by about {@code -eta w g} against GD's {@code -eta_GD g}. For
 * a gradient independent of the weights the EG step's expected squared norm is
 * {@code eta^2 mean(w^2) |g|^2}, so EG takes GD's step size when
 * {@code eta = egScale * eta_GD / rms(w)}, the root mean square taken over the non-zero plastic
 * recurrent weights at the start of each phase (recorded as {@code trainingEgLearningRate} and
 * {@code adaptationEgLearningRate}). The RMS rather than the mean matters for ColEI, whose few
 * inhibitory columns are (nE/nI) times larger and would otherwise take steps large enough to
 * push W past spectral radius 1. With {@code egScale} = 1 the default runs are stable (the
 * {@code unstableSeeds} metric shows any that are not).
 *
 * <p>Per run, besides the metrics of {@code lazy-rich}: the log-normal fit (MLE of
 * {@code ln|w|}, Kolmogorov-Smirnov distance; {@link WeightDistribution}) of the principal
 * magnitudes (ColEI: W+; DANN: W_EE) at initialisation, after the initial training and after the
 * adaptation (not for a run that went unstable), the fraction of those weights at 0
 * (projection), and the sign flips of every recurrent parameter over both phases ({@link SignFlipCounter}, counted after every update and
 * projection; must be 0). The network and U, V come from the paired seed, so at one seed index the
 * GD and EG, lazy and rich, WMP and OMP conditions of a structure share their draws.
 */
public final class DaleBciExperiment implements Experiment<DaleBciExperiment.Params> {

    /**
     * The network and task.
     *
     * @param units              N (ColEI: E and I units; DANN: principal units, plus interneurons)
     * @param targets            K centre-out targets
     * @param noiseVariance      private noise variance
     * @param inputNoiseVariance input noise variance
     * @param manifoldDimension  M
     * @param inhibitoryFraction I units among all (ColEI: of N; DANN: interneurons among N + nI)
     * @param lazyExponent       e of the lazy regime (spectral radius N^(1/2 - e))
     * @param richExponent       e of the rich regime
     */
    public record Network(int units, int targets, double noiseVariance, double inputNoiseVariance,
            int manifoldDimension, double inhibitoryFraction, double lazyExponent, double richExponent) {
    }

    /**
     * @param steps               updates on the perturbed decoder
     * @param learningRate        GD learning rate
     * @param egScale             EG rate = egScale x the GD rate / mean |w| at the start of each phase
     * @param metricsEvery        full metrics every this many steps
     * @param stabilityCheckEvery spectral-radius check every this many steps
     */
    public record Adaptation(int steps, double learningRate, double egScale, int metricsEvery,
            int stabilityCheckEvery) {
    }

    /**
     * @param structure    {@code ColEI} or {@code DANN}
     * @param rule         {@code GD} or {@code EG}
     * @param regime       {@code lazy} or {@code rich}
     * @param perturbation {@code WMP} or {@code OMP}
     */
    public record Params(String structure, String rule, String regime, String perturbation, Network network,
            StaticPerturbationExperiment.Training initialTraining, StaticPerturbationExperiment.Selection selection,
            Adaptation adaptation) {
    }

    @Override
    public String type() {
        return "dale-bci";
    }

    @Override
    public String description() {
        return "Dale's-law static networks (ColEI, DANN) adapting to WMPs and OMPs with projected GD or "
                + "exponentiated gradient, lazy and rich";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("ColEI", "GD", "lazy", "WMP", new Network(100, 6, 1e-2, 0.0, 6, 0.1, 0.55, 1.0),
                new StaticPerturbationExperiment.Training(500, 1e-2), new StaticPerturbationExperiment.Selection(10000),
                new Adaptation(1000, 1e-3, 1.0, 100, 10));
    }

    @Override
    public void validate(Params p, Validation at) {
        at.oneOf("structure", p.structure(), List.of("ColEI", "DANN"));
        at.oneOf("rule", p.rule(), List.of("GD", "EG"));
        at.oneOf("regime", p.regime(), List.of("lazy", "rich"));
        at.oneOf("perturbation", p.perturbation(), List.of("WMP", "OMP"));
        Network n = p.network();
        StaticPerturbationExperiment.validateTask(at.below("network"), n.units(), n.targets(), n.noiseVariance(),
                n.inputNoiseVariance(), n.manifoldDimension());
        at.require(n.inhibitoryFraction() > 0 && n.inhibitoryFraction() < 1, "network.inhibitoryFraction",
                "a number in (0, 1)", n.inhibitoryFraction());
        at.positive("network.lazyExponent", n.lazyExponent());
        at.positive("network.richExponent", n.richExponent());
        p.initialTraining().validate(at.below("initialTraining"));
        p.selection().validate(at.below("selection"));
        Adaptation a = p.adaptation();
        at.atLeast("adaptation.steps", a.steps(), 1);
        at.positive("adaptation.learningRate", a.learningRate());
        at.positive("adaptation.egScale", a.egScale());
        at.atLeast("adaptation.metricsEvery", a.metricsEvery(), 1);
        at.atLeast("adaptation.stabilityCheckEvery", a.stabilityCheckEvery(), 1);
    }

    /** The spectral radius of a {@code N(0,1)/N^e} matrix, given to the Dale network of regime e. */
    static double spectralRadius(int units, double exponent) {
        return Math.pow(units, 0.5 - exponent);
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        Network n = p.network();
        SplittableRandom shared = context.pairedRandom();
        double radius = spectralRadius(n.units(), p.regime().equals("lazy") ? n.lazyExponent() : n.richExponent());
        RecurrentWeights w = p.structure().equals("ColEI")
                ? ColEiWeights.initialise(n.units(), n.inhibitoryFraction(), radius, shared)
                : DannWeights.initialise(n.units(), DaleInitialisation.interneuronCount(n.units(), n.inhibitoryFraction()),
                        radius, shared);
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(n.targets()), w,
                n.noiseVariance(), n.inputNoiseVariance(), shared);
        Measurements m = new Measurements();
        fit(principal(net.recurrent()), "Init", m);

        // the initial training of the static experiments (StaticBciSetup trains a copy of net: the rules
        // and the flip counter find the copy's parameters by name)
        SignFlipCounter flips = new SignFlipCounter(net.recurrent().parameters());
        Optimizer training = flips.counting(rule(p, net.recurrent(), p.initialTraining().learningRate(), m, "training"));
        StaticBciSetup setup = StaticBciSetup.prepare(net, training, p.initialTraining().steps(), n.manifoldDimension());
        double[] trainingLoss = setup.trainingLoss();
        flips.update(setup.network().recurrent().parameters());
        long trainingFlips = flips.total();
        m.scalar("spectralRadiusTrained", EigenvalueSpectrum.of(setup.network().recurrent().effective()).spectralRadius());
        MatchedPerturbations.Selection selection = MatchedPerturbations.select(setup, p.selection().ompCandidates(), shared);
        StaticGaussianNetwork adapting = setup.network().copy();
        adapting.setReadout(selection.of(ReadoutPerturbation.Kind.valueOf(p.perturbation())).readout());
        fit(principal(adapting.recurrent()), "Start", m);

        Adaptation a = p.adaptation();
        SignFlipCounter adaptationFlips = new SignFlipCounter(adapting.recurrent().parameters());
        Optimizer rule = adaptationFlips.counting(rule(p, adapting.recurrent(), a.learningRate(), m, "adaptation"));
        StaticAdaptationResult r = new StaticAdaptation(a.steps(), a.metricsEvery(), a.stabilityCheckEvery())
                .withSpectraAtLastOnly()
                .run(adapting, rule, setup.decoder(), setup.activity());
        adaptationFlips.update();
        AdaptationMeasurements.record(m, r, setup, a.steps());
        if (r.completed()) {
            fit(principal(adapting.recurrent()), "End", m);
        }
        return m.scalar("trainingLoss", trainingLoss[trainingLoss.length - 1])
                .scalar("signFlipsTraining", trainingFlips)
                .scalar("signFlipsAdaptation", adaptationFlips.total())
                .scalar("signFlips", trainingFlips + adaptationFlips.total());
    }

    /**
     * The update rule of {@code p} for {@code w} at GD rate {@code gdRate}; EG's rate is matched to it
     * (class comment) and recorded as {@code <phase>EgLearningRate}.
     */
    private static Optimizer rule(Params p, RecurrentWeights w, double gdRate, Measurements m, String phase) {
        Optimizer inner;
        if (p.rule().equals("GD")) {
            inner = w instanceof ColEiWeights ? SignConstrained.gradientDescent(gdRate) : new GradientDescent(gdRate);
        } else {
            double eta = p.adaptation().egScale() * gdRate / rootMeanSquare(w.parameters());
            m.scalar(phase + "EgLearningRate", eta);
            inner = ExponentiatedGradient.plain(eta);
        }
        return w instanceof DannWeights d ? new DannCorrectedUpdates(d, inner) : inner;
    }

    /** Root mean square of the non-zero plastic entries. */
    static double rootMeanSquare(List<Parameter> parameters) {
        double sum = 0;
        long count = 0;
        for (Parameter p : parameters) {
            double[] v = p.value().data;
            for (int k = 0; k < p.value().getNumElements(); k++) {
                if (p.plastic(k) && v[k] != 0.0) {
                    sum += v[k] * v[k];
                    count++;
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("EG learning rate: no non-zero plastic weight");
        }
        return Math.sqrt(sum / count);
    }

    /** The principal magnitudes whose distribution is fitted: W+ (ColEI) or W_EE (DANN). */
    private static DMatrixRMaj principal(RecurrentWeights w) {
        return w instanceof ColEiWeights c ? c.magnitudes().value() : ((DannWeights) w).excitatoryToExcitatory().value();
    }

    /**
     * Log-normal fit of the non-zero magnitudes: {@code logMu<when>}, {@code logSigma<when>},
     * {@code ks<when>}, and the fraction at 0 ({@code zeroFraction<when>}). Weights held at the
     * sign-constrained floor ({@link SignConstrained#FLOOR}, a projection's "zero" that keeps its
     * sign) count as zeros: they are silent synapses, and their logarithm (-41) would swamp the fit.
     */
    private static void fit(DMatrixRMaj magnitudes, String when, Measurements m) {
        DMatrixRMaj w = magnitudes.copy();
        for (int k = 0; k < w.data.length; k++) {
            if (!Double.isFinite(w.data[k])) {
                // a run that diverged (counted as unstable) has no distribution to fit
                for (String s : List.of("logMu", "logSigma", "ks", "zeroFraction")) {
                    m.scalar(s + when, Double.NaN);
                }
                return;
            }
            if (Math.abs(w.data[k]) <= SILENT) {
                w.data[k] = 0.0;
            }
        }
        WeightDistribution d = WeightDistribution.fit(w);
        m.scalar("logMu" + when, d.logMu()).scalar("logSigma" + when, d.logSigma()).scalar("ks" + when, d.ksStatistic())
                .scalar("zeroFraction" + when, (double) d.zeros() / d.count());
    }

    /** Magnitudes at or below this are silent (a thousand times the sign-constrained floor). */
    private static final double SILENT = 1e3 * SignConstrained.FLOOR;

    /** The weight-distribution scalars reported per condition (each with its {@code Sem}). */
    static final List<String> WEIGHT_FITS = List.of("logMuInit", "logSigmaInit", "ksInit", "logMuStart", "logSigmaStart",
            "ksStart", "logMuEnd", "logSigmaEnd", "ksEnd", "zeroFractionStart", "zeroFractionEnd", "spectralRadiusTrained",
            "adaptationEgLearningRate");

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        AdaptationMeasurements.putAdaptationMetrics(out, runs);
        for (String s : WEIGHT_FITS) {
            AdaptationMeasurements.putScalar(out, s, runs);
        }
        double flips = 0;
        for (RunRecord r : runs) {
            flips += r.scalar("signFlips");
        }
        out.put("signFlips", flips);
        return out;
    }

    /** The parameters of the condition summarised by {@code c}. */
    private static Params parameters(ExperimentResults results, ConditionSummary c) {
        return (Params) results.plan().conditions().get(c.index()).parameters();
    }

    /** One learning-curve figure per structure and rule (lines: regime/perturbation), and the weight fits. */
    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        Map<String, LearningCurveFigure> panels = new LinkedHashMap<>();
        for (ConditionSummary c : results.conditions()) {
            Params p = parameters(results, c);
            if (c.curves().get("performance") == null) {
                continue;
            }
            LearningCurveFigure f = panels.computeIfAbsent(p.structure() + "-" + p.rule(), k -> new LearningCurveFigure(
                    results.plan().name() + ": " + p.structure() + " network learning with " + p.rule()
                            + " (mean \u00b1 s.e.m., " + results.plan().seeds() + " seeds)",
                    "adaptation step", "retraining performance 1 - L/L0")
                    // a run that diverges records a huge loss just before it stops; keep the other curves readable
                    .yRange(-0.25, 1.0));
            int colour = (p.regime().equals("lazy") ? 0 : 2) + (p.perturbation().equals("WMP") ? 0 : 1);
            f.add(p.regime() + "/" + p.perturbation(), colour, c.curves().get("performance"));
        }
        List<NamedFigure> out = new ArrayList<>(panels.entrySet().stream()
                .map(e -> new NamedFigure("learning-curves-" + e.getKey(), e.getValue().chart())).toList());
        out.add(new NamedFigure("weight-fits", weightFits(results)));
        return out;
    }

    /**
     * Kolmogorov-Smirnov distance of the principal magnitudes from their fitted log-normal, per
     * structure/rule/regime: after the initial training (from the WMP runs, which share it with the
     * OMP runs) and after WMP and OMP adaptation (mean and s.e.m. over seeds).
     */
    private static JFreeChart weightFits(ExperimentResults results) {
        DefaultStatisticalCategoryDataset data =
                new DefaultStatisticalCategoryDataset();
        for (ConditionSummary c : results.conditions()) {
            Params p = parameters(results, c);
            String group = p.structure() + "/" + p.rule() + "/" + p.regime();
            String perturbation = p.perturbation();
            if (!perturbation.equals("OMP")) {
                data.add(c.metric("ksStart"), c.metric("ksStartSem"), "after initial training", group);
            }
            data.add(c.metric("ksEnd"), c.metric("ksEndSem"), "after " + perturbation + " adaptation", group);
        }
        CategoryAxis x = new CategoryAxis("structure / rule / regime");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis y = new NumberAxis("KS distance from the fitted log-normal");
        StatisticalBarRenderer r =
                new StatisticalBarRenderer();
        for (int i = 0; i < 3; i++) {
            r.setSeriesPaint(i, Figures.color(i));
        }
        r.setShadowVisible(false);
        r.setBarPainter(new StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        return Figures.style(new JFreeChart(results.plan().name()
                + ": how log-normal the principal weights are (mean \u00b1 s.e.m., " + results.plan().seeds() + " seeds)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }
}
