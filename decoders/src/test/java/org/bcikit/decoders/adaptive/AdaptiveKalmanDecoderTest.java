package org.bcikit.decoders.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.kalman.FactorReadout;
import org.bcikit.decoders.kalman.KalmanModel;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.task.TaskState;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Only a refitted model without a steady state is skipped; any other error reaches the caller. */
class AdaptiveKalmanDecoderTest {

    /** Two units read out as two features unchanged (identity FA readout), A = 0.5 I, C = I. */
    static KalmanVelocityDecoder identityDecoder() {
        DMatrixRMaj i = CommonOps_DDRM.identity(2);
        FactorReadout readout = FactorReadout.of(new DMatrixRMaj(2, 1), i, i, i, i);
        return KalmanVelocityDecoder.build(readout, new KalmanModel(CommonOps_DDRM.diag(0.5, 0.5), i, i,
                new DMatrixRMaj(2, 1), i));
    }

    private static boolean feedBatch(AdaptiveKalmanDecoder d) {
        TaskState s = TaskState.of(0, 0, 1, 0, 0.1);
        boolean updated = false;
        for (int b = 0; b < 3; b++) {
            updated = d.observe(s, new double[] {1, 2}, new double[] {1, 0});
        }
        return updated;
    }

    @Test
    void aRefitWithoutSteadyStateKeepsTheDecoderAndIsCounted() {
        // unstable dynamics that C = 0 cannot observe: the Riccati iteration diverges
        ObservationUpdate noSteadyState = (current, x, y, seconds) -> new KalmanModel(CommonOps_DDRM.diag(2, 2),
                CommonOps_DDRM.identity(2), new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 1), CommonOps_DDRM.identity(2));
        KalmanVelocityDecoder start = identityDecoder();
        AdaptiveKalmanDecoder d = new AdaptiveKalmanDecoder(start, noSteadyState, 3);
        assertFalse(feedBatch(d));
        assertEquals(1, d.skippedUpdates());
        assertEquals(0, d.updates());
        assertEquals(1, d.current().model().C().get(0, 0), "the old C = I is kept");
    }

    @Test
    void otherErrorsOfAnUpdateAreNotSwallowed() {
        InvalidInputException bug = new InvalidInputException("C: expected 2 x 2, got 3 x 2");
        ObservationUpdate broken = (current, x, y, seconds) -> {
            throw bug;
        };
        AdaptiveKalmanDecoder d = new AdaptiveKalmanDecoder(identityDecoder(), broken, 3);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> feedBatch(d));
        assertSame(bug, e);
        assertEquals(0, d.skippedUpdates());
    }
}
