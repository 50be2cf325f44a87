package org.bcikit.experiments.internalmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.data.examples.ExampleSession;
import org.bcikit.decoders.internalmodel.AngularErrors;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.spec.Validation;

/**
 * Internal model estimation (Golub, Yu &amp; Chase 2015, eLife 4:e10015) as an experiment: one run
 * fits IME at one TAU to the session {@code input} and scores it, so a sweep over {@code tau}
 * (built-in spec {@code ime2015}) is the codepack's TAU sweep (example3.m). With {@code folds}
 * the errors and likelihood are cross-validated over folds of trials (blocks of at most one trial
 * per target, shuffled by the run's paired seed, so every TAU of one seed index sees the same
 * folds); {@code scoreFromTau} (the sweep's largest TAU) makes every TAU count the same steps.
 */
public final class InternalModelExperiment implements Experiment<InternalModelExperiment.Params> {

    static final String DEFAULT_INPUT = ExampleSession.IME2015.reference();

    /**
     * @param input         closed-loop trials in the codepack's layout (.mat), or {@code example:ime2015}
     * @param tau           visual feedback delay, steps
     * @param maxIterations most EM iterations (M-steps)
     * @param folds         cross-validation folds (0: none; -1: one per block)
     * @param scoreFromTau  count steps from max(tau, scoreFromTau) + 2 (1-based; -1: tau)
     */
    record Params(String input, int tau, int maxIterations, int folds, int scoreFromTau) {
    }

    @Override
    public String type() {
        return "internal-model";
    }

    @Override
    public String description() {
        return "internal model estimation (IME) on closed-loop trials: likelihood and angular errors of cursor and internal model";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params(DEFAULT_INPUT, 3, 100, 0, -1);
    }

    @Override
    public void validate(Params p, Validation at) {
        at.require(p.input() != null && !p.input().isBlank(), "input",
                "a path to closed-loop trials (.mat) or example:" + ExampleSession.IME2015.id(), p.input());
        if (p.input() != null && p.input().startsWith(ExampleSession.PREFIX)) {
            at.oneOf("input", p.input(), ExampleSession.names().stream().map(n -> ExampleSession.PREFIX + n).toList());
        }
        at.atLeast("tau", p.tau(), 0);
        at.atLeast("maxIterations", p.maxIterations(), 0);
        at.require(p.folds() == -1 || p.folds() == 0 || p.folds() >= 2, "folds", "-1 (one per block), 0 (none) or >= 2",
                p.folds());
        at.atLeast("scoreFromTau", p.scoreFromTau(), -1);
    }

    @Override
    public Measurements run(Params p, RunContext context) throws Exception {
        Path file = resolve(p.input());
        InternalModelAnalysis a = InternalModelAnalysis.of(file, new InternalModelAnalysis.Settings(p.tau(), p.tau(),
                p.maxIterations(), p.folds(), context.pairedSeed(), 0, p.scoreFromTau()), line -> { });
        AngularErrors e = a.errors();
        Measurements m = new Measurements();
        m.scalar("logLikelihood", a.model().logLikelihood());
        m.scalar("scoredLogLikelihood", a.scoredLogLikelihood());
        m.scalar("iterations", a.model().iterations());
        m.scalar("converged", a.model().converged() ? 1 : 0);
        m.scalar("likelihoodDecreases", a.model().likelihoodDecreases());
        m.scalar("angularError.cursor", e.cursorMean());
        m.scalar("angularError.cursor.sem", e.cursorSem());
        m.scalar("angularError.internalModel", e.internalModelMean());
        m.scalar("angularError.internalModel.sem", e.internalModelSem());
        m.curve("logLikelihoodTrace", a.model().logLikelihoods());
        m.curve("angularError.cursor.perTrial", e.cursor());
        m.curve("angularError.internalModel.perTrial", e.internalModel());
        return m;
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        RunRecord r = runs.get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tau", condition.parameters().tau());
        out.put("scoredLogLikelihood", r.scalar("scoredLogLikelihood"));
        out.put("crossValidated", condition.parameters().folds() != 0);
        out.put("angularErrorCursor", r.scalar("angularError.cursor"));
        out.put("angularErrorInternalModel", r.scalar("angularError.internalModel"));
        out.put("iterations", r.scalar("iterations"));
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        List<InternalModelAnalysis.Candidate> candidates = new ArrayList<>();
        for (ConditionSummary c : results.conditions()) {
            candidates.add(new InternalModelAnalysis.Candidate((int) c.metric("tau"),
                    c.scalars().get("scoredLogLikelihood").mean(), c.scalars().get("angularError.cursor").mean(),
                    c.scalars().get("angularError.internalModel").mean()));
        }
        Params p = (Params) results.plan().conditions().get(0).parameters();
        List<NamedFigure> figures = new ArrayList<>();
        figures.add(new NamedFigure("tau-sweep", InternalModelFigures.tauSweep(candidates,
                Path.of(p.input()).getFileName() + ", mean over " + results.conditions().get(0).runs() + " seed(s)"
                        + (p.folds() != 0 ? ", held-out" : ", training") + " log-likelihood")));
        // the comparison figure of the best-scoring TAU's first seed, from the per-trial errors it recorded
        int best = 0;
        for (int k = 1; k < candidates.size(); k++) {
            if (candidates.get(k).heldOutLogLikelihood() > candidates.get(best).heldOutLogLikelihood()) {
                best = k;
            }
        }
        int bestIndex = results.conditions().get(best).index();
        for (RunRecord r : results.runs()) {
            if (r.context().conditionIndex() == bestIndex) {
                AngularErrors e = new AngularErrors(r.curve("angularError.cursor.perTrial").y(),
                        r.curve("angularError.internalModel.perTrial").y());
                figures.add(new NamedFigure("angular-errors", InternalModelFigures.angularErrors(e, "TAU = "
                        + candidates.get(best).tau() + " (best log-likelihood), " + (int) r.scalar("iterations")
                        + " iterations" + (p.folds() != 0 ? ", cross-validated" : ", training trials"))));
                break;
            }
        }
        return figures;
    }

    /** The trials {@code input} names: a bundled {@code example:NAME}, extracted, or a path. */
    static Path resolve(String input) throws IOException {
        return ExampleSession.resolve(input, "closed-loop trials", ExampleSession.IME2015);
    }
}
