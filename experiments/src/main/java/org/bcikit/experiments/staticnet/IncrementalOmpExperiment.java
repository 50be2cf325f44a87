package org.bcikit.experiments.staticnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.bcikit.rnn.adaptation.StaticAdaptation;
import org.bcikit.rnn.adaptation.StaticAdaptationResult;
import org.bcikit.rnn.adaptation.StaticBciSetup;
import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * {@code incremental-omp}: learning an outside-manifold perturbation directly versus through a
 * sequence of decoders that move from the intuitive one to it (Payeur, Orsborn and Lajoie 2023,
 * bioRxiv 2023.03.11.532146, after the incremental training Oby et al. 2019 gave monkeys;
 * science.md §5.1). One run: a lazy static network ({@code W ~ N(0,1)/N^0.55}) is trained, its
 * PCA-manifold decoder V_int fitted and the matched OMP V_OM chosen exactly as in
 * {@link StaticPerturbationExperiment}; then W learns by exact GD for a fixed budget of updates:
 * <ul>
 *   <li>{@code direct}: on V_OM for the whole budget;</li>
 *   <li>{@code incremental}: on {@code V = (1 - a/A) V_int + (a/A) V_OM} for a = 2, 3, 4, 4.5, 5
 *       (A = 5), each decoder until its loss falls to 0.75 of its value when the decoder was
 *       installed; once a = A is reached the rest of the budget is spent on V_OM. A budget that
 *       runs out earlier ends the run on an intermediate decoder.</li>
 * </ul>
 * The final decoder's target loss is 0.75 of the loss at which training on V_OM began (for
 * {@code direct} the OMP loss of the trained network; for {@code incremental} the loss when V_OM was
 * installed); a seed reaches it if some update within the budget brings the V_OM loss below it.
 * Since the two targets start from different losses, {@code ompPerformanceEnd}
 * {@code = 1 - L_OM(end) / L_OM(start)} compares the conditions on one scale: the OMP loss after
 * the budget relative to the same untouched network's. A run whose W reaches spectral radius 1
 * stops and counts as unstable. Everything before the training is drawn from the paired seed, so
 * both conditions start from the same network and OMP.
 */
public final class IncrementalOmpExperiment implements Experiment<IncrementalOmpExperiment.Params> {

    /**
     * The training on the perturbed decoder.
     *
     * @param steps               the budget of GD updates, the same for both conditions
     * @param learningRate        GD learning rate
     * @param increments          the decoder steps a (the last must equal {@code incrementScale})
     * @param incrementScale      A: the decoder at step a is {@code (1 - a/A) V_int + (a/A) V_OM}
     * @param targetLossFraction  each decoder is trained until its loss is this fraction of its start
     * @param stabilityCheckEvery spectral-radius check every this many updates
     */
    public record Adaptation(int steps, double learningRate, List<Double> increments, double incrementScale,
            double targetLossFraction, int stabilityCheckEvery) {
    }

    /** @param training {@code direct} or {@code incremental} */
    public record Params(String training, SingleExponentNetwork network, StaticPerturbationExperiment.Training initialTraining,
            StaticPerturbationExperiment.Selection selection, Adaptation adaptation) {
    }

    @Override
    public String type() {
        return "incremental-omp";
    }

    @Override
    public String description() {
        return "static network (Payeur et al. 2023): an OMP learned directly or through decoders moved to it in steps";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("direct", new SingleExponentNetwork(100, 6, 1e-2, 0.0, 6, Initialisation.LAZY_EXPONENT),
                new StaticPerturbationExperiment.Training(500, 1e-2), new StaticPerturbationExperiment.Selection(10000),
                new Adaptation(1000, 1e-3, List.of(2.0, 3.0, 4.0, 4.5, 5.0), 5.0, 0.75, 10));
    }

    @Override
    public void validate(Params p, Validation at) {
        at.oneOf("training", p.training(), List.of("direct", "incremental"));
        SingleExponentNetwork n = p.network();
        n.validate(at.below("network"));
        p.initialTraining().validate(at.below("initialTraining"));
        p.selection().validate(at.below("selection"));
        Adaptation a = p.adaptation();
        at.atLeast("adaptation.steps", a.steps(), 1);
        at.positive("adaptation.learningRate", a.learningRate());
        at.positive("adaptation.incrementScale", a.incrementScale());
        List<Double> inc = a.increments();
        at.require(inc != null && !inc.isEmpty(), "adaptation.increments", "a non-empty list of numbers", inc);
        for (int i = 0; i < inc.size(); i++) {
            double prev = i == 0 ? 0 : inc.get(i - 1);
            at.require(inc.get(i) != null && inc.get(i) > prev && inc.get(i) <= a.incrementScale(),
                    "adaptation.increments", "increasing numbers in (0, incrementScale]", inc);
        }
        at.require(inc.get(inc.size() - 1) == a.incrementScale(), "adaptation.increments",
                "a last increment equal to incrementScale " + a.incrementScale() + " (the OMP itself)", inc);
        at.require(a.targetLossFraction() > 0 && a.targetLossFraction() < 1, "adaptation.targetLossFraction",
                "a number in (0, 1)", a.targetLossFraction());
        at.atLeast("adaptation.stabilityCheckEvery", a.stabilityCheckEvery(), 1);
    }

    @Override
    public Object sharedWorkKey(Params p, RunContext context) {
        SingleExponentNetwork n = p.network();
        return new PairedSetup.Key(n.units(), n.targets(), n.noiseVariance(), n.inputNoiseVariance(),
                n.manifoldDimension(), n.exponent(), p.initialTraining(), p.selection(), context.pairedSeed());
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        PairedSetup.Key key = (PairedSetup.Key) sharedWorkKey(p, context);
        PairedSetup paired = context.shared(key, () -> PairedSetup.prepare(key, context.pairedRandom()));
        StaticBciSetup setup = paired.setup();
        DMatrixRMaj intuitive = setup.decoder().readout();
        DMatrixRMaj omp = paired.selection().omp().readout();

        Adaptation a = p.adaptation();
        List<Double> schedule = p.training().equals("direct") ? List.of(a.incrementScale()) : a.increments();
        StaticGaussianNetwork learner = setup.network().copy();
        learner.setReadout(omp);
        double ompStart = learner.loss().total();

        double[] loss = new double[a.steps() + 1];
        double[] alpha = new double[a.steps() + 1];
        int used = 0;
        int stages = 0;
        boolean unstable = false;
        double finalTarget = Double.NaN;
        double stepsToTarget = Double.NaN;
        DMatrixRMaj decoder = new DMatrixRMaj(omp.numRows, omp.numCols);
        double smallestDecoder = Double.POSITIVE_INFINITY;
        for (int s = 0; s < schedule.size() && used < a.steps() && !unstable; s++) {
            double frac = schedule.get(s) / a.incrementScale();
            boolean last = s == schedule.size() - 1;
            CommonOps_DDRM.add(1 - frac, intuitive, frac, omp, decoder);
            learner.setReadout(decoder);
            smallestDecoder = Math.min(smallestDecoder, NormOps_DDRM.normF(decoder) / NormOps_DDRM.normF(omp));
            stages++;
            StaticAdaptation stage = new StaticAdaptation(a.steps() - used, a.steps(), a.stabilityCheckEvery());
            // the last decoder keeps learning for the rest of the budget; its target is only recorded
            StaticAdaptationResult r = (last ? stage : stage.untilLossFraction(a.targetLossFraction()))
                    .run(learner, new GradientDescent(a.learningRate()), setup.decoder(), setup.activity());
            double[] l = r.loss();
            int updates = r.unstable() || !r.completed() ? l.length : l.length - 1;
            if (r.unstable() || !r.completed()) {
                unstable = true;
            }
            for (int t = 0; t < updates; t++) {
                loss[used + t] = l[t];
                alpha[used + t] = frac;
            }
            if (last && l.length > 0) {
                finalTarget = a.targetLossFraction() * l[0];
                for (int t = 0; t < l.length; t++) {
                    if (l[t] <= finalTarget) {
                        stepsToTarget = used + t;
                        break;
                    }
                }
            }
            used += updates;
            if (!unstable && used == a.steps()) {
                loss[used] = l[l.length - 1];
                alpha[used] = frac;
            }
        }
        int recorded = unstable ? used : used + 1;
        Measurements m = new Measurements().curve("loss", Arrays.copyOf(loss, recorded))
                .curve("decoderFraction", Arrays.copyOf(alpha, recorded));
        double ompEnd = Double.NaN;
        if (!unstable) {
            learner.setReadout(omp);
            ompEnd = learner.loss().total();
        }
        return m.scalar("reachedTarget", Double.isNaN(stepsToTarget) ? 0 : 1)
                .scalar("stepsToTarget", stepsToTarget)
                .scalar("finalDecoderTarget", finalTarget)
                .scalar("unstable", unstable ? 1 : 0)
                .scalar("decodersUsed", stages)
                .scalar("reachedOmp", stages == schedule.size() ? 1 : 0)
                .scalar("ompLossStart", ompStart)
                .scalar("ompLossEnd", ompEnd)
                .scalar("ompPerformanceEnd", 1 - ompEnd / ompStart)
                .scalar("intuitiveLoss", setup.intuitive().total())
                .scalar("smallestDecoderNorm", smallestDecoder)
                .scalar("spectralRadiusEnd", EigenvalueSpectrum.of(learner.recurrent().effective()).spectralRadius());
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Curve> curves = new ArrayList<>();
        int reached = 0;
        int unstable = 0;
        int reachedOmp = 0;
        for (RunRecord r : runs) {
            if (r.curve("loss") != null) {
                curves.add(r.curve("loss"));
            }
            reached += r.scalar("reachedTarget") > 0 ? 1 : 0;
            unstable += r.scalar("unstable") > 0 ? 1 : 0;
            reachedOmp += r.scalar("reachedOmp") > 0 ? 1 : 0;
        }
        CurveStats loss = CurveStats.of(curves);
        out.put("loss", loss.mean());
        out.put("lossSem", loss.sem());
        out.put("reachedTargetSeeds", reached);
        out.put("unstableSeeds", unstable);
        out.put("reachedOmpSeeds", reachedOmp);
        AdaptationMeasurements.putScalar(out, "ompPerformanceEnd", runs);
        AdaptationMeasurements.putScalar(out, "ompLossEnd", runs);
        AdaptationMeasurements.putScalar(out, "stepsToTarget", runs);
        AdaptationMeasurements.putScalar(out, "smallestDecoderNorm", runs);
        AdaptationMeasurements.putScalar(out, "spectralRadiusEnd", runs);
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        return List.of(new NamedFigure("loss-curves", LearningCurveFigure.of(results, "loss",
                results.plan().name() + ": OMP learned directly or through intermediate decoders (mean \u00b1 s.e.m., "
                        + results.plan().seeds() + " seeds)",
                "weight update", "loss on the current decoder").chart()));
    }
}
