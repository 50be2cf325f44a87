package org.bcikit.decoders.adaptive;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.NumericalFailureException;
import org.bcikit.decoders.kalman.KalmanModel;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.task.AdaptiveDecoder;
import org.bcikit.decoders.task.TaskState;
import org.ejml.data.DMatrixRMaj;

/**
 * A {@link KalmanVelocityDecoder} adapted in closed loop (CLDA; Orsborn et al. 2014, Neuron
 * 82:1380; Dangi et al. 2014, J Neural Eng 11:026003; Gilja et al. 2012, Nat Neurosci 15:1752):
 * every bin the intended velocity is estimated ({@link IntentionEstimator}) and stored with the
 * features the decoder observed; every {@code batchBins} bins an {@link ObservationUpdate}
 * ({@link SmoothBatch}, {@link RecursiveMaximumLikelihood}) refits {@code C, d, R}, and the
 * steady-state gain is recomputed. The readout (FA, normalisation and any perturbation) is kept,
 * so adaptation happens in the perturbed decoder's own feature space. A batch that cannot be fitted
 * or whose Riccati iteration fails leaves the decoder unchanged and is counted in
 * {@link #skippedUpdates()}.
 */
public final class AdaptiveKalmanDecoder implements AdaptiveDecoder {

    private final ObservationUpdate rule;
    private final int batchBins;
    private final DMatrixRMaj regressors;
    private final DMatrixRMaj features;
    private final double[] intended = new double[2];
    private final double[] y;
    private KalmanVelocityDecoder decoder;
    private int filled;
    private boolean adapting = true;
    private int updates;
    private int skipped;
    private double dt = Double.NaN;

    /**
     * @param initial the decoder to start from (copied; the argument is not changed)
     * @param rule how a batch updates the observation model
     * @param batchBins bins per batch (Orsborn et al.: 1-2 minutes of data)
     */
    public AdaptiveKalmanDecoder(KalmanVelocityDecoder initial, ObservationUpdate rule, int batchBins) {
        if (batchBins < 3) {
            throw new InvalidInputException("adaptive decoder: batch must hold at least 3 bins, got " + batchBins);
        }
        this.decoder = initial.fresh();
        this.rule = rule;
        this.batchBins = batchBins;
        this.regressors = new DMatrixRMaj(batchBins, 3);
        this.features = new DMatrixRMaj(batchBins, initial.features());
        this.y = new double[initial.features()];
    }

    @Override
    public int units() {
        return decoder.units();
    }

    @Override
    public void step(double[] counts, double[] velocity) {
        decoder.step(counts, velocity);
    }

    @Override
    public void reset() {
        decoder.reset();
    }

    @Override
    public boolean observe(TaskState state, double[] counts, double[] decodedVelocity) {
        if (!adapting) {
            return false;
        }
        dt = state.dt();
        IntentionEstimator.estimate(state, decodedVelocity, intended);
        decoder.readout().features(counts, y);
        regressors.unsafe_set(filled, 0, intended[0]);
        regressors.unsafe_set(filled, 1, intended[1]);
        regressors.unsafe_set(filled, 2, 1);
        System.arraycopy(y, 0, features.data, filled * y.length, y.length);
        filled++;
        if (filled < batchBins) {
            return false;
        }
        filled = 0;
        try {
            KalmanModel next = rule.update(decoder.model(), regressors, features, batchBins * dt);
            if (next == null) {
                skipped++;
                return false;
            }
            KalmanVelocityDecoder updated = decoder.withModel(next);
            updated.copyStateFrom(decoder);
            decoder = updated;
            updates++;
            return true;
        } catch (NumericalFailureException e) {
            // the refitted model has no steady state: keep the old decoder (counted); anything else
            // (a shape or input error) is a bug or bad input and must not be hidden here
            skipped++;
            return false;
        }
    }

    @Override
    public void setAdapting(boolean adapting) {
        if (this.adapting != adapting) {
            filled = 0;
        }
        this.adapting = adapting;
    }

    @Override
    public boolean adapting() {
        return adapting;
    }

    @Override
    public int updates() {
        return updates;
    }

    /** Batches that left the decoder unchanged (degenerate data or a failed Riccati iteration). */
    public int skippedUpdates() {
        return skipped;
    }

    /** A fresh copy of the decoder with the current parameters. */
    @Override
    public KalmanVelocityDecoder current() {
        return decoder.fresh();
    }
}
