package org.bcikit.experiments.closedloop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.random.Shuffle;
import org.bcikit.decoders.Decoder;
import org.bcikit.data.NumericalFailureException;
import org.bcikit.decoders.adaptive.AdaptiveKalmanDecoder;
import org.bcikit.decoders.adaptive.SmoothBatch;
import org.bcikit.decoders.kalman.KalmanModel;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.task.BlockResult;
import org.bcikit.decoders.task.CursorTask;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.api.ScalarStats;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.rnn.learning.Adam;
import org.bcikit.rnn.learning.ClippedGradients;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.RateRnn;
import org.bcikit.rnn.subject.RateRnnLearner;
import org.ejml.data.DMatrixRMaj;

/**
 * Co-adaptation of a learning network and an adaptive decoder over days (Rajeswaran, Payeur,
 * Lajoie and Orsborn 2024, bioRxiv 2024.03.20.585972; Orsborn et al. 2014, Neuron 82:1380;
 * science.md §4). A pretrained rate RNN ({@link RnnSubject}) is read by a Kalman decoder on
 * {@code recordedUnits} randomly sampled units (calibrated on its activity; by default the filter
 * observes the z-scored units themselves, so adaptation can re-weight each unit); it then
 * practises {@code trialsPerDay} trials a day, learning by backpropagation through the decoder,
 * while the decoder is
 * <ul>
 *   <li>{@code fixed}: never changed;</li>
 *   <li>{@code blend=<a>}: after each day refitted on the day's (intended velocity, features)
 *       and blended, {@code D <- a D_new + (1 - a) D} for the observation model C, d, R (gain
 *       recomputed); {@code blend=0} is the fixed decoder by construction; {@code refitsPerDay}
 *       splits the day into that many equal blocks with a refit after each (the CLDA cadence);</li>
 *   <li>{@code smoothbatch}: SmoothBatch CLDA within the day, every {@code smoothBatchBins} bins
 *       with half-life {@code smoothBatchHalfLife} seconds ({@link SmoothBatch}).</li>
 * </ul>
 * The simulation knows the network's intended velocity, so refits regress on it directly (a rig
 * estimates it, {@code IntentionEstimator}). All random draws of a run come from the paired seed,
 * so the conditions of one seed differ only by their decoder ({@code blend=0} is {@code fixed}
 * exactly, and a blended decoder's first day is the fixed decoder's).
 *
 * <p>Per day: success rate, acquisition time, normalised participation ratio of the recorded
 * units, share of their variance in the decoder's task-relevant modes (the row space of M2), and
 * compactness (mean of the ranked unit-adding curve over its end point) and the units that curve
 * needs to reach 80 % of its end point; on the last day the unit-adding curve itself
 * ({@link RepresentationMeasures}). {@code plastic} says which weights learn: {@code all} (W, U,
 * b), {@code recurrent} (W) or {@code input} (U and b). The published direction: with
 * adaptive decoders task information concentrates in fewer units (steeper unit-adding curve) and
 * in modes with a smaller share of variance, with the normalised PR constant or rising.
 */
public final class AdaptiveDecoderExperiment implements Experiment<AdaptiveDecoderExperiment.Params> {

    /**
     * @param decoder             {@code fixed}, {@code blend=<a>} (0 &le; a &lt; 1) or {@code smoothbatch}
     * @param subject             the network and its pretraining
     * @param task                the cursor task
     * @param recordedUnits       units the decoder reads (sampled at random among active units)
     * @param features            {@code units}: the Kalman filter observes the z-scored units (each unit can be
     *                            re-weighted by adaptation); {@code factors}: it observes FA factors
     * @param factors             FA factors, with {@code features = factors}
     * @param calibrationTrials   trials recorded to calibrate the first decoder
     * @param days                days of practice
     * @param trialsPerDay        trials per day
     * @param optimizer           {@code adam} or {@code gd}
     * @param learningRate        the network's learning rate
     * @param clipNorm            gradient-norm clipping threshold
     * @param smoothBatchBins     bins per SmoothBatch update
     * @param smoothBatchHalfLife SmoothBatch half-life in seconds
     * @param refitsPerDay        refits of a {@code blend=<a>} decoder per day, each on the trials since the last
     * @param plastic             the weights that learn: {@code all}, {@code recurrent} or {@code input}
     */
    record Params(String decoder, RnnSubject subject, TaskSettings task, int recordedUnits, String features, int factors,
            int calibrationTrials, int days, int trialsPerDay, String optimizer, double learningRate, double clipNorm,
            int smoothBatchBins, double smoothBatchHalfLife, int refitsPerDay, String plastic) {
    }

    /** Share of the full unit-adding curve's end point that {@code unitsFor80} asks for. */
    static final double UNITS_FOR_SHARE = 0.8;

    @Override
    public String type() {
        return "adaptive-decoder";
    }

    @Override
    public String description() {
        return "a rate RNN practises over days with a fixed, blended or SmoothBatch decoder (Rajeswaran et al. 2024)";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("fixed", new RnnSubject(100, 0.9, 0.2, 0.05, true, 150, 40, 600, 2e-3, 8),
                TaskSettings.defaults(), 10, "units", 4, 48, 10, 48, "adam", 1e-3, 100, 200, 30, 1, "all");
    }

    @Override
    public void validate(Params p, Validation at) {
        String d = p.decoder();
        boolean ok = "fixed".equals(d) || "smoothbatch".equals(d);
        if (d != null && d.startsWith("blend=")) {
            double a = blendWeight(d);
            ok = a >= 0 && a < 1;
        }
        at.require(ok, "decoder", "\"fixed\", \"smoothbatch\" or \"blend=<a>\" with 0 <= a < 1", d);
        p.subject().validate(at, "subject.");
        p.task().validate(at, "task.");
        at.atLeast("recordedUnits", p.recordedUnits(), 3);
        at.require(p.recordedUnits() <= p.subject().units(), "recordedUnits", "at most subject.units ("
                + p.subject().units() + ")", p.recordedUnits());
        at.oneOf("features", p.features(), List.of("units", "factors"));
        at.atLeast("factors", p.factors(), 2);
        at.require(p.factors() < p.recordedUnits(), "factors", "fewer than recordedUnits", p.factors());
        at.atLeast("calibrationTrials", p.calibrationTrials(), 1);
        at.atLeast("days", p.days(), 1);
        at.atLeast("trialsPerDay", p.trialsPerDay(), 1);
        at.oneOf("optimizer", p.optimizer(), List.of("gd", "adam"));
        at.positive("learningRate", p.learningRate());
        at.positive("clipNorm", p.clipNorm());
        at.atLeast("smoothBatchBins", p.smoothBatchBins(), 3);
        at.positive("smoothBatchHalfLife", p.smoothBatchHalfLife());
        at.atLeast("refitsPerDay", p.refitsPerDay(), 1);
        at.require(p.refitsPerDay() <= p.trialsPerDay(), "refitsPerDay", "at most trialsPerDay ("
                + p.trialsPerDay() + ")", p.refitsPerDay());
        at.oneOf("plastic", p.plastic(), List.of("all", "recurrent", "input"));
    }

    /** The parameters of {@code net} that learn under {@code plastic = which}. */
    static List<Parameter> plastic(RateRnn net, String which) {
        return switch (which) {
            case "recurrent" -> net.recurrent().parameters();
            case "input" -> List.of(net.inputWeights(), net.bias());
            default -> net.parameters();
        };
    }

    private static double blendWeight(String decoder) {
        try {
            return Double.parseDouble(decoder.substring("blend=".length()));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        CursorTask task = p.task().task();
        SplittableRandom shared = context.pairedRandom();
        RnnSubject.Pretrained pre = p.subject().pretrained(task, shared);
        RateRnn net = pre.network();
        RateRnnLearner.Aim aim = p.subject().aim(task);
        long sampling = shared.nextLong();
        RnnCalibration cal = RnnCalibration.of(net, aim, pre.readout(), task, p.calibrationTrials(),
                rec -> randomActiveUnits(rec, p.recordedUnits(), new SplittableRandom(sampling)),
                p.features().equals("units") ? RnnCalibration.unitFeatures()
                        : RnnCalibration.factorAnalysis(p.factors(), shared.nextLong()), shared);
        Optimizer inner = p.optimizer().equals("adam") ? new Adam(p.learningRate()) : new GradientDescent(p.learningRate());
        RateRnnLearner learner = new RateRnnLearner(net, cal.units(), aim)
                .learn(new ClippedGradients(inner, p.clipNorm()), plastic(net, p.plastic()));
        KalmanVelocityDecoder current = cal.decoder();
        boolean smooth = p.decoder().equals("smoothbatch");
        double blend = p.decoder().startsWith("blend=") ? blendWeight(p.decoder()) : 0;
        AdaptiveKalmanDecoder adaptive = smooth
                ? new AdaptiveKalmanDecoder(current, new SmoothBatch(p.smoothBatchHalfLife()), p.smoothBatchBins()) : null;

        // Common random numbers: every decoder condition of a seed sees the same network noise and
        // targets, so a difference between conditions is the decoder's, not the draw's (with a
        // fixed stream per condition, day-1 compactness alone differed by ~0.04 between conditions).
        SplittableRandom own = new SplittableRandom(shared.nextLong());
        int days = p.days();
        double[] success = new double[days];
        double[] time = new double[days];
        double[] pr = new double[days];
        double[] share = new double[days];
        double[] compact = new double[days];
        double[] needed = new double[days];
        double[] lastCurve = null;
        int refits = blend > 0 ? p.refitsPerDay() : 1;
        for (int day = 0; day < days; day++) {
            List<DMatrixRMaj> dayCounts = new ArrayList<>();
            List<DMatrixRMaj> dayVelocities = new ArrayList<>();
            int successes = 0;
            double timeSum = 0;
            for (int part = 0; part < refits; part++) {
                int trials = p.trialsPerDay() * (part + 1) / refits - p.trialsPerDay() * part / refits;
                CalibrationRecorder rec = new CalibrationRecorder(learner);
                Decoder inUse = adaptive != null ? adaptive : current;
                BlockResult r = task.runBlock(rec, inUse, new CursorTask.Block("day " + (day + 1), trials,
                        smooth, 0), own);
                successes += (int) Math.round(r.successRate() * trials);
                timeSum += r.acquisitionTimeOrTimeout() * trials;
                dayCounts.addAll(rec.counts());
                dayVelocities.addAll(rec.velocities());
                if (blend > 0) {
                    current = blended(current, rec, blend, task.config().dt());
                }
            }
            KalmanVelocityDecoder read = adaptive != null ? adaptive.current() : current;
            DMatrixRMaj samples = RepresentationMeasures.stack(dayCounts);
            DMatrixRMaj velocities = RepresentationMeasures.stack(dayVelocities);
            success[day] = successes / (double) p.trialsPerDay();
            time[day] = timeSum / p.trialsPerDay();
            pr[day] = RepresentationMeasures.normalisedParticipationRatio(samples);
            share[day] = RepresentationMeasures.decoderVarianceShare(samples, read.M2());
            lastCurve = RepresentationMeasures.unitAddingCurve(samples, velocities);
            compact[day] = RepresentationMeasures.compactness(lastCurve);
            needed[day] = RepresentationMeasures.unitsFor(lastCurve, UNITS_FOR_SHARE);
        }
        double[] units = new double[lastCurve.length];
        for (int k = 0; k < units.length; k++) {
            units[k] = k + 1;
        }
        double[] dayAxis = new double[days];
        for (int d = 0; d < days; d++) {
            dayAxis[d] = d + 1;
        }
        Measurements m = new Measurements();
        m.scalar("successFirstDay", success[0]);
        m.scalar("successLastDay", success[days - 1]);
        m.scalar("normalisedPrFirstDay", pr[0]);
        m.scalar("normalisedPrLastDay", pr[days - 1]);
        m.scalar("taskModeShareFirstDay", share[0]);
        m.scalar("taskModeShareLastDay", share[days - 1]);
        m.scalar("compactnessFirstDay", compact[0]);
        m.scalar("compactnessLastDay", compact[days - 1]);
        m.scalar("unitsFor80FirstDay", needed[0]);
        m.scalar("unitsFor80LastDay", needed[days - 1]);
        m.scalar("decoderUpdates", adaptive != null ? adaptive.updates() : blend > 0 ? days * refits - 1 : 0);
        m.curve("successRate", dayAxis, success);
        m.curve("acquisitionTime", dayAxis, time);
        m.curve("normalisedPR", dayAxis, pr);
        m.curve("taskModeShare", dayAxis, share);
        m.curve("compactness", dayAxis, compact);
        m.curve("unitsFor80", dayAxis, needed);
        m.curve("unitAdding", units, lastCurve);
        return m;
    }

    /**
     * {@code D <- a D_new + (1 - a) D} on the observation model, D_new the least-squares refit on
     * the day: SmoothBatch's blend with {@code rho = 1 - a} (its half-life set so that one day's
     * batch keeps exactly 1 - a of the old model). A day that cannot be fitted keeps the decoder.
     */
    static KalmanVelocityDecoder blended(KalmanVelocityDecoder d, CalibrationRecorder day, double a, double dt) {
        DMatrixRMaj v = RepresentationMeasures.stack(day.velocities());
        DMatrixRMaj counts = RepresentationMeasures.stack(day.counts());
        int t = v.numRows;
        int f = d.features();
        DMatrixRMaj x = new DMatrixRMaj(t, 3);
        DMatrixRMaj y = new DMatrixRMaj(t, f);
        double[] u = new double[counts.numCols];
        double[] z = new double[f];
        for (int r = 0; r < t; r++) {
            x.set(r, 0, v.get(r, 0));
            x.set(r, 1, v.get(r, 1));
            x.set(r, 2, 1);
            System.arraycopy(counts.data, r * u.length, u, 0, u.length);
            d.readout().features(u, z);
            System.arraycopy(z, 0, y.data, r * f, f);
        }
        double seconds = t * dt;
        SmoothBatch rule = new SmoothBatch(seconds * Math.log(0.5) / Math.log(1 - a));
        try {
            KalmanModel next = rule.update(d.model(), x, y, seconds);
            return next == null ? d : d.withModel(next);
        } catch (NumericalFailureException e) {
            // the refitted model has no steady state: the decoder stays as it was, as in closed loop
            return d;
        }
    }

    /** {@code q} units drawn at random among those that varied during calibration, ascending. */
    static int[] randomActiveUnits(CalibrationRecorder rec, int q, SplittableRandom rng) {
        List<Integer> active = new ArrayList<>();
        double[] var = RnnCalibration.variances(rec.counts());
        for (int u = 0; u < var.length; u++) {
            if (var[u] > 1e-12) {
                active.add(u);
            }
        }
        if (active.size() < q) {
            throw new InvalidInputException("adaptive-decoder: only " + active.size() + " of " + rec.units()
                    + " units were active during calibration; expected at least recordedUnits = " + q);
        }
        int[] shuffled = active.stream().mapToInt(Integer::intValue).toArray();
        Shuffle.inPlace(shuffled, rng);
        int[] chosen = Arrays.copyOf(shuffled, q);
        Arrays.sort(chosen);
        return chosen;
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String s : List.of("successLastDay", "normalisedPrFirstDay", "normalisedPrLastDay",
                "taskModeShareFirstDay", "taskModeShareLastDay", "compactnessFirstDay", "compactnessLastDay",
                "unitsFor80FirstDay", "unitsFor80LastDay")) {
            ScalarStats st = ScalarStats.of(runs.stream().mapToDouble(r -> r.scalar(s)).toArray());
            out.put(s, st.mean());
            out.put(s + "Sem", st.sem());
        }
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        String what = results.plan().name() + ", " + results.plan().seeds() + " networks";
        return List.of(
                new NamedFigure("success-per-day", LearningCurveFigure.of(results, "successRate",
                        "Performance per day (" + what + ")", "day", "success rate").yRange(0, 1.05).chart()),
                new NamedFigure("participation-ratio", LearningCurveFigure.of(results, "normalisedPR",
                        "Normalised participation ratio of the recorded units (" + what + ")", "day",
                        "PR / q").chart()),
                new NamedFigure("unit-adding", LearningCurveFigure.of(results, "unitAdding",
                        "Ranked unit-adding curve, last day (" + what + ")", "units (best first)",
                        "decoding R\u00b2 of intended velocity").chart()),
                new NamedFigure("task-mode-share", LearningCurveFigure.of(results, "taskModeShare",
                        "Share of variance in the decoder's task modes (" + what + ")", "day",
                        "variance share in row space of M2").chart()));
    }
}
