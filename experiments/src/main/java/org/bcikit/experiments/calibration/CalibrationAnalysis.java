package org.bcikit.experiments.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.bcikit.decoders.rig.DecoderFile;
import org.bcikit.decoders.rig.RigCalibration;
import org.bcikit.manifold.fa.Dimensionality;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.jfree.chart.JFreeChart;

/**
 * {@code bcikit calibrate} and the experiment type {@code calibrate}: the intuitive decoder of a
 * rig from a recording with targets ({@link RigCalibration}; Sadtler et al. 2014, Nature 512:423;
 * science.md §2–§3), its {@code decoder.json}, a summary and the figure of held-out decoded vs
 * intended trajectories.
 */
public final class CalibrationAnalysis {

    /**
     * What to calibrate.
     *
     * @param intention  {@code target} or {@code refit}
     * @param factors    0 for cross-validated, else the number of factors
     * @param maxFactors largest candidate of the search
     * @param folds      folds of the dimensionality search and of the held-out decoding
     * @param seed       seed of both
     * @param dynamics   {@code rig} (A = I, Q = q I) or {@code fitted}
     * @param q          the rig's state noise (2000 (mm/s)² on the rig, i.e. 0.002 (m/s)²)
     * @param speed      intended speed where the recording has no cursor positions (NaN: none)
     */
    public record Settings(String intention, int factors, int maxFactors, int folds, long seed, String dynamics,
            double q, double speed) {

        public static Settings defaults() {
            return new Settings("target", 0, 20, 5, 0, "rig", 2000, Double.NaN);
        }

        RigCalibration calibration() {
            RigCalibration c = new RigCalibration().intention(switch (intention) {
                case "target" -> RigCalibration.Intention.TARGET;
                case "refit" -> RigCalibration.Intention.REFIT;
                default -> throw new org.bcikit.data.InvalidInputException(
                        "intention: expected target or refit, found " + intention);
            }).factors(factors).maxFactors(maxFactors).folds(folds).seed(seed);
            switch (dynamics) {
                case "rig" -> {
                    if (!(q > 0) || !Double.isFinite(q)) {
                        throw new org.bcikit.data.InvalidInputException("q: expected a state noise variance > 0, found " + q);
                    }
                    c.fixedDynamics(CommonOps_DDRM.identity(2), RigCalibration.rigQ(q));
                }
                case "fitted" -> c.fittedDynamics();
                default -> throw new org.bcikit.data.InvalidInputException(
                        "dynamics: expected rig or fitted, found " + dynamics);
            }
            if (!Double.isNaN(speed)) {
                c.speed(speed);
            }
            return c;
        }
    }

    private final Path file;
    private final Recording recording;
    private final Settings settings;
    private final RigCalibration.Result result;

    private CalibrationAnalysis(Path file, Recording recording, Settings settings, RigCalibration.Result result) {
        this.file = file;
        this.recording = recording;
        this.settings = settings;
        this.result = result;
    }

    /** Calibrates on {@code recording} (read from {@code file}); problems name the file. */
    public static CalibrationAnalysis of(Path file, Recording recording, Settings settings) {
        try {
            return new CalibrationAnalysis(file, recording, settings, settings.calibration().fit(recording));
        } catch (org.bcikit.data.InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    public RigCalibration.Result result() {
        return result;
    }

    public Recording recording() {
        return recording;
    }

    /** The calibrated decoder as {@code decoder.json}. */
    public DecoderFile decoderFile() {
        return DecoderFile.of(result.decoder(), result.loadings(), result.privateVariances(), "intuitive",
                "intuitive decoder calibrated by bcikit calibrate (" + result.factors() + " factors, intention "
                        + settings.intention() + ")", file.toString(), recording.binWidth());
    }

    /** The summary written as {@code calibration.json}. */
    public Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("file", file.toString());
        j.put("units", recording.units());
        j.put("trials", recording.trials().size());
        j.put("bins", recording.totalBins());
        j.put("binWidth", recording.binWidth());
        j.put("targets", recording.distinctTargets().size());
        j.put("intention", settings.intention());
        j.put("intentionDescription", result.intentionNote());
        j.put("factors", result.factors());
        Dimensionality dim = result.dimensionality();
        if (dim != null) {
            Map<String, Object> cv = new LinkedHashMap<>();
            cv.put("dims", dim.candidates());
            cv.put("logLikelihoodPerSample", dim.crossValidatedLogLikelihood());
            cv.put("bestDims", dim.bestDims());
            cv.put("sharedVarianceDims", dim.sharedVarianceDims());
            cv.put("folds", dim.folds());
            cv.put("seed", dim.seed());
            j.put("crossValidation", cv);
        } else {
            j.put("crossValidation", null);
        }
        Map<String, Object> dyn = new LinkedHashMap<>();
        dyn.put("kind", settings.dynamics());
        dyn.put("A", rows(result.decoder().model().A()));
        dyn.put("Q", rows(result.decoder().model().Q()));
        dyn.put("riccatiIterations", result.decoder().riccatiIterations());
        j.put("dynamics", dyn);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("folds", Math.min(settings.folds(), recording.trials().size()));
        h.put("seed", settings.seed());
        h.put("angleDegrees", mapOf("mean", result.meanAngle(), "sem", result.semAngle()));
        h.put("r2", mapOf("x", result.r2()[0], "y", result.r2()[1], "both", result.r2Overall()));
        h.put("trialAngleDegrees", result.trialAngle());
        h.put("trialFold", result.fold());
        j.put("heldOut", h);
        return j;
    }

    /** One line for stdout: the held-out accuracy. */
    public String accuracyLine() {
        return String.format(Locale.ROOT, "angle %.2f ± %.2f deg (mean ± s.e.m. over %d trials), velocity R² x %.3f, "
                + "y %.3f (%d-fold by trial, seed %d)", result.meanAngle(), result.semAngle(), recording.trials().size(),
                result.r2()[0], result.r2()[1], Math.min(settings.folds(), recording.trials().size()), settings.seed());
    }

    /**
     * Held-out decoded (solid) vs intended (dashed) trajectories: the first held-out trial of each
     * target, both velocities integrated from the trial's first cursor position (the centre
     * without positions).
     */
    public JFreeChart trajectories() {
        List<Target> targets = recording.distinctTargets();
        List<DMatrixRMaj> decoded = new ArrayList<>();
        List<DMatrixRMaj> intended = new ArrayList<>();
        List<Integer> group = new ArrayList<>();
        boolean[] seen = new boolean[targets.size()];
        double dt = recording.binWidth();
        for (int i = 0; i < recording.trials().size(); i++) {
            Trial t = recording.trials().get(i);
            int k = targets.indexOf(t.target());
            if (k < 0 || seen[k]) {
                continue;
            }
            seen[k] = true;
            double x0 = t.hasCursorPosition() ? t.cursorPosition().get(0, 0) : 0;
            double y0 = t.hasCursorPosition() ? t.cursorPosition().get(0, 1) : 0;
            decoded.add(integrate(result.heldOut().get(i), x0, y0, dt));
            intended.add(integrate(result.intended().get(i), x0, y0, dt));
            group.add(k);
        }
        // without cursor positions the targets are directions, not places in the workspace
        DMatrixRMaj tp = new DMatrixRMaj(recording.hasCursorPosition() ? targets.size() : 0, 2);
        for (int k = 0; k < tp.numRows; k++) {
            tp.set(k, 0, targets.get(k).x());
            tp.set(k, 1, targets.get(k).y());
        }
        return CalibrationFigures.trajectories("Held-out decoded vs intended trajectories",
                String.format(Locale.ROOT, "%s; %d factors; one held-out trial per target; angle %.1f deg, R² %.2f",
                        file.getFileName(), result.factors(), result.meanAngle(), result.r2Overall()),
                "decoded (held out)", "intended", decoded, intended, group.stream().mapToInt(Integer::intValue).toArray(),
                tp);
    }

    /** Positions from velocities (T x 2): p(t) = p(t-1) + v(t) dt, starting from (x0, y0). */
    static DMatrixRMaj integrate(DMatrixRMaj v, double x0, double y0, double dt) {
        DMatrixRMaj p = new DMatrixRMaj(v.numRows + 1, 2);
        p.set(0, 0, x0);
        p.set(0, 1, y0);
        for (int t = 0; t < v.numRows; t++) {
            p.set(t + 1, 0, p.get(t, 0) + v.get(t, 0) * dt);
            p.set(t + 1, 1, p.get(t, 1) + v.get(t, 1) * dt);
        }
        return p;
    }

    static double[][] rows(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out[i][j] = m.get(i, j);
            }
        }
        return out;
    }

    static Map<String, Object> mapOf(Object... kv) {
        return org.bcikit.data.io.JsonFiles.object(kv);
    }

    /** Writes decoder.json, calibration.json and the trajectories figure into {@code out}; returns the file names. */
    public List<String> write(Path out) throws IOException {
        decoderFile().write(out.resolve("decoder.json"));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("command", "calibrate");
        j.put("version", org.bcikit.experiments.api.BuildInfo.version());
        j.putAll(json());
        org.bcikit.data.io.JsonFiles.write(out.resolve("calibration.json"), j);
        org.bcikit.experiments.figures.Figures.save(trajectories(), out.resolve("trajectories"));
        return List.of("decoder.json", "calibration.json", "trajectories.png", "trajectories.svg");
    }
}
