package org.bcikit.experiments.calibration;

import java.nio.file.Path;
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
import org.bcikit.experiments.session.RigSessionExperiment;
import org.bcikit.experiments.spec.Validation;

/**
 * {@code bcikit decoder rebuild} as an experiment type ({@code decoder-rebuild};
 * {@link RebuildAnalysis}): one deterministic run per condition on {@code --input FILE}, for
 * sweeping over files' bin widths or trial selections and sharding with the rest.
 */
public final class DecoderRebuildExperiment implements Experiment<DecoderRebuildExperiment.Params> {

    /**
     * @param input    the closed-loop recording
     * @param format   csv, npy, nwb, mat, or empty for the extension's
     * @param binWidth seconds where the file has none (0: the file's or the default)
     * @param trials   KEY=VALUE trial selection, or empty
     */
    public record Params(String input, String format, double binWidth, String trials) {
    }

    @Override
    public String type() {
        return "decoder-rebuild";
    }

    @Override
    public String description() {
        return "estimate the decoder that drove a closed-loop cursor on --input FILE: per-axis R², replay error";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("", "", 0, "");
    }

    @Override
    public void validate(Params p, Validation at) {
        at.require(p.input() != null && !p.input().isBlank(), "input", "a closed-loop recording (--input FILE)",
                p.input());
        at.require(p.binWidth() >= 0, "binWidth", "seconds > 0, or 0 for the file's", p.binWidth());
    }

    @Override
    public Measurements run(Params p, RunContext context) throws Exception {
        Path file = RigSessionExperiment.resolve(p.input());
        Recording r = CalibrationExperiment.read(p.input(), p.format(), p.binWidth(), p.trials());
        RebuildAnalysis a = RebuildAnalysis.of(file, r);
        Measurements m = new Measurements();
        m.scalar("r2x", a.result().r2()[0]);
        m.scalar("r2y", a.result().r2()[1]);
        m.scalar("samples", a.result().samples());
        m.scalar("replayError", a.result().meanReplayError());
        m.scalar("replayFinalError", a.result().meanFinalError());
        m.curve("trialReplayError", a.result().replayMeanError());
        return m;
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        RunRecord r = runs.get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String s : List.of("r2x", "r2y", "samples", "replayError", "replayFinalError")) {
            out.put(s, r.scalar(s));
        }
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        return List.of();
    }
}
