package org.bcikit.experiments.closedloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.perturbation.ExpectedLoss;
import org.bcikit.decoders.perturbation.PerturbationSelector;
import org.bcikit.decoders.task.BlockResult;
import org.bcikit.decoders.task.CursorTask;
import org.bcikit.decoders.task.LearningMeasures;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.api.ScalarStats;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.DistributionFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.rnn.learning.Adam;
import org.bcikit.rnn.learning.ClippedGradients;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.RateRnn;
import org.bcikit.rnn.model.TrainingStopped;
import org.bcikit.rnn.subject.RateRnnLearner;

/**
 * Simulated sessions of Sadtler et al. 2014 (Nature 512:423; science.md §1) with a learning rate
 * RNN as the subject (science.md §5.3): pretrain the network ({@link RnnSubject}, after Rajeswaran
 * et al. 2024), calibrate the FA + Kalman intuitive decoder on its units ({@link RnnCalibration}),
 * let it practise with the intuitive decoder, choose a WMP and an OMP of matched expected loss
 * ({@link PerturbationSelector} with the {@link ExpectedLoss}, after Payeur et al. 2023), then run baseline, perturbation and
 * washout blocks while the network keeps learning trial by trial by backpropagation through the
 * decoder. Every draw comes from the paired seed, so the WMP and OMP runs of one seed are the same
 * network, decoder and candidate set, and see the same targets and per-trial noise afterwards:
 * they differ in the perturbation alone.
 *
 * <p>Learning, by default: plain gradient descent on the recurrent weights only, at a small rate
 * (the lazy regime of Payeur et al. 2023, science.md §5.1), with gradient-norm clipping. In that
 * regime activity changes follow the network's own propagator, which also shapes its intrinsic
 * manifold, so within-manifold changes come cheaper; with Adam, with all weights plastic or at
 * larger rates the network re-tunes single units easily and OMPs are learned as well (see the
 * README). A session whose training diverges is counted in {@code unstableSessions}.
 *
 * <p>Per session: {@code amountOfLearning} ({@link LearningMeasures}), {@code afterEffect} (how
 * far the first washout block falls back toward the start of the perturbation, in the same
 * normalised performance plane: projection of {@code p_int - p_wash} on {@code p_int - p_0} over
 * {@code |p_int - p_0|^2}), and per-block {@code successRate} and {@code acquisitionTime} curves.
 */
public final class Sadtler2014Experiment implements Experiment<Sadtler2014Experiment.Params> {

    /**
     * @param perturbation       {@code WMP} or {@code OMP} (the swept condition)
     * @param subject            the network and its pretraining
     * @param task               the cursor task
     * @param recordedUnits      units the decoder reads (the most variable ones)
     * @param factors            intrinsic-manifold dimensionality d
     * @param calibrationTrials  trials recorded for calibration
     * @param practiceTrials     trials of practice with the intuitive decoder before the baseline
     * @param optimizer          {@code gd} (plain gradient descent, the geometry of the lazy-regime theory) or {@code adam}
     * @param learningRate       learning rate during the session
     * @param clipNorm           gradient-norm clipping threshold (see {@link ClippedGradients})
     * @param plastic            which weights learn during the session: {@code all} (W, U, b) or {@code recurrent} (W only)
     * @param blockTrials        trials per block
     * @param baselineBlocks     intuitive blocks before the perturbation
     * @param perturbationBlocks perturbation blocks
     * @param washoutBlocks      intuitive blocks after it
     * @param candidates         WMP and OMP candidates screened
     */
    public record Params(String perturbation, RnnSubject subject, TaskSettings task, int recordedUnits, int factors,
            int calibrationTrials, int practiceTrials, String optimizer, double learningRate, double clipNorm, String plastic,
            int blockTrials, int baselineBlocks,
            int perturbationBlocks, int washoutBlocks, int candidates) {
    }

    @Override
    public String type() {
        return "sadtler2014";
    }

    @Override
    public String description() {
        return "closed-loop sessions of a rate RNN: intuitive baseline, WMP or OMP, washout (Sadtler et al. 2014)";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("WMP", new RnnSubject(100, 0.9, 0.2, 0.05, true, 150, 40, 600, 2e-3, 8),
                TaskSettings.defaults(), 40, 10, 48, 160, "gd", 5e-4, 100, "recurrent", 16, 2, 12, 2, 500);
    }

    @Override
    public void validate(Params p, Validation at) {
        at.oneOf("perturbation", p.perturbation(), List.of("WMP", "OMP"));
        p.subject().validate(at, "subject.");
        p.task().validate(at, "task.");
        at.atLeast("recordedUnits", p.recordedUnits(), 3);
        at.require(p.recordedUnits() <= p.subject().units(), "recordedUnits", "at most subject.units ("
                + p.subject().units() + ")", p.recordedUnits());
        at.atLeast("factors", p.factors(), 2);
        at.require(p.factors() < p.recordedUnits(), "factors", "fewer than recordedUnits", p.factors());
        at.atLeast("calibrationTrials", p.calibrationTrials(), 1);
        at.atLeast("practiceTrials", p.practiceTrials(), 0);
        at.oneOf("optimizer", p.optimizer(), List.of("gd", "adam"));
        at.positive("learningRate", p.learningRate());
        at.positive("clipNorm", p.clipNorm());
        at.oneOf("plastic", p.plastic(), List.of("all", "recurrent", "input"));
        at.atLeast("blockTrials", p.blockTrials(), 1);
        at.atLeast("baselineBlocks", p.baselineBlocks(), 1);
        at.atLeast("perturbationBlocks", p.perturbationBlocks(), 1);
        at.atLeast("washoutBlocks", p.washoutBlocks(), 1);
        at.atLeast("candidates", p.candidates(), 1);
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        CursorTask task = p.task().task();
        SplittableRandom shared = context.pairedRandom();
        RnnSubject subject = p.subject();
        RnnSubject.Pretrained pre = subject.pretrained(task, shared);
        RateRnn net = pre.network();
        RateRnnLearner.Aim aim = subject.aim(task);
        RnnCalibration cal = RnnCalibration.of(net, aim, pre.readout(), task, p.calibrationTrials(),
                p.recordedUnits(), p.factors(), shared);
        KalmanVelocityDecoder intuitive = cal.decoder();
        RateRnnLearner learner = new RateRnnLearner(net, cal.units(), aim)
                .learn(optimizer(p), trainable(net, p.plastic()));
        if (p.practiceTrials() > 0) {
            task.runBlock(learner, intuitive, CursorTask.Block.of("practice", p.practiceTrials()), shared);
        }
        List<BlockResult> baseline = new ArrayList<>();
        CalibrationRecorder rec = new CalibrationRecorder(learner);
        for (int b = 0; b < p.baselineBlocks(); b++) {
            baseline.add(task.runBlock(rec, intuitive, CursorTask.Block.of("baseline", p.blockTrials()), shared));
        }
        PerturbationSelector.Selection sel = new PerturbationSelector()
                .withCriterion(PerturbationSelector.Criterion.MATCHED).withDraw(PerturbationSelector.Draw.PAIRED)
                .withCandidates(p.candidates(), p.candidates())
                .select(intuitive, ExpectedLoss.of(rec.counts(), rec.targets(), task.config().targets()), shared);
        PerturbationSelector.Choice choice = p.perturbation().equals("WMP") ? sel.wmp() : sel.omp();

        // The perturbation and washout blocks draw from the paired stream too: a seed's WMP and OMP
        // sessions then differ in the decoder alone, with the same targets and, trial by trial, the
        // same noise (CursorTask splits a stream per trial), so their difference is a paired one.
        List<BlockResult> perturbed = new ArrayList<>();
        List<BlockResult> washout = new ArrayList<>();
        Measurements m = new Measurements();
        try {
            for (int b = 0; b < p.perturbationBlocks(); b++) {
                perturbed.add(task.runBlock(learner, choice.decoder(),
                        CursorTask.Block.of("perturbation", p.blockTrials()), shared));
            }
            for (int b = 0; b < p.washoutBlocks(); b++) {
                washout.add(task.runBlock(learner, intuitive, CursorTask.Block.of("washout", p.blockTrials()), shared));
            }
            m.scalar("unstable", 0);
        } catch (TrainingStopped e) {
            // an unstable session is counted, as in Payeur et al.; its curves stop at the last full block
            m.scalar("unstable", 1);
            m.scalar("unstableAtStep", e.step());
        }
        BlockResult lastBaseline = baseline.get(baseline.size() - 1);
        boolean complete = washout.size() == p.washoutBlocks();
        m.scalar("amountOfLearning", complete ? LearningMeasures.amountOfLearning(lastBaseline, perturbed) : Double.NaN);
        m.scalar("afterEffect", complete ? afterEffect(lastBaseline, perturbed.get(0), washout.get(0)) : Double.NaN);
        m.scalar("baselineSuccess", lastBaseline.successRate());
        m.scalar("initialSuccess", perturbed.isEmpty() ? Double.NaN : perturbed.get(0).successRate());
        m.scalar("bestSuccess", perturbed.stream().mapToDouble(BlockResult::successRate).max().orElse(Double.NaN));
        m.scalar("expectedLoss", choice.meanLoss());
        List<BlockResult> all = new ArrayList<>(baseline);
        all.addAll(perturbed);
        all.addAll(washout);
        double[] x = new double[all.size()];
        double[] success = new double[all.size()];
        double[] time = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            x[i] = i - baseline.size() + 1;
            success[i] = all.get(i).successRate();
            time[i] = all.get(i).acquisitionTimeOrTimeout();
        }
        m.curve("successRate", x, success);
        m.curve("acquisitionTime", x, time);
        return m;
    }

    private static Optimizer optimizer(Params p) {
        Optimizer inner = p.optimizer().equals("adam") ? new Adam(p.learningRate()) : new GradientDescent(p.learningRate());
        return new ClippedGradients(inner, p.clipNorm());
    }

    /** The parameters that learn during the session. */
    static List<Parameter> trainable(RateRnn net, String plastic) {
        switch (plastic) {
            case "recurrent":
                return net.recurrent().parameters();
            case "input":
                return List.of(net.inputWeights(), net.bias());
            default:
                return net.parameters();
        }
    }

    /** Fall-back of the first washout block toward the initial perturbed performance (0 none, 1 all the way). */
    static double afterEffect(BlockResult intuitive, BlockResult firstPerturbed, BlockResult firstWashout) {
        double[] pInt = LearningMeasures.point(intuitive, intuitive);
        double[] p0 = LearningMeasures.point(firstPerturbed, intuitive);
        double[] pw = LearningMeasures.point(firstWashout, intuitive);
        double ex = pInt[0] - p0[0];
        double ey = pInt[1] - p0[1];
        double norm2 = ex * ex + ey * ey;
        if (!(norm2 > 0)) {
            return Double.NaN;
        }
        return ((pInt[0] - pw[0]) * ex + (pInt[1] - pw[1]) * ey) / norm2;
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        ScalarStats aol = stats(runs, "amountOfLearning");
        ScalarStats ae = stats(runs, "afterEffect");
        out.put("amountOfLearning", aol.mean());
        out.put("amountOfLearningSem", aol.sem());
        out.put("afterEffect", ae.mean());
        out.put("afterEffectSem", ae.sem());
        out.put("sessions", aol.n());
        out.put("unstableSessions", (int) runs.stream().filter(r -> r.scalar("unstable") == 1).count());
        return out;
    }

    private static ScalarStats stats(List<RunRecord> runs, String name) {
        return ScalarStats.of(runs.stream().mapToDouble(r -> r.scalar(name)).toArray());
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        String what = results.plan().name() + ": rate RNN, " + results.plan().seeds() + " sessions";
        NamedFigure success = new NamedFigure("success-rate", LearningCurveFigure.of(results, "successRate",
                "Success rate per block (" + what + ")", "block (1 = first perturbation block)", "success rate")
                .yRange(0, 1.05).chart());
        NamedFigure time = new NamedFigure("acquisition-time", LearningCurveFigure.of(results, "acquisitionTime",
                "Acquisition time per block (" + what + ")", "block (1 = first perturbation block)",
                "acquisition time (s; timeout when none)").chart());
        NamedFigure dist = new NamedFigure("amount-of-learning", DistributionFigure.of(results, "amountOfLearning",
                "Amount of learning per session (" + what + ")", "amount of learning (0 none, 1 full)", 10));
        return List.of(success, time, dist);
    }
}
