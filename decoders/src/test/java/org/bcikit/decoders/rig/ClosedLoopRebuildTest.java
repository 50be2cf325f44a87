package org.bcikit.decoders.rig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.Trial;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.data.synthetic.SyntheticSession;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Rebuilding the decoder that drove a synthetic closed-loop session recovers M1, M2 and m0. */
class ClosedLoopRebuildTest {

    @Test
    void recoversTheGeneratingDecoderExactlyFromNoiselessCursorPositions() {
        SyntheticSession s = SyntheticPopulation.defaults().generate();
        KalmanVelocityDecoder truth = ClosedLoopSessions.generatingDecoder(s);
        Recording r = ClosedLoopSessions.drive(s, truth.fresh(), 64, 3);
        ClosedLoopRebuild.Result fit = ClosedLoopRebuild.fit(r);
        // the cursor is exactly the decoder's output, so least squares is exact up to round-off
        assertEquals(0, relative(fit.decoder().M1(), truth.M1()), 1e-8);
        assertEquals(0, relative(fit.decoder().M2(), truth.M2()), 1e-8);
        assertEquals(0, relative(fit.decoder().m0(), truth.m0()), 1e-8);
        assertEquals(1, fit.r2()[0], 1e-10);
        assertEquals(1, fit.r2()[1], 1e-10);
        assertTrue(fit.meanReplayError() < 1e-9, "replay error " + fit.meanReplayError());
        assertArrayEquals(new int[0], fit.unidentifiedUnits());
        int rows = r.trials().stream().mapToInt(t -> t.bins() - 2).sum();
        assertEquals(rows, fit.samples());
    }

    @Test
    void positionNoiseLowersR2AndStillRecoversTheGainsApproximately() {
        SyntheticSession s = SyntheticPopulation.defaults().generate();
        KalmanVelocityDecoder truth = ClosedLoopSessions.generatingDecoder(s);
        Recording clean = ClosedLoopSessions.drive(s, truth.fresh(), 200, 4);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
        Recording.Builder b = Recording.builder().numberedUnits(clean.units()).binWidth(clean.binWidth());
        for (Trial t : clean.trials()) {
            DMatrixRMaj p = t.cursorPosition();
            for (int k = 0; k < p.data.length; k++) {
                p.data[k] += 1e-4 * rng.nextGaussian();
            }
            b.addTrial(t.toBuilder().cursorPosition(p).build());
        }
        ClosedLoopRebuild.Result fit = ClosedLoopRebuild.fit(b.build());
        assertTrue(fit.r2()[0] > 0.9 && fit.r2()[0] < 1 - 1e-6, "R2 x " + fit.r2()[0]);
        assertTrue(relative(fit.decoder().M2(), truth.M2()) < 0.1, "M2 " + relative(fit.decoder().M2(), truth.M2()));
    }

    @Test
    void aUnitThatNeverFiresGetsWeightZeroAndIsReported() {
        SyntheticSession s = SyntheticPopulation.defaults().generate();
        KalmanVelocityDecoder truth = ClosedLoopSessions.generatingDecoder(s);
        Recording r = ClosedLoopSessions.drive(s, truth.fresh(), 40, 5);
        Recording.Builder b = Recording.builder().numberedUnits(r.units()).binWidth(r.binWidth());
        for (Trial t : r.trials()) {
            DMatrixRMaj c = t.counts();
            for (int row = 0; row < c.numRows; row++) {
                c.set(row, 7, 0);
            }
            b.addTrial(t.toBuilder().counts(c).build());
        }
        ClosedLoopRebuild.Result fit = ClosedLoopRebuild.fit(b.build());
        assertArrayEquals(new int[] {7}, fit.unidentifiedUnits());
        assertEquals(0, fit.decoder().M2().get(0, 7));
    }

    @Test
    void fewerBinsThanUnknownsAndMissingPositionsAreBadInput() {
        SyntheticSession s = SyntheticPopulation.defaults().generate();
        Recording r = ClosedLoopSessions.drive(s, ClosedLoopSessions.generatingDecoder(s), 2, 6);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ClosedLoopRebuild.fit(r));
        assertTrue(e.getMessage().startsWith("counts: expected more bins"), e.getMessage());
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> ClosedLoopRebuild.fit(s.recording().trials().isEmpty() ? r : stripPositions(r)));
        assertTrue(none.getMessage().startsWith("cursorPosition: expected"), none.getMessage());
    }

    private static Recording stripPositions(Recording r) {
        Recording.Builder b = Recording.builder().numberedUnits(r.units()).binWidth(r.binWidth());
        for (Trial t : r.trials()) {
            b.addTrial(t.toBuilder().cursorPosition(null).build());
        }
        return b.build();
    }

    static double relative(DMatrixRMaj a, DMatrixRMaj b) {
        return MatrixChecks.maxAbsDiff(a, b) / MatrixChecks.maxAbs(b);
    }
}
