package org.bcikit.experiments;

import java.util.List;

import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.burstprop.BurstpropXorExperiment;
import org.bcikit.experiments.calibration.CalibrationExperiment;
import org.bcikit.experiments.calibration.DecoderRebuildExperiment;
import org.bcikit.experiments.closedloop.AdaptiveDecoderExperiment;
import org.bcikit.experiments.closedloop.Sadtler2014Experiment;
import org.bcikit.experiments.dale.DaleBciExperiment;
import org.bcikit.experiments.dale.DaleSpectrumExperiment;
import org.bcikit.experiments.dale.EgVsGdExperiment;
import org.bcikit.experiments.demo.DemoExperiment;
import org.bcikit.experiments.internalmodel.InternalModelExperiment;
import org.bcikit.experiments.relevance.RelevanceExperiment;
import org.bcikit.experiments.session.FitSessionExperiment;
import org.bcikit.experiments.session.RigSessionExperiment;
import org.bcikit.experiments.staticnet.FeedbackBciExperiment;
import org.bcikit.experiments.staticnet.IncrementalOmpExperiment;
import org.bcikit.experiments.staticnet.LowRankExperiment;
import org.bcikit.experiments.staticnet.StaticPerturbationExperiment;

/**
 * bcikit's catalogue: every experiment type and every built-in spec. It lives above the type
 * packages so that the sweep machinery never has to know which types exist.
 */
public final class BuiltInExperiments {

    /** Names of the built-in specs, in the order {@code bcikit list} shows them. */
    private static final List<String> BUILT_IN_SPECS = List.of(
            "demo",
            "lazy-rich",
            "learning-rate",
            "incremental-omp",
            "incremental-omp-lr",
            "low-rank",
            "sadtler2014",
            "adaptive-decoder",
            "dale-spectrum",
            "eg-vs-gd",
            "dale-bci",
            "golub2018",
            "fit-session",
            "ime2015",
            "relevance",
            "feedback-bci",
            "burstprop-xor");

    private BuiltInExperiments() {
    }

    /** The registry with bcikit's experiment types and built-in specs. */
    public static ExperimentRegistry registry() {
        return ExperimentRegistry.empty()
                .withBuiltInSpecs(BUILT_IN_SPECS)
                .with(new DemoExperiment())
                .with(new StaticPerturbationExperiment())
                .with(new IncrementalOmpExperiment())
                .with(new LowRankExperiment())
                .with(new FeedbackBciExperiment())
                .with(new Sadtler2014Experiment())
                .with(new AdaptiveDecoderExperiment())
                .with(new DaleSpectrumExperiment())
                .with(new EgVsGdExperiment())
                .with(new DaleBciExperiment())
                .with(new RigSessionExperiment())
                .with(new FitSessionExperiment())
                .with(new CalibrationExperiment())
                .with(new DecoderRebuildExperiment())
                .with(new InternalModelExperiment())
                .with(new RelevanceExperiment())
                .with(new BurstpropXorExperiment());
    }
}
