package org.bcikit.experiments.staticnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bcikit.experiments.api.Curve;
import org.bcikit.experiments.api.CurveStats;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.api.ScalarStats;
import org.bcikit.rnn.adaptation.StaticAdaptationResult;
import org.bcikit.rnn.adaptation.StaticBciSetup;
import org.bcikit.rnn.adaptation.StaticStepMetrics;

/**
 * What the static-network BCI experiments record from one adaptation and how they summarise it,
 * so that {@code lazy-rich}, {@code low-rank} and {@code dale-bci} report the same named metrics
 * (Payeur, Orsborn and Lajoie 2023, science.md §5.1): the retraining-performance curve, performance
 * at steps 100 and 500 and at the end, unstable seeds, the weight change and the manifold overlap.
 */
public final class AdaptationMeasurements {

    private AdaptationMeasurements() {
    }

    /**
     * Adds the curves {@code performance}, {@code loss}, {@code weightChange},
     * {@code manifoldOverlap} and the scalars of {@code r} (an adaptation of {@code steps} steps
     * after {@code setup}) to {@code m}. Returns m.
     */
    public static Measurements record(Measurements m, StaticAdaptationResult r, StaticBciSetup setup, int steps) {
        double[] perf = r.performance();
        m.curve("performance", perf).curve("loss", r.loss());
        List<StaticStepMetrics> metrics = r.metrics();
        double[] at = new double[metrics.size()];
        double[] change = new double[metrics.size()];
        double[] overlap = new double[metrics.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = metrics.get(i).step();
            change[i] = metrics.get(i).weightChange();
            overlap[i] = metrics.get(i).manifoldOverlap();
        }
        m.curve("weightChange", at, change).curve("manifoldOverlap", at, overlap);
        m.scalar("performanceAt100", at(perf, 100)).scalar("performanceAt500", at(perf, 500))
                .scalar("performanceEnd", at(perf, steps))
                .scalar("unstable", r.unstable() ? 1 : 0)
                .scalar("stoppedAt", r.stoppedAt())
                .scalar("initialLoss", r.loss().length > 0 ? r.loss()[0] : Double.NaN)
                .scalar("intuitiveLoss", setup.intuitive().total());
        StaticStepMetrics last = r.last();
        if (last != null) {
            m.scalar("weightChange", last.weightChange()).scalar("manifoldOverlapEnd", last.manifoldOverlap())
                    .scalar("participationRatioEnd", last.participationRatio())
                    .scalar("effectiveRankEnd", last.effectiveRank())
                    .scalar("spectralRadiusEnd", last.spectralRadius())
                    .scalar("largestPrincipalAngleEnd", last.largestPrincipalAngleDegrees());
        }
        return m;
    }

    /** The performance at step {@code t}, NaN if the run stopped before it. */
    static double at(double[] perf, int t) {
        return t < perf.length ? perf[t] : Double.NaN;
    }

    /**
     * The named metrics of {@code lazy-rich} into {@code out}: {@code performance} (mean curve) and
     * {@code performanceSem}, {@code performanceAt100}, {@code performanceAt500},
     * {@code performanceEnd}, {@code unstableSeeds}, {@code weightChange}, {@code manifoldOverlapEnd}.
     */
    public static void putAdaptationMetrics(Map<String, Object> out, List<RunRecord> runs) {
        List<Curve> curves = new ArrayList<>();
        int unstable = 0;
        for (RunRecord r : runs) {
            if (r.curve("performance") != null) {
                curves.add(r.curve("performance"));
            }
            unstable += r.scalar("unstable") > 0 ? 1 : 0;
        }
        CurveStats perf = CurveStats.of(curves);
        out.put("performance", perf.mean());
        out.put("performanceSem", perf.sem());
        for (String s : List.of("performanceAt100", "performanceAt500", "performanceEnd")) {
            putScalar(out, s, runs);
        }
        out.put("unstableSeeds", unstable);
        putScalar(out, "weightChange", runs);
        putScalar(out, "manifoldOverlapEnd", runs);
    }

    /** Mean over the runs that reached scalar {@code name}, and its s.e.m. as {@code NAMESem}. */
    public static void putScalar(Map<String, Object> out, String name, List<RunRecord> runs) {
        ScalarStats.putMeanAndSem(out, runs, List.of(name));
    }
}
