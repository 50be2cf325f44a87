package org.bcikit.decoders.adaptive;

import org.bcikit.decoders.kalman.KalmanModel;
import org.ejml.data.DMatrixRMaj;

/**
 * How an {@link AdaptiveKalmanDecoder} turns one batch of (intended velocity, features) into a
 * new observation model {@code C, d, R}. Implementations: {@link SmoothBatch} (stateless) and
 * {@link RecursiveMaximumLikelihood} (keeps running statistics: one instance per decoder).
 */
public interface ObservationUpdate {

    /**
     * @param current the model in use
     * @param regressors batch x 3 rows {@code [x_1, x_2, 1]} of intended velocity
     * @param features batch x d features {@code y_t} the decoder observed
     * @param batchSeconds duration of the batch
     * @return the new model, or null when the batch cannot support a fit (for example the intended
     *     velocities span fewer than two directions); the decoder then keeps its model
     */
    KalmanModel update(KalmanModel current, DMatrixRMaj regressors, DMatrixRMaj features, double batchSeconds);
}
