package org.bcikit.decoders.hypotheses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.bcikit.data.SharedData;
import org.bcikit.data.mat.RigSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hypotheses on the real session of Golub et al. 2018 ({@code ../shared/data/golub2018}). */
class Golub2018HypothesesTest {

    private static RigSession session;
    private static HypothesisReport report;

    @BeforeAll
    static void run() throws IOException {
        session = RigSession.read(SharedData.golub2018());
        report = HypothesisAnalysis.defaults().withRepeats(1).withSeed(4).run(session);
    }

    private static Signatures of(Hypothesis h) {
        return report.predicted().get(h).get(0);
    }

    @Test
    void rebinnedRepertoireReproducesTheCloudsAtTheTargetAngles() {
        // The codepack's own sanity check: the 3-degree bins at 0, 45, ... hold exactly the clouds.
        Clouds before = Clouds.recorded(session.before(), session.dt());
        Rediscretization r = Rediscretization.of(before, 120, 69, null);
        for (int c = 0; c < before.count(); c++) {
            assertArrayEquals(before.mean(c), r.means().get(c * 15), 1e-12);
            assertArrayEquals(before.covariance(c).data, r.covariances().get(c * 15).data, 1e-11);
        }
    }

    @Test
    void recordedSignaturesAreThoseOfTheFile() {
        Signatures rec = report.recorded();
        // Mean perturbed progress after learning, as bcikit session reports it (45.65 mm/s).
        assertEquals(45.65, rec.meanPerturbedProgress(), 0.01);
        // lambda makes the recorded after-learning acquisition time the measured one; it is finite.
        assertTrue(Double.isFinite(rec.predictedAcquisitionTime()) && rec.predictedAcquisitionTime() > 0);
        assertEquals(151.64, report.targetDistanceMm(), 0);
    }

    @Test
    void theRepertoireIsKeptAsReassociationPredictsAndRealignmentDoesNot() {
        double recorded = report.recorded().overallRepertoireChange();
        double reassociation = of(Hypothesis.REASSOCIATION).overallRepertoireChange();
        double realignment = of(Hypothesis.REALIGNMENT).overallRepertoireChange();
        double rescaling = of(Hypothesis.RESCALING).overallRepertoireChange();
        assertTrue(Math.abs(reassociation - recorded) < Math.abs(realignment - recorded), "reassociation nearer than realignment");
        assertTrue(Math.abs(reassociation - recorded) < Math.abs(rescaling - recorded), "reassociation nearer than rescaling");
        assertTrue(realignment > 0.1 && rescaling > 0.1, "realignment and rescaling leave the repertoire");
        assertTrue(Math.abs(recorded) < 0.1, "the recorded repertoire barely changes");
    }

    @Test
    void matchedProgressHypothesesMatchProgressButNotTheMovementSpecificChange() {
        double recorded = report.recorded().meanPerturbedProgress();
        for (Hypothesis h : List.of(Hypothesis.PARTIAL_REALIGNMENT, Hypothesis.SUBSELECTION)) {
            assertEquals(recorded, of(h).meanPerturbedProgress(), 0.1 * recorded, h + " matches progress");
            assertTrue(of(h).movementSpecificPositiveClouds() < report.recorded().movementSpecificPositiveClouds(),
                    h + ": fewer clouds with positive movement-specific change than the data");
        }
        assertTrue(of(Hypothesis.REALIGNMENT).meanPerturbedProgress() > 2 * recorded, "realignment overshoots progress");
    }

    @Test
    void theSameSeedGivesTheSameNumbers() {
        HypothesisReport again = HypothesisAnalysis.defaults().withRepeats(1).withSeed(4).run(session);
        for (Hypothesis h : Hypothesis.values()) {
            assertEquals(of(h).overallRepertoireChange(), again.predicted().get(h).get(0).overallRepertoireChange(), 0, h.label());
            assertEquals(of(h).meanPerturbedProgress(), again.predicted().get(h).get(0).meanPerturbedProgress(), 0, h.label());
        }
    }
}
