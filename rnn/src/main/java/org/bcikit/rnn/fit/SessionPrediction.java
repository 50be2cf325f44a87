package org.bcikit.rnn.fit;

import java.util.List;

import org.bcikit.decoders.hypotheses.Signatures;

/**
 * What a {@link SessionLearner} predicted for a session.
 *
 * @param fit               the moment-matching fit to the before-learning activity
 * @param adaptationSteps   gradient steps on W under the perturbed decoder
 * @param reachedRecorded   whether the network's perturbed progress reached the recorded after-learning progress
 * @param fittedRadius      spectral radius of the fitted W (at or above 1: unstable as a dynamical system)
 * @param endRadius         spectral radius of W after adaptation
 * @param weightChange      {@code |W_end - W_fit|_F / |W_fit|_F}
 * @param startProgress     the fitted network's mean perturbed progress before adapting, mm/s
 * @param recordedProgress  the recorded after-learning mean perturbed progress, mm/s
 * @param progress          mean perturbed progress after every step, the first before adapting
 * @param predictedMeans    per cloud, the predicted after-learning mean in orthonormalised factor space
 * @param fitted            signatures of draws from the fitted, not yet adapted, network (a check of the fit: near 0 change)
 * @param predicted         signatures of draws from the adapted network, scored against the recorded before-learning activity
 */
public record SessionPrediction(MomentFit fit, int adaptationSteps, boolean reachedRecorded, double fittedRadius, double endRadius,
                                double weightChange, double startProgress, double recordedProgress, double[] progress,
                                List<double[]> predictedMeans, List<Signatures> fitted, List<Signatures> predicted) {

    /** Copies the lists. */
    public SessionPrediction {
        predictedMeans = List.copyOf(predictedMeans);
        fitted = List.copyOf(fitted);
        predicted = List.copyOf(predicted);
    }
}
