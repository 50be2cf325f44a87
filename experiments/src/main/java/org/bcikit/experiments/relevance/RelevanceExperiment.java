package org.bcikit.experiments.relevance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.CurveStats;
import org.bcikit.experiments.api.Experiment;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.api.ScalarStats;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.results.LearningCurveFigure;
import org.bcikit.experiments.spec.Validation;
import org.bcikit.rnn.relevance.PlasticSite;
import org.bcikit.rnn.relevance.Presentation;
import org.bcikit.rnn.relevance.Protocols;
import org.bcikit.rnn.relevance.RelevanceConfig;
import org.bcikit.rnn.relevance.RelevanceNetwork;
import org.bcikit.rnn.relevance.RelevanceRun;
import org.bcikit.rnn.relevance.RelevanceSimulation;
import org.bcikit.rnn.relevance.StimulusSchedule;

/**
 * {@code relevance}: relevance learning by inhibition (Insel, Guerguiev &amp; Richards 2018, PLoS
 * Comput Biol 14:e1006315; science.md §12). A run draws and pre-trains the network (1000 Poisson
 * inputs, 800 excitatory units, one inhibitory unit by default), runs one {@code protocol} with
 * plasticity at {@code site} and inhibition scale {@code iota}, and reports the mean excitatory
 * rate (Hz) evoked by each stimulus in each phase. {@code relevantMinusIrrelevant} is each
 * protocol's published contrast: last CS1 minus last CS2 (learning to ignore), test CS1 minus the
 * blocked CS2 (blocking), control minus pre-exposed CS1 at test (latent inhibition) or over the
 * first fifth of the pairings (learned irrelevance). Published: positive with intact inhibition,
 * lost at ι = 0.9.
 *
 * <p>The network and its pre-training come from the paired generator, so at one seed index every
 * protocol and ι starts from the same weights and background rates; latent inhibition and learned
 * irrelevance run their control (no pre-exposure) from that same pre-trained network.
 */
public final class RelevanceExperiment implements Experiment<RelevanceExperiment.Params> {

    static final List<String> PROTOCOLS = List.of("learning-to-ignore", "blocking", "latent-inhibition",
            "learned-irrelevance");
    static final List<String> SITES = List.of("x-I", "x-E", "I-E");

    /**
     * Protocol lengths.
     *
     * @param ignoreSeconds          learning to ignore: duration (s; the paper's 2000)
     * @param lastPresentations      learning to ignore: presentations averaged at the start and end
     * @param blockingPreExposures   blocking: pre-exposures of each CS (50)
     * @param blockingTrials         blocking: CS1+US and CS1+CS2+US trials each (50)
     * @param blockingTests          blocking: tests of each CS (10)
     * @param latentPreExposures     latent inhibition: CS1 pre-exposures (30)
     * @param latentReducedPhase     latent inhibition: {@code none}, {@code conditioning} or {@code test}
     *                               phase with inhibition scaled by 0.8
     * @param irrelevanceSeconds     learned irrelevance: uncorrelated pre-exposure (s; 800)
     * @param irrelevanceUncorrelated learned irrelevance: USs and CS1s in it (100)
     * @param irrelevancePairings    learned irrelevance: CS1→US pairings (100)
     */
    record Schedule(double ignoreSeconds, int lastPresentations, int blockingPreExposures, int blockingTrials,
            int blockingTests, int latentPreExposures, String latentReducedPhase, double irrelevanceSeconds,
            int irrelevanceUncorrelated, int irrelevancePairings) {
    }

    /**
     * @param protocol       one of {@link #PROTOCOLS}
     * @param iota           inhibition scale ι (1 intact, 0.9 disrupted)
     * @param site           plastic site: {@code x-I} (default), {@code x-E}, {@code I-E}
     * @param inputs         Poisson inputs
     * @param excitatory     excitatory units
     * @param stimulusInputs inputs per CS
     * @param pretrainingSeconds pre-training length (s)
     * @param schedule       protocol lengths
     */
    record Params(String protocol, double iota, String site, int inputs, int excitatory, int stimulusInputs,
            double pretrainingSeconds, Schedule schedule) {
    }

    @Override
    public String type() {
        return "relevance";
    }

    @Override
    public String description() {
        return "Insel et al. 2018: learning to ignore, blocking, latent inhibition, learned irrelevance on an E/I "
                + "relevance network with intact or disrupted inhibition";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params("learning-to-ignore", 1.0, "x-I", 1000, 800, 100, 60,
                new Schedule(2000, 10, 50, 50, 10, 30, "none", 800, 100, 100));
    }

    @Override
    public void validate(Params p, Validation at) {
        at.oneOf("protocol", p.protocol(), PROTOCOLS);
        at.inRange("iota", p.iota(), 0, 1);
        at.oneOf("site", p.site(), SITES);
        at.atLeast("inputs", p.inputs(), 2);
        at.atLeast("excitatory", p.excitatory(), 1);
        at.atLeast("stimulusInputs", p.stimulusInputs(), 1);
        at.require(2 * p.stimulusInputs() <= p.inputs(), "stimulusInputs", "at most inputs / 2", p.stimulusInputs());
        at.nonNegative("pretrainingSeconds", p.pretrainingSeconds());
        Schedule s = p.schedule();
        at.positive("schedule.ignoreSeconds", s.ignoreSeconds());
        at.atLeast("schedule.lastPresentations", s.lastPresentations(), 1);
        at.atLeast("schedule.blockingPreExposures", s.blockingPreExposures(), 0);
        at.atLeast("schedule.blockingTrials", s.blockingTrials(), 1);
        at.atLeast("schedule.blockingTests", s.blockingTests(), 1);
        at.atLeast("schedule.latentPreExposures", s.latentPreExposures(), 1);
        at.oneOf("schedule.latentReducedPhase", s.latentReducedPhase(), List.of("none", "conditioning", "test"));
        at.nonNegative("schedule.irrelevanceSeconds", s.irrelevanceSeconds());
        at.atLeast("schedule.irrelevanceUncorrelated", s.irrelevanceUncorrelated(), 1);
        at.atLeast("schedule.irrelevancePairings", s.irrelevancePairings(), 5);
        at.require(s.irrelevanceSeconds() == 0 || s.irrelevanceSeconds() >= 2, "schedule.irrelevanceSeconds",
                "0 or at least 2", s.irrelevanceSeconds());
    }

    static PlasticSite site(String name) {
        return switch (name) {
            case "x-E" -> PlasticSite.INPUT_TO_EXCITATORY;
            case "I-E" -> PlasticSite.INHIBITORY_TO_EXCITATORY;
            default -> PlasticSite.INPUT_TO_INHIBITORY;
        };
    }

    @Override
    public Measurements run(Params p, RunContext context) {
        RelevanceConfig config = RelevanceConfig.published().withSize(p.inputs(), p.excitatory(), p.stimulusInputs())
                .withPretraining(p.pretrainingSeconds());
        SplittableRandom paired = context.pairedRandom();
        RelevanceSimulation sim = new RelevanceSimulation(site(p.site()), p.iota());
        RelevanceNetwork network = sim.pretrain(RelevanceNetwork.initial(config, paired), paired);
        SplittableRandom random = context.random();
        Schedule s = p.schedule();
        double dt = config.dt();
        Measurements m = new Measurements();
        switch (p.protocol()) {
            case "learning-to-ignore" -> {
                RelevanceRun run = sim.run(network, Protocols.learningToIgnore(dt, s.ignoreSeconds(), random), random);
                List<Presentation> cs1 = run.presentations("CS1", null);
                List<Presentation> cs2 = run.presentations("CS2", null);
                int n = s.lastPresentations();
                m.scalar("CS1.early", mean(run, cs1, 0, n));
                m.scalar("CS2.early", mean(run, cs2, 0, n));
                m.scalar("CS1.late", mean(run, cs1, cs1.size() - n, cs1.size()));
                m.scalar("CS2.late", mean(run, cs2, cs2.size() - n, cs2.size()));
                m.scalar("relevantMinusIrrelevant", m.scalars().get("CS1.late") - m.scalars().get("CS2.late"));
                m.curve("CS1", rates(run, cs1));
                m.curve("CS2", rates(run, cs2));
                finish(m, run);
            }
            case "blocking" -> {
                RelevanceRun run = sim.run(network, Protocols.blocking(dt, s.blockingPreExposures(),
                        s.blockingTrials(), s.blockingTests(), random), random);
                for (String phase : List.of("pre-exposure", "test")) {
                    for (String stimulus : List.of("CS1", "CS2", "none")) {
                        List<Presentation> shown = run.presentations(stimulus, phase);
                        if (!shown.isEmpty()) {
                            m.scalar(phase + "." + stimulus, mean(run, shown, 0, shown.size()));
                            m.scalar(phase + "." + stimulus + ".inhibition", shown.stream()
                                    .mapToDouble(run::inhibition).average().orElse(Double.NaN));
                        }
                    }
                }
                List<Presentation> conditioning = run.presentations("CS1", "conditioning");
                List<Presentation> compound = run.presentations("CS1+CS2", "compound");
                m.scalar("conditioning.CS1", mean(run, conditioning, 0, conditioning.size()));
                m.scalar("compound.CS1+CS2", mean(run, compound, 0, compound.size()));
                m.scalar("relevantMinusIrrelevant", m.scalars().get("test.CS1") - m.scalars().get("test.CS2"));
                m.curve("CS1", rates(run, run.presentations("CS1", null)));
                m.curve("CS2", rates(run, run.presentations("CS2", null)));
                m.curve("CS1+CS2", rates(run, compound));
                finish(m, run);
            }
            case "latent-inhibition" -> {
                RelevanceRun pre = sim.run(network, Protocols.latentInhibition(dt, s.latentPreExposures(),
                        s.latentReducedPhase(), 0.8), random);
                RelevanceRun control = sim.run(network, Protocols.latentInhibition(dt, 0, s.latentReducedPhase(), 0.8),
                        random);
                double preTest = mean(pre, pre.presentations("CS1", "test"), 0, 4);
                double controlTest = mean(control, control.presentations("CS1", "test"), 0, 4);
                m.scalar("preexposed.pre-exposure.CS1", mean(pre, pre.presentations("CS1", "pre-exposure"), 0,
                        s.latentPreExposures()));
                m.scalar("preexposed.test.CS1", preTest);
                m.scalar("control.test.CS1", controlTest);
                m.scalar("relevantMinusIrrelevant", controlTest - preTest);
                m.curve("CS1", rates(pre, pre.presentations("CS1", null)));
                m.curve("CS1.control", rates(control, control.presentations("CS1", null)));
                finish(m, pre);
            }
            default -> {
                RelevanceRun pre = sim.run(network, Protocols.learnedIrrelevance(dt, s.irrelevanceSeconds(),
                        s.irrelevanceUncorrelated(), s.irrelevancePairings(), random), random);
                RelevanceRun control = sim.run(network, Protocols.learnedIrrelevance(dt, 0, 0,
                        s.irrelevancePairings(), random), random);
                List<Presentation> prePairs = pre.presentations("CS1", "conditioning");
                List<Presentation> controlPairs = control.presentations("CS1", "conditioning");
                int fifth = s.irrelevancePairings() / 5;
                double preEarly = mean(pre, prePairs, 0, fifth);
                double controlEarly = mean(control, controlPairs, 0, fifth);
                m.scalar("preexposed.pre-exposure.CS1", mean(pre, pre.presentations("CS1", "pre-exposure"), 0,
                        pre.presentations("CS1", "pre-exposure").size()));
                m.scalar("preexposed.conditioning.CS1", preEarly);
                m.scalar("control.conditioning.CS1", controlEarly);
                m.scalar("preexposed.conditioningEnd.CS1", mean(pre, prePairs, prePairs.size() - fifth,
                        prePairs.size()));
                m.scalar("control.conditioningEnd.CS1", mean(control, controlPairs, controlPairs.size() - fifth,
                        controlPairs.size()));
                m.scalar("relevantMinusIrrelevant", controlEarly - preEarly);
                m.curve("CS1", rates(pre, prePairs));
                m.curve("CS1.control", rates(control, controlPairs));
                finish(m, pre);
            }
        }
        return m;
    }

    private static void finish(Measurements m, RelevanceRun run) {
        m.scalar("smallestWeight", run.network().smallestWeight());
        int steps = run.excitatoryRate().length;
        m.scalar("baselineRate", baseline(run, steps));
    }

    /** Mean rate over the steps with no stimulus and no US: the network's resting activity. */
    private static double baseline(RelevanceRun run, int steps) {
        StimulusSchedule s = run.schedule();
        double sum = 0;
        int n = 0;
        for (int t = 0; t < steps; t++) {
            if (s.stimuli(t) == 0 && !s.us(t)) {
                sum += run.excitatoryRate()[t];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double mean(RelevanceRun run, List<Presentation> shown, int from, int to) {
        int lo = Math.max(0, from);
        int hi = Math.min(shown.size(), to);
        double sum = 0;
        for (int i = lo; i < hi; i++) {
            sum += run.rate(shown.get(i));
        }
        return hi > lo ? sum / (hi - lo) : Double.NaN;
    }

    private static double[] rates(RelevanceRun run, List<Presentation> shown) {
        return shown.stream().mapToDouble(run::rate).toArray();
    }

    @Override
    public Map<String, Object> metrics(Condition<Params> condition, List<RunRecord> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>();
        for (RunRecord r : runs) {
            names.addAll(r.scalars().keySet());
        }
        ScalarStats.putMeanAndSem(out, runs, names);
        return out;
    }

    @Override
    public List<NamedFigure> figures(ExperimentResults results) {
        List<NamedFigure> figures = new ArrayList<>();
        String name = results.plan().name();
        Map<String, List<ConditionSummary>> byProtocol = new LinkedHashMap<>();
        for (ConditionSummary c : results.conditions()) {
            byProtocol.computeIfAbsent(parameters(results, c).protocol(), k -> new ArrayList<>()).add(c);
        }
        byProtocol.forEach((protocol, conditions) -> {
            LearningCurveFigure f = new LearningCurveFigure("Responses per presentation, " + protocol + " (" + name
                    + ")", "presentation", "mean excitatory rate (Hz)");
            int colour = 0;
            for (ConditionSummary c : conditions) {
                for (String curve : List.of("CS1", "CS2", "CS1+CS2", "CS1.control")) {
                    CurveStats stats = c.curves().get(curve);
                    if (stats != null) {
                        f.add(c.name() + " " + curve, colour++, stats);
                    }
                }
            }
            figures.add(new NamedFigure("responses-" + protocol, f.chart()));
        });
        return figures;
    }

    static Params parameters(ExperimentResults results, ConditionSummary c) {
        return (Params) results.plan().conditions().get(c.index()).parameters();
    }
}
