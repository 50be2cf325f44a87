package org.bcikit.decoders.hypotheses;

import java.util.List;
import java.util.Map;

/**
 * What {@link HypothesisAnalysis} found: the recorded after-learning signatures, each hypothesis'
 * predicted Gaussians and the signatures of every draw of its prediction.
 *
 * @param file             the session file
 * @param repeats          draws of each prediction
 * @param seed             the seed they came from
 * @param targetDistanceMm centre-to-target distance used for acquisition times (NaN: unknown)
 * @param lambda           the session's acquisition-time scale
 * @param recorded         the recorded after-learning signatures
 * @param gaussians        each hypothesis' predicted means and covariances (all but subselection)
 * @param predicted        each hypothesis' signatures, one per draw
 * @param subselectionKept per draw of subselection, how many before-learning draws each cloud kept
 */
public record HypothesisReport(String file, int repeats, long seed, double targetDistanceMm, double lambda,
                               Signatures recorded, Map<Hypothesis, PredictedGaussians> gaussians,
                               Map<Hypothesis, List<Signatures>> predicted, List<int[]> subselectionKept) {

    /** Copies the collections. */
    public HypothesisReport {
        gaussians = Map.copyOf(gaussians);
        predicted = Map.copyOf(predicted);
        subselectionKept = List.copyOf(subselectionKept);
    }
}
