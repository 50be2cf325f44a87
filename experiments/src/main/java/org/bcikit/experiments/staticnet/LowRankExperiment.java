package org.bcikit.experiments.staticnet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
import org.bcikit.rnn.adaptation.StaticAdaptation;
import org.bcikit.rnn.adaptation.StaticAdaptationResult;
import org.bcikit.rnn.adaptation.StaticBciSetup;
import org.bcikit.rnn.analysis.LazinessMeasures;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@code low-rank}: the BCI adaptation task of Payeur, Orsborn and Lajoie 2023 (science.md §5.1)
 * from initial recurrent matrices of chosen rank at matched norm, with the laziness measures of
 * Liu et al. ICLR 2024 ("How connectivity structure shapes rich and lazy learning in neural
 * circuits"; science.md §5.6). One run draws {@code W0 ~ N(0,1)/N^e}, truncates its SVD to rank r
 * and rescales it to the Frobenius norm of W0 ({@link Initialisation#lowRankOf}), then runs the
 * usual protocol: initial training of W, PCA-manifold decoder, matched WMP/OMP, exact-GD
 * adaptation ({@link #DEFAULT_EXPONENT} says why e = 0.7). W0, U and the readout come from the
 * paired seed, so at one seed index the four ranks are truncations of the same matrix.
 *
 * <p>Laziness is measured over each learning phase, from its first to its last weights: relative
 * weight change {@code |W_T - W_0|_F / |W_0|_F}, representation alignment of {@code H H^T} (H: the
 * K condition means of the activity, one row per condition), tangent-kernel alignment of the
 * mean-output Jacobian's kernel ({@link StaticGaussianNetwork#tangentKernel()}) and the effective
 * rank of W. The adaptation's are the headline ({@code relativeWeightChange},
 * {@code representationAlignment}, {@code tangentKernelAlignment}, {@code effectiveRank}); the
 * initial training's, on the network's own readout, are reported with the prefix {@code training}.
 * Liu et al.'s finding is that high-rank initialisations learn lazier (small relative change,
 * kernels stay aligned) and low-rank ones richer.
 */
public final class LowRankExperiment implements Experiment<LowRankExperiment.Params> {

    /**
     * e of the full-rank draw. Not Payeur's lazy 0.55: the rank-1 truncation of a
     * {@code N(0,1)/N^0.55} matrix at matched norm has one eigenvalue of spread about
     * {@code N^(1/2 - e)} = 0.79, so about a fifth of rank-1 networks start at or near spectral
     * radius 1 and go unstable; at e = 0.7 (spread 0.4) no default run does.
     */
    public static final double DEFAULT_EXPONENT = 0.7;

    /**
     * @param rank         the initial rank r of W (1 to units; units = the full Gaussian matrix)
     * @param perturbation {@code WMP} or {@code OMP}
     */
    public record Params(int rank, String perturbation, SingleExponentNetwork network, StaticPerturbationExperiment.Training initialTraining,
            StaticPerturbationExperiment.Selection selection, StaticPerturbationExperiment.Adaptation adaptation) {
    }

    @Override
    public String type() {
        return "low-rank";
    }

    @Override
    public String description() {
        return "static network (Payeur et al. 2023) from rank-r initial weights at matched norm: WMP/OMP adaptation "
                + "and laziness (Liu et al. 2024)";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params(100, "WMP", new SingleExponentNetwork(100, 6, 1e-2, 0.0, 6, DEFAULT_EXPONENT),
                new StaticPerturbationExperiment.Training(500, 1e-2), new StaticPerturbationExperiment.Selection(10000),
                new StaticPerturbationExperiment.Adaptation(1000, 1e-3, 1000, 10));
    }

    @Override
    public void validate(Params p, Validation at) {
        SingleExponentNetwork n = p.network();
        n.validate(at.below("network"));
        at.require(p.rank() >= 1 && p.rank() <= n.units(), "rank", "an integer in [1, network.units = " + n.units() + "]",
                p.rank());
        at.oneOf("perturbation", p.perturbation(), List.of("WMP", "OMP"));
        p.initialTraining().validate(at.below("initialTraining"));
        p.selection().validate(at.below("selection"));
        p.adaptation().validate(at.below("adaptation"));
    }

    /** The key of the work both perturbations of a rank share: everything before the adaptation. */
    private record SharedKey(int rank, SingleExponentNetwork network, StaticPerturbationExperiment.Training training,
            StaticPerturbationExperiment.Selection selection, long pairedSeed) {
    }

    /**
     * The rank-r network prepared for adaptation, with the laziness snapshots of its initial
     * training and the effective rank of its initial W. Shared by both perturbations: never changed.
     */
    private record Shared(PairedSetup paired, double effectiveRankInit, Snapshot untrained, Snapshot trained) {
    }

    @Override
    public Object sharedWorkKey(Params p, RunContext context) {
        return new SharedKey(p.rank(), p.network(), p.initialTraining(), p.selection(), context.pairedSeed());
    }

    private static Shared prepare(Params p, SplittableRandom shared) {
        SingleExponentNetwork n = p.network();
        DMatrixRMaj w0 = Initialisation.gaussian(n.units(), n.exponent(), shared);
        DMatrixRMaj wr = p.rank() == n.units() ? w0 : Initialisation.lowRankOf(w0, p.rank());
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(n.targets()),
                new DenseWeights(wr), n.noiseVariance(), n.inputNoiseVariance(), shared);
        Snapshot untrained = Snapshot.of(net);
        PairedSetup paired = PairedSetup.train(net, p.initialTraining(), p.selection(), n.manifoldDimension(), shared);
        StaticGaussianNetwork ownReadout = paired.setup().network().copy();
        ownReadout.setReadout(net.readout());
        return new Shared(paired, LazinessMeasures.effectiveRank(wr), untrained, Snapshot.of(ownReadout));
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        Shared shared = context.shared(sharedWorkKey(p, context), () -> prepare(p, context.pairedRandom()));
        StaticBciSetup setup = shared.paired().setup();
        StaticGaussianNetwork adapting = shared.paired().adaptable(p.perturbation());
        Snapshot start = Snapshot.of(adapting);
        StaticPerturbationExperiment.Adaptation a = p.adaptation();
        StaticAdaptationResult r = new StaticAdaptation(a.steps(), a.metricsEvery(), a.stabilityCheckEvery())
                .withSpectraAtLastOnly()
                .run(adapting, new GradientDescent(a.learningRate()), setup.decoder(), setup.activity());

        Measurements m = AdaptationMeasurements.record(new Measurements(), r, setup, a.steps());
        m.scalar("effectiveRankInit", shared.effectiveRankInit())
                .scalar("trainingLoss", setup.trainingLoss()[setup.trainingLoss().length - 1]);
        shared.untrained().compare(shared.trained(), "training", m);
        if (r.completed()) {
            start.compare(Snapshot.of(adapting), "", m);
        }
        return m;
    }

    /** What the laziness measures compare: W, the condition-mean activity and the tangent kernel. */
    private record Snapshot(DMatrixRMaj w, DMatrixRMaj h, DMatrixRMaj kernel) {

        static Snapshot of(StaticGaussianNetwork net) {
            DMatrixRMaj h = CommonOps_DDRM.transpose(net.activity().means(), null);
            return new Snapshot(net.recurrent().effective().copy(), h, net.tangentKernel());
        }

        /** Writes the laziness measures from this snapshot to {@code end}, names prefixed by {@code prefix}. */
        void compare(Snapshot end, String prefix, Measurements m) {
            m.scalar(name(prefix, "relativeWeightChange"), LazinessMeasures.relativeWeightChange(w, end.w))
                    .scalar(name(prefix, "representationAlignment"), LazinessMeasures.representationAlignment(h, end.h))
                    .scalar(name(prefix, "tangentKernelAlignment"), LazinessMeasures.kernelAlignment(kernel, end.kernel))
                    .scalar(name(prefix, "effectiveRank"), LazinessMeasures.effectiveRank(end.w));
        }

        private static String name(String prefix, String measure) {
            return prefix.isEmpty() ? measure : prefix + Character.toUpperCase(measure.charAt(0)) + measure.substring(1);
        }
    }

    /** The laziness measures reported per condition (each with its {@code Sem}). */
    static final List<String> LAZINESS = List.of("relativeWeightChange", "representationAlignment",
            "tangentKernelAlignment", "effectiveRank", "effectiveRankInit", "trainingRelativeWeightChange",
            "trainingRepresentationAlignment", "trainingTangentKernelAlignment", "trainingEffectiveRank");

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        AdaptationMeasurements.putAdaptationMetrics(out, runs);
        for (String s : LAZINESS) {
            AdaptationMeasurements.putScalar(out, s, runs);
        }
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        String name = results.plan().name();
        int seeds = results.plan().seeds();
        return List.of(
                new NamedFigure("laziness", laziness(results, name + ": laziness of BCI adaptation vs initial rank ("
                        + seeds + " seeds, mean \u00b1 s.e.m.)", "")
                        .panel("final 1 - L/L0", c -> c.metric("performanceEnd"),
                                c -> c.metric("performanceEndSem"))
                        .chart(results)),
                new NamedFigure("laziness-initial-training", laziness(results, name
                        + ": laziness of the initial training vs initial rank (" + seeds + " seeds)", "training")
                        .chart(results)),
                new NamedFigure("learning-curves", LearningCurveFigure.of(results, "performance",
                        name + ": adaptation from rank-r initial weights (mean \u00b1 s.e.m., " + seeds + " seeds)",
                        "adaptation step", "retraining performance 1 - L/L0").chart()));
    }

    private static ParameterSweepFigure laziness(ExperimentResults results, String title, String prefix) {
        ParameterSweepFigure f = new ParameterSweepFigure(title, "rank", "initial rank r of W (matched norm)", true);
        String[][] panels = {
            {"relativeWeightChange", "|\u0394W| / |W0|"},
            {"tangentKernelAlignment", "NTK alignment"},
            {"representationAlignment", "repr. alignment"},
        };
        for (String[] panel : panels) {
            String metric = prefix.isEmpty() ? panel[0]
                    : prefix + Character.toUpperCase(panel[0].charAt(0)) + panel[0].substring(1);
            f.panel(panel[1], c -> c.metric(metric), c -> c.metric(metric + "Sem"));
        }
        return f;
    }
}
