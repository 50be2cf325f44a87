package org.bcikit.experiments.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.data.Recording;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.ParameterSweepFigure;
import org.bcikit.experiments.session.RigSessionExperiment;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.manifold.fa.Dimensionality;

/**
 * {@code bcikit calibrate} as an experiment type ({@code calibrate}; Sadtler et al. 2014, Nature
 * 512:423; {@link CalibrationAnalysis}), so calibrations sweep (number of factors, intention,
 * dynamics) and shard like the rest: one deterministic run per condition on {@code --input FILE};
 * every draw comes from the parameter {@code seed}, not the run seed, so seeds repeat exactly.
 */
public final class CalibrationExperiment implements Experiment<CalibrationExperiment.Params> {

    /**
     * @param input      the recording
     * @param format     csv, npy, nwb, mat, or empty for the extension's
     * @param binWidth   seconds where the file has none (0: the file's or the default)
     * @param trials     KEY=VALUE trial selection, or empty
     * @param intention  target or refit
     * @param factors    0 for cross-validated
     * @param speed      intended speed without cursor positions (0: none)
     */
    public record Params(String input, String format, double binWidth, String trials, String intention, int factors,
            int maxFactors, int folds, long seed, String dynamics, double q, double speed) {
    }

    @Override
    public String type() {
        return "calibrate";
    }

    @Override
    public String description() {
        return "calibrate a rig's intuitive decoder on --input FILE: FA + velocity Kalman filter, held-out decoding";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        CalibrationAnalysis.Settings s = CalibrationAnalysis.Settings.defaults();
        return new Params("", "", 0, "", s.intention(), s.factors(), s.maxFactors(), s.folds(), s.seed(), s.dynamics(),
                s.q(), 0);
    }

    @Override
    public void validate(Params p, Validation at) {
        at.require(p.input() != null && !p.input().isBlank(), "input", "a recording (--input FILE)", p.input());
        at.require(List.of("target", "refit").contains(p.intention()), "intention", "target or refit", p.intention());
        at.require(List.of("rig", "fitted").contains(p.dynamics()), "dynamics", "rig or fitted", p.dynamics());
        at.require(p.factors() >= 0, "factors", "0 (cross-validated) or a number of factors >= 1", p.factors());
        at.require(p.maxFactors() >= 1, "maxFactors", "an integer >= 1", p.maxFactors());
        at.require(p.folds() >= 2, "folds", "an integer >= 2", p.folds());
        at.require(p.q() > 0, "q", "a state noise variance > 0", p.q());
        at.require(p.binWidth() >= 0, "binWidth", "seconds > 0, or 0 for the file's", p.binWidth());
        at.require(p.speed() >= 0, "speed", "a speed > 0, or 0 for none", p.speed());
    }

    static Recording read(String input, String format, double binWidth, String trials) throws java.io.IOException {
        Path file = RigSessionExperiment.resolve(input);
        return RecordingInput.read(file, format == null || format.isEmpty() ? null : format,
                binWidth > 0 ? binWidth : Double.NaN, trials == null || trials.isEmpty() ? null : trials);
    }

    @Override
    public Measurements run(Params p, RunContext context) throws Exception {
        Path file = RigSessionExperiment.resolve(p.input());
        Recording r = read(p.input(), p.format(), p.binWidth(), p.trials());
        CalibrationAnalysis a = CalibrationAnalysis.of(file, r, new CalibrationAnalysis.Settings(p.intention(),
                p.factors(), p.maxFactors(), p.folds(), p.seed(), p.dynamics(), p.q(),
                p.speed() > 0 ? p.speed() : Double.NaN));
        Measurements m = new Measurements();
        m.scalar("factors", a.result().factors());
        m.scalar("heldOutAngle", a.result().meanAngle());
        m.scalar("heldOutAngleSem", a.result().semAngle());
        m.scalar("r2x", a.result().r2()[0]);
        m.scalar("r2y", a.result().r2()[1]);
        m.scalar("r2", a.result().r2Overall());
        m.curve("trialAngle", a.result().trialAngle());
        Dimensionality dim = a.result().dimensionality();
        if (dim != null) {
            double[] x = new double[dim.candidates().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = dim.candidates()[i];
            }
            m.curve("crossValidatedLogLikelihood", x, dim.crossValidatedLogLikelihood());
        }
        return m;
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        RunRecord r = runs.get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String s : List.of("factors", "heldOutAngle", "heldOutAngleSem", "r2x", "r2y", "r2")) {
            out.put(s, r.scalar(s));
        }
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        List<NamedFigure> out = new ArrayList<>();
        out.add(new NamedFigure("held-out-vs-factors", new ParameterSweepFigure(
                "Held-out decoding against the number of factors (" + results.plan().name() + ")", "factors",
                "factors d (0 = cross-validated)", false)
                .panel("angle to intended velocity (deg)", c -> c.metric("heldOutAngle"), c -> c.metric("heldOutAngleSem"))
                .panel("velocity R²", c -> c.metric("r2"), c -> Double.NaN)
                .chart(results)));
        return out;
    }
}
