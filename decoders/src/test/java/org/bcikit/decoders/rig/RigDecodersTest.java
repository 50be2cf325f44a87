package org.bcikit.decoders.rig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.SharedData;
import org.bcikit.data.mat.RigSession;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.perturbation.WithinManifoldPerturbation;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real session of Golub et al. 2018 (monkey J, 2012-03-05): both decoders rebuilt from the
 * stored model parameters reproduce every stored derived matrix and every decoded bin.
 */
class RigDecodersTest {

    static RigSession session;
    static RigDecoders decoders;

    @BeforeAll
    static void read() throws IOException {
        session = RigSession.read(SharedData.golub2018());
        decoders = RigDecoders.rebuild(session);
    }

    @Test
    void everyReproductionErrorIsWithinOneMillionthOfTheStoredMagnitude() {
        RigReproduction r = RigReproduction.of(session, decoders);
        for (RigReproduction.Check c : r.checks()) {
            assertTrue(c.relativeError() <= 1e-6, c.describe() + ": relative error " + c.relativeError());
            assertTrue(c.storedMax() > 0, c.describe());
        }
        // 2 mappings x (beta, K, M1, M2, m0) + 2 epochs x (2 mappings x (vraw, progress) + factorActivity)
        assertEquals(20, r.checks().size());
        // K comes from our own Riccati iteration, not from the file
        assertTrue(decoders.intuitive().riccatiIterations() > 1);
        assertTrue(r.find("K", "perturbed", null).maxAbsError() > 0, "K must be recomputed, not copied");
    }

    @Test
    void thePerturbedDecoderIsTheIntuitiveOneUnderAWithinManifoldPermutation() {
        WithinManifoldPerturbation wmp = decoders.wmp();
        // MATLAB eta(2,4) = 1: feature 2 reads factor 4 (0-based: 1 -> 3)
        assertArrayEquals(new int[] {0, 3, 2, 7, 5, 1, 6, 9, 4, 8}, wmp.permutation());
        KalmanVelocityDecoder applied = wmp.apply(decoders.intuitive());
        assertTrue(MatrixChecks.maxAbsDiff(applied.M2(), decoders.perturbed().M2()) < 1e-12);
        assertTrue(MatrixChecks.maxAbsDiff(applied.m0(), decoders.perturbed().m0()) < 1e-10);
    }

    @Test
    void progressMatchesTheStoredProgressAndRisesUnderThePerturbedMappingWithLearning() {
        List<RigProgress> p = RigProgress.of(session, decoders);
        assertEquals(List.of("intuitive/before", "perturbed/before", "intuitive/after", "perturbed/after"),
                p.stream().map(x -> x.mapping() + "/" + x.epoch()).toList());
        for (RigProgress x : p) {
            RigSession.Epoch e = x.epoch().equals("before") ? session.before() : session.after();
            double stored = 0;
            int n = 0;
            for (RigSession.Cloud c : e.clouds()) {
                DMatrixRMaj s = x.mapping().equals("intuitive") ? c.intuitiveProgress() : c.perturbedProgress();
                for (double v : s.data) {
                    stored += v;
                    n++;
                }
            }
            // the file stores progress per bin (distance); ours is per second
            assertEquals(stored / n / session.dt(), x.mean(), 1e-9 * Math.abs(x.mean()), x.mapping() + " " + x.epoch());
            assertEquals(8 * 69, x.bins());
        }
        // Golub et al. 2018: the subject learns, so progress under the perturbed mapping rises
        assertTrue(p.get(3).mean() > p.get(1).mean() + 10, p.get(1).mean() + " -> " + p.get(3).mean());
        assertTrue(p.get(1).mean() < p.get(0).mean(), "the perturbation impairs before learning");
    }

    @Test
    void orthonormalisedFactorsRejectAnotherUnitCount() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> decoders.orthonormalisedFactors(new DMatrixRMaj(3, 85)));
        assertTrue(e.getMessage().contains("86 units, got 85"), e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> RigDecoders.rawVelocities(decoders.perturbed(), new DMatrixRMaj(3, 87)));
    }
}
