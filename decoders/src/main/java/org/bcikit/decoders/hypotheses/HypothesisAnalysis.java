package org.bcikit.decoders.hypotheses;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bcikit.data.mat.RigSession;

/**
 * Golub et al. 2018's comparison for one session (science.md section 8): the recorded
 * after-learning signatures beside those of every hypothesis' predicted activity, each prediction
 * drawn {@code repeats} times. Configuration in, {@link #run} does the work, an immutable
 * {@link HypothesisReport} out. Draws come from one seed: repeat r of every hypothesis uses the
 * r-th split of the seed's stream in hypothesis order, so the same seed gives the same numbers.
 */
public final class HypothesisAnalysis {

    private final int repeats;
    private final long seed;
    private final double targetDistanceMm;

    private HypothesisAnalysis(int repeats, long seed, double targetDistanceMm) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats: expected at least 1, got " + repeats);
        }
        this.repeats = repeats;
        this.seed = seed;
        this.targetDistanceMm = targetDistanceMm;
    }

    /** Ten repeats from seed 0; the target distance from the monkey's name where known. */
    public static HypothesisAnalysis defaults() {
        return new HypothesisAnalysis(10, 0, Double.NaN);
    }

    /** A copy drawing each prediction {@code n} times. */
    public HypothesisAnalysis withRepeats(int n) {
        return new HypothesisAnalysis(n, seed, targetDistanceMm);
    }

    /** A copy drawing from {@code s}. */
    public HypothesisAnalysis withSeed(long s) {
        return new HypothesisAnalysis(repeats, s, targetDistanceMm);
    }

    /** A copy with the centre-to-target distance set (mm), for monkeys the codepack does not name. */
    public HypothesisAnalysis withTargetDistance(double mm) {
        return new HypothesisAnalysis(repeats, seed, mm);
    }

    /**
     * The centre-to-target distance the codepack uses for {@code monkey} (151.64 mm for J, 125 mm
     * for L and N), or NaN.
     */
    public static double targetDistanceOf(String monkey) {
        return switch (monkey == null ? "" : monkey) {
            case "Jeffy" -> 151.64;
            case "Lincoln", "Nelson" -> 125.0;
            default -> Double.NaN;
        };
    }

    /** Runs the comparison on {@code session}. */
    public HypothesisReport run(RigSession session) {
        double distance = Double.isNaN(targetDistanceMm) ? targetDistanceOf(session.monkey()) : targetDistanceMm;
        double lambda = session.hasLambda() ? session.lambda() : Double.NaN;
        ReadoutGeometry g = ReadoutGeometry.of(session);
        Clouds before = Clouds.recorded(session.before(), session.dt());
        Clouds after = Clouds.recorded(session.after(), session.dt());
        HypothesisPredictor predictor = HypothesisPredictor.of(session);
        Signatures recorded = Signatures.of(before, after, g, lambda, distance);
        Map<Hypothesis, PredictedGaussians> gaussians = new EnumMap<>(Hypothesis.class);
        for (Hypothesis h : Hypothesis.values()) {
            if (h != Hypothesis.SUBSELECTION) {
                gaussians.put(h, predictor.predict(h));
            }
        }
        Map<Hypothesis, List<Signatures>> predicted = new EnumMap<>(Hypothesis.class);
        List<int[]> kept = new ArrayList<>();
        SplittableRandom root = new SplittableRandom(seed);
        for (int r = 0; r < repeats; r++) {
            for (Hypothesis h : Hypothesis.values()) {
                SplittableRandom rng = root.split();
                Clouds clouds;
                if (h == Hypothesis.SUBSELECTION) {
                    HypothesisPredictor.Subselection s = predictor.subselect(rng);
                    clouds = s.clouds();
                    kept.add(s.kept());
                } else {
                    clouds = predictor.sample(gaussians.get(h), rng);
                }
                predicted.computeIfAbsent(h, x -> new ArrayList<>()).add(Signatures.of(before, clouds, g, lambda, distance));
            }
        }
        return new HypothesisReport(session.file().toString(), repeats, seed, distance, lambda, recorded,
                gaussians, predicted, kept);
    }
}
