package org.bcikit.decoders.hypotheses;

import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;

/**
 * The deterministic part of a hypothesis' prediction: for each movement-specific cloud the mean
 * and covariance of its predicted activity in orthonormalised factor space, plus what the
 * optimisation chose (e.g. partial realignment's interpolation weights). Predicted clouds are
 * drawn from these Gaussians; the codepack fixes no seed, so these are what compares exactly.
 */
public record PredictedGaussians(Hypothesis hypothesis, List<double[]> means, List<DMatrixRMaj> covariances,
                                 Map<String, Object> diagnostics) {

    /** Copies the lists and the map (the arrays are the caller's to leave alone). */
    public PredictedGaussians {
        means = List.copyOf(means);
        covariances = List.copyOf(covariances);
        diagnostics = Map.copyOf(diagnostics);
    }
}
