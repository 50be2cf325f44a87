package org.bcikit.experiments.demo;

import java.util.List;
import java.util.Map;

import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.closedloop.Sadtler2014Experiment;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.DistributionFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.experiments.staticnet.StaticPerturbationExperiment;

/**
 * {@code demo}: the whole pipeline in under a minute, for {@code bcikit demo}. Two learners face
 * matched within- and outside-manifold perturbations:
 * <ul>
 * <li>{@code static-lazy} and {@code static-rich}: the static linear-Gaussian network of Payeur,
 * Orsborn and Lajoie 2023 (bioRxiv 2023.03.11.532146), PCA-manifold decoder, exact GD
 * (the {@code lazy-rich} experiment, shortened);</li>
 * <li>{@code rate-rnn}: closed-loop sessions of a rate RNN driving a cursor through an FA + Kalman
 * decoder that reads its units (Sadtler et al. 2014, Nature 512:423; the {@code sadtler2014}
 * experiment, with fewer sessions).</li>
 * </ul>
 * Each run is delegated to the full experiment, so the demo's numbers are those experiments'
 * numbers at smaller settings, not a separate model.
 */
public final class DemoExperiment implements Experiment<DemoExperiment.Params> {

    private static final StaticPerturbationExperiment STATIC = new StaticPerturbationExperiment();
    private static final Sadtler2014Experiment CLOSED_LOOP = new Sadtler2014Experiment();
    private static final List<String> LEARNERS = List.of("static-lazy", "static-rich", "rate-rnn");

    /**
     * @param learner       {@code static-lazy}, {@code static-rich} or {@code rate-rnn}
     * @param perturbation  {@code WMP} or {@code OMP}
     * @param staticNetwork the static-network settings (their regime and perturbation are set from the two above)
     * @param closedLoop    the closed-loop settings (their perturbation is set from the one above)
     */
    record Params(String learner, String perturbation, StaticPerturbationExperiment.Params staticNetwork,
            Sadtler2014Experiment.Params closedLoop) {

        boolean isStatic() {
            return learner.startsWith("static-");
        }

        StaticPerturbationExperiment.Params staticParams() {
            StaticPerturbationExperiment.Params s = staticNetwork;
            return new StaticPerturbationExperiment.Params(learner.substring("static-".length()), perturbation,
                    s.network(), s.initialTraining(), s.selection(), s.adaptation());
        }

        Sadtler2014Experiment.Params closedLoopParams() {
            Sadtler2014Experiment.Params c = closedLoop;
            return new Sadtler2014Experiment.Params(perturbation, c.subject(), c.task(), c.recordedUnits(), c.factors(),
                    c.calibrationTrials(), c.practiceTrials(), c.optimizer(), c.learningRate(), c.clipNorm(),
                    c.plastic(), c.blockTrials(), c.baselineBlocks(), c.perturbationBlocks(), c.washoutBlocks(),
                    c.candidates());
        }
    }

    @Override
    public String type() {
        return "demo";
    }

    @Override
    public String description() {
        return "static network (lazy, rich) and closed-loop rate RNN adapting to matched WMPs and OMPs, shortened";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("static-lazy", "WMP", STATIC.defaults(), CLOSED_LOOP.defaults());
    }

    @Override
    public void validate(Params p, Validation at) {
        at.oneOf("learner", p.learner(), LEARNERS);
        at.oneOf("perturbation", p.perturbation(), List.of("WMP", "OMP"));
        if (p.isStatic()) {
            STATIC.validate(p.staticParams(), at.below("staticNetwork"));
        } else {
            CLOSED_LOOP.validate(p.closedLoopParams(), at.below("closedLoop"));
        }
    }

    @Override
    public Measurements run(Params p, RunContext context) throws Exception {
        return p.isStatic() ? STATIC.run(p.staticParams(), context) : CLOSED_LOOP.run(p.closedLoopParams(), context);
    }

    @Override
    public Object sharedWorkKey(Params p, RunContext context) {
        return p.isStatic() ? STATIC.sharedWorkKey(p.staticParams(), context)
                : CLOSED_LOOP.sharedWorkKey(p.closedLoopParams(), context);
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> c, List<RunRecord> runs) {
        Params p = c.parameters();
        return p.isStatic()
                ? STATIC.metrics(new Condition<>(c.index(), c.name(), c.settings(), p.staticParams()), runs)
                : CLOSED_LOOP.metrics(new Condition<>(c.index(), c.name(), c.settings(), p.closedLoopParams()), runs);
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        int seeds = results.plan().seeds();
        NamedFigure staticCurves = new NamedFigure("static-learning-curves", LearningCurveFigure.of(results,
                "performance", "Static network, lazy vs rich start: WMP vs OMP (mean \u00b1 s.e.m., " + seeds + " seeds)",
                "adaptation step", "retraining performance 1 - L/L0").chart());
        NamedFigure success = new NamedFigure("closed-loop-success-rate", LearningCurveFigure.of(results, "successRate",
                "Rate RNN in closed loop (Sadtler et al. 2014): success per block (" + seeds + " sessions)",
                "block (1 = first perturbation block)", "success rate").yRange(0, 1.05).chart());
        NamedFigure amount = new NamedFigure("amount-of-learning", DistributionFigure.of(results, "amountOfLearning",
                "Rate RNN in closed loop: amount of learning per session, WMP vs OMP (" + seeds + " sessions)",
                "amount of learning (0 none, 1 full)", 10));
        return List.of(staticCurves, success, amount);
    }
}
