package org.bcikit.experiments.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.data.examples.ExampleSession;
import org.bcikit.decoders.rig.RigProgress;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.spec.Validation;

/**
 * The real-session analysis of {@code bcikit session} as an experiment (built-in spec
 * {@code golub2018}; Golub et al. 2018, "Learning by neural reassociation", Nat Neurosci 21:607):
 * one deterministic run that rebuilds the session's decoders, records the reproduction errors
 * and the progress under each mapping before and after learning, and draws the progress and
 * factor-cloud figures. The session is the parameter {@code input}: a path ({@code --input FILE})
 * or a bundled session {@code example:NAME} ({@code --example NAME}; default
 * {@code example:golub2018}), recorded as given in the results.
 */
public final class RigSessionExperiment implements Experiment<RigSessionExperiment.Params> {

    /** The published session, bundled in the jar, so that a clone without ../shared runs it. */
    static final String DEFAULT_INPUT = ExampleSession.GOLUB2018.reference();

    private static final List<String> MAPPINGS = List.of("intuitive", "perturbed");
    private static final List<String> EPOCHS = List.of("before", "after");
    private static final List<String> QUANTITIES = List.of("K", "M1", "M2", "m0", "beta", "vraw", "factorActivity",
            "progress");

    /** @param input the rig session (.mat) */
    record Params(String input) {
    }

    @Override
    public String type() {
        return "rig-session";
    }

    @Override
    public String description() {
        return "rebuild a real rig session's decoders, check them against the stored ones, progress and factor clouds";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params(DEFAULT_INPUT);
    }

    @Override
    public void validate(Params p, Validation at) {
        at.require(p.input() != null && !p.input().isBlank(), "input",
                "a path to a rig session (.mat) or example:" + ExampleSession.GOLUB2018.id(), p.input());
        if (p.input() != null && p.input().startsWith(ExampleSession.PREFIX)) {
            at.oneOf("input", p.input(), ExampleSession.names().stream().map(n -> ExampleSession.PREFIX + n).toList());
        }
    }

    @Override
    public Measurements run(Params p, RunContext context) throws Exception {
        RigSessionAnalysis a = RigSessionAnalysis.of(resolve(p.input()));
        Measurements m = new Measurements();
        m.scalar("maxRelativeError", a.reproduction().maxRelativeError());
        for (String q : QUANTITIES) {
            m.scalar("relativeError." + q, a.maxRelativeError(q));
        }
        for (String mapping : MAPPINGS) {
            for (String epoch : EPOCHS) {
                RigProgress pr = a.progress(mapping, epoch);
                m.scalar("progress." + mapping + "." + epoch, pr.mean());
                m.curve("progress." + mapping + "." + epoch, pr.anglesDegrees(), pr.perTarget());
            }
        }
        return m;
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        RunRecord r = runs.get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("maxRelativeError", r.scalar("maxRelativeError"));
        out.put("withinTolerance", r.scalar("maxRelativeError") <= RigSessionAnalysis.TOLERANCE);
        Map<String, Object> errors = new LinkedHashMap<>();
        for (String q : QUANTITIES) {
            errors.put(q, r.scalar("relativeError." + q));
        }
        out.put("relativeErrors", errors);
        Map<String, Object> progress = new LinkedHashMap<>();
        for (String mapping : MAPPINGS) {
            Map<String, Object> e = new LinkedHashMap<>();
            for (String epoch : EPOCHS) {
                e.put(epoch, r.scalar("progress." + mapping + "." + epoch));
            }
            progress.put(mapping, e);
        }
        out.put("progress", progress);
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        Params p = (Params) results.plan().conditions().get(0).parameters();
        try {
            RigSessionAnalysis a = RigSessionAnalysis.of(resolve(p.input()));
            return List.of(new NamedFigure("progress-per-target", RigSessionFigures.progress(a)),
                    new NamedFigure("factor-clouds", RigSessionFigures.factorClouds(a)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The session {@code input} names: a bundled {@code example:NAME}, extracted, or a path. */
    public static Path resolve(String input) throws IOException {
        return ExampleSession.resolve(input, "a rig session", ExampleSession.GOLUB2018);
    }
}
