package org.bcikit.experiments.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.decoders.rig.ClosedLoopRebuild;
import org.bcikit.decoders.rig.DecoderFile;
import org.bcikit.experiments.figures.Figures;
import org.ejml.data.DMatrixRMaj;
import org.jfree.chart.JFreeChart;

/**
 * {@code bcikit decoder rebuild} and the experiment type {@code decoder-rebuild}: the decoder that
 * drove the cursor of a closed-loop recording ({@link ClosedLoopRebuild}; the timing convention of
 * Golub, Yu &amp; Chase 2015, eLife 4:e10015), its per-axis R², the replay of every trial, a
 * {@code decoder.json} with the parameters it can fill, and a replay figure.
 */
public final class RebuildAnalysis {

    private final Path file;
    private final Recording recording;
    private final ClosedLoopRebuild.Result result;

    private RebuildAnalysis(Path file, Recording recording, ClosedLoopRebuild.Result result) {
        this.file = file;
        this.recording = recording;
        this.result = result;
    }

    public static RebuildAnalysis of(Path file, Recording recording) {
        try {
            return new RebuildAnalysis(file, recording, ClosedLoopRebuild.fit(recording));
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    public ClosedLoopRebuild.Result result() {
        return result;
    }

    public DecoderFile decoderFile() {
        return DecoderFile.affine(result.decoder(), "rebuilt", "decoder estimated from closed-loop data by bcikit "
                + "decoder rebuild: v(t) = M1 v(t-1) + M2 u(t) + m0, v(t) = (p(t) - p(t-1)) / dt", file.toString(),
                recording.binWidth());
    }

    public Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("file", file.toString());
        j.put("units", recording.units());
        j.put("trials", recording.trials().size());
        j.put("bins", recording.totalBins());
        j.put("binWidth", recording.binWidth());
        j.put("timing", "bin t's cursor position reflects bin t's counts: v(t) = (p(t) - p(t-1)) / dt; rows are bins "
                + "t >= 2 of each trial (v(t-1) known)");
        j.put("samples", result.samples());
        j.put("r2", CalibrationAnalysis.mapOf("x", result.r2()[0], "y", result.r2()[1]));
        j.put("residualSd", CalibrationAnalysis.mapOf("x", result.residualSd()[0], "y", result.residualSd()[1]));
        j.put("unidentifiedUnits", unitNames(result.unidentifiedUnits()));
        j.put("M1", CalibrationAnalysis.rows(result.decoder().M1()));
        j.put("m0", result.decoder().m0().data);
        Map<String, Object> replay = new LinkedHashMap<>();
        replay.put("start", "recorded position and velocity at bin 1 of each trial");
        replay.put("meanPositionError", result.meanReplayError());
        replay.put("meanFinalPositionError", result.meanFinalError());
        replay.put("trialMeanPositionError", result.replayMeanError());
        replay.put("trialFinalPositionError", result.replayFinalError());
        j.put("replay", replay);
        j.put("absent", decoderFile().absent());
        return j;
    }

    private List<String> unitNames(int[] units) {
        List<String> out = new ArrayList<>();
        for (int u : units) {
            out.add(recording.unitIds().get(u));
        }
        return out;
    }

    public String r2Line() {
        return String.format(Locale.ROOT, "R² x %.4f, y %.4f (one-step, %d bins); residual sd x %.4g, y %.4g per s",
                result.r2()[0], result.r2()[1], result.samples(), result.residualSd()[0], result.residualSd()[1]);
    }

    public String replayLine() {
        return String.format(Locale.ROOT, "mean position error %.4g, at the trial's end %.4g (workspace units; "
                + "mean over %d trials)", result.meanReplayError(), result.meanFinalError(), replayed());
    }

    private int replayed() {
        int n = 0;
        for (double e : result.replayMeanError()) {
            n += Double.isNaN(e) ? 0 : 1;
        }
        return n;
    }

    /** Recorded (dashed) vs replayed (solid) cursor trajectories: the first trial of each target. */
    public JFreeChart replayFigure() {
        List<Target> targets = recording.distinctTargets();
        List<DMatrixRMaj> replayed = new ArrayList<>();
        List<DMatrixRMaj> recorded = new ArrayList<>();
        List<Integer> group = new ArrayList<>();
        boolean[] seen = new boolean[Math.max(1, targets.size())];
        for (int i = 0; i < recording.trials().size(); i++) {
            Trial t = recording.trials().get(i);
            int k = t.target() == null ? 0 : Math.max(0, targets.indexOf(t.target()));
            if (seen[k] || t.bins() < 3) {
                continue;
            }
            seen[k] = true;
            replayed.add(result.replayed().get(i));
            recorded.add(t.cursorPosition());
            group.add(k);
        }
        DMatrixRMaj tp = new DMatrixRMaj(0, 2);
        if (!targets.isEmpty() && targets.get(0).hasPosition()) {
            tp = new DMatrixRMaj(targets.size(), 2);
            for (int k = 0; k < targets.size(); k++) {
                tp.set(k, 0, targets.get(k).x());
                tp.set(k, 1, targets.get(k).y());
            }
        }
        return CalibrationFigures.trajectories("Recorded vs replayed cursor trajectories",
                String.format(Locale.ROOT, "%s; the estimated decoder replays each trial's counts; R² x %.3f, y %.3f",
                        file.getFileName(), result.r2()[0], result.r2()[1]),
                "replayed", "recorded", replayed, recorded, group.stream().mapToInt(Integer::intValue).toArray(), tp);
    }

    public List<String> write(Path out) throws IOException {
        JFreeChart figure = replayFigure();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("command", "decoder rebuild");
        j.put("version", org.bcikit.experiments.api.BuildInfo.version());
        j.putAll(json());
        decoderFile().write(out.resolve("decoder.json"));
        JsonFiles.write(out.resolve("rebuild.json"), j);
        Figures.save(figure, out.resolve("replay"));
        return List.of("decoder.json", "rebuild.json", "replay.png", "replay.svg");
    }
}
