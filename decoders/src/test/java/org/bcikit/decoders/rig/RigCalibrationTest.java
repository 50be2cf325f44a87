package org.bcikit.decoders.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.data.synthetic.SyntheticSession;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Calibration on a synthetic session whose subject is known: the cross-validated dimensionality
 * is the generating one, held-out decoding points where the subject intended, and the decoder
 * read on the subject's expected counts points along every intended direction.
 */
class RigCalibrationTest {

    @Test
    void recoversTheGeneratingDimensionalityAndDecodesHeldOutTrials() {
        SyntheticSession s = SyntheticPopulation.defaults().generate();
        RigCalibration.Result r = new RigCalibration().maxFactors(10).seed(3)
                .fixedDynamics(CommonOps_DDRM.identity(2), RigCalibration.rigQ(0.1)).fit(s.recording());
        System.out.printf("calibration: d %d, held-out angle %.2f +- %.2f deg, R2 %.3f %.3f%n", r.factors(),
                r.meanAngle(), r.semAngle(), r.r2()[0], r.r2()[1]);
        assertEquals(6, r.factors());
        assertEquals(6, r.dimensionality().bestDims());
        // measured 29.4 deg and R2 0.48 / 0.51 (the synthetic units are noisy: ~1 count per bin)
        assertTrue(r.meanAngle() < 33, "held-out angle " + r.meanAngle());
        assertTrue(r.r2()[0] > 0.4 && r.r2()[1] > 0.4, "R2 " + r.r2()[0] + ", " + r.r2()[1]);
        // the subject's expected counts for a direction decode along it (raw velocity, no noise)
        double[] u = new double[s.config().units()];
        double[] v = new double[2];
        double speed = s.config().peakSpeed() * 0.7;
        double worst = 0;
        for (int k = 0; k < 16; k++) {
            double a = 2 * Math.PI * k / 16;
            s.expectedCounts(speed * Math.cos(a), speed * Math.sin(a), u);
            r.decoder().rawVelocity(u, v);
            double err = Math.toDegrees(Math.abs(Math.atan2(Math.sin(Math.atan2(v[1], v[0]) - a),
                    Math.cos(Math.atan2(v[1], v[0]) - a))));
            worst = Math.max(worst, err);
        }
        System.out.printf("worst direction error on expected counts %.2f deg%n", worst);
        assertTrue(worst < 15, "worst direction error " + worst);
    }

    @Test
    void givenFactorsRefitIntentionAndFittedDynamics() {
        SyntheticSession s = SyntheticPopulation.defaults().generate();
        RigCalibration.Result r = new RigCalibration().factors(4).intention(RigCalibration.Intention.REFIT)
                .fittedDynamics().seed(1).fit(s.recording());
        System.out.printf("refit, fitted dynamics: held-out angle %.2f deg, R2 %.3f %.3f%n", r.meanAngle(), r.r2()[0],
                r.r2()[1]);
        assertEquals(4, r.factors());
        assertEquals(null, r.dimensionality());
        assertTrue(r.decoder().model().Q().get(0, 0) < 100, "fitted Q " + r.decoder().model().Q());
        assertTrue(r.meanAngle() < 33, "held-out angle " + r.meanAngle());
        assertTrue(r.r2()[0] > 0.55 && r.r2()[1] > 0.55, "R2 " + r.r2()[0] + ", " + r.r2()[1]);
        assertEquals(s.recording().trials().size(), r.heldOut().size());
    }

    @Test
    void fittedDynamicsOnConstantIntentionsIsExplained() {
        SyntheticSession s = SyntheticPopulation.defaults().generate();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new RigCalibration().factors(3).fittedDynamics().fit(s.recording()));
        assertTrue(e.getMessage().startsWith("dynamics: the fitted state noise Q is too small"), e.getMessage());
    }

    @Test
    void withoutPositionsTheIntentionPointsFromTheCentreAtTheGivenSpeed() {
        Recording rec = s(false);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new RigCalibration().factors(3).fit(rec));
        assertTrue(e.getMessage().startsWith("cursorPosition: --intention target"), e.getMessage());
        RigCalibration.Result r = new RigCalibration().factors(3).speed(2).fit(rec);
        DMatrixRMaj v = r.intended().get(0);
        Target t = rec.trials().get(0).target();
        assertEquals(2 * t.x() / Math.hypot(t.x(), t.y()), v.get(3, 0), 1e-12);
    }

    @Test
    void trialsWithoutTargetsAndTooFewBinsAreBadInput() {
        SyntheticSession s = SyntheticPopulation.defaults().generate();
        Recording.Builder b = Recording.builder().numberedUnits(s.config().units()).binWidth(0.045);
        for (Trial t : s.recording().trials()) {
            b.addTrial(t.toBuilder().target(null).build());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new RigCalibration().fit(b.build()));
        assertEquals("targets: expected every trial's target position to calibrate toward it, found none in trial 0",
                e.getMessage());
        Recording few = Recording.builder().numberedUnits(s.config().units()).binWidth(0.045)
                .addTrial(s.recording().trials().get(0)).addTrial(s.recording().trials().get(1)).build();
        InvalidInputException f = assertThrows(InvalidInputException.class, () -> new RigCalibration().fit(few));
        assertEquals("counts: expected more bins than units to calibrate, found 40 bins of 60 units", f.getMessage());
    }

    private static Recording s(boolean positions) {
        SyntheticSession s = SyntheticPopulation.defaults().generate();
        Recording.Builder b = Recording.builder().numberedUnits(s.config().units()).binWidth(0.045);
        for (Trial t : s.recording().trials()) {
            b.addTrial(positions ? t : t.toBuilder().cursorPosition(null).build());
        }
        return b.build();
    }
}
