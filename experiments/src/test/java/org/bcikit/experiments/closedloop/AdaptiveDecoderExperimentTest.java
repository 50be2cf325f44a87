package org.bcikit.experiments.closedloop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.experiments.BuiltInExperiments;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.spec.ExperimentSpec;

class AdaptiveDecoderExperimentTest {

    private static final ExperimentRegistry REGISTRY = BuiltInExperiments.registry();

    /** Units 2 and 4 carry vx and vy; the rest are noise. */
    private static DMatrixRMaj[] twoInformativeUnits(int t) {
        SplittableRandom rng = new SplittableRandom(1);
        DMatrixRMaj u = new DMatrixRMaj(t, 5);
        DMatrixRMaj v = new DMatrixRMaj(t, 2);
        for (int r = 0; r < t; r++) {
            double vx = rng.nextGaussian();
            double vy = rng.nextGaussian();
            v.set(r, 0, vx);
            v.set(r, 1, vy);
            for (int i = 0; i < 5; i++) {
                u.set(r, i, rng.nextGaussian());
            }
            u.set(r, 2, vx + 0.01 * rng.nextGaussian());
            u.set(r, 4, 2 * vy + 0.01 * rng.nextGaussian());
        }
        return new DMatrixRMaj[] {u, v};
    }

    @Test
    void unitAddingCurveRanksTheInformativeUnitsFirst() {
        DMatrixRMaj[] d = twoInformativeUnits(4000);
        double[] curve = RepresentationMeasures.unitAddingCurve(d[0], d[1]);
        assertEquals(5, curve.length);
        // the best unit alone explains one of two equal-variance components, the best two all of it
        assertEquals(0.5, curve[0], 0.03);
        assertTrue(curve[1] > 0.999, "two units: R2 " + curve[1]);
        assertEquals(curve[1], curve[4], 1e-3);
        assertEquals((curve[0] + curve[1] + curve[2] + curve[3] + curve[4]) / 5 / curve[4],
                RepresentationMeasures.compactness(curve), 1e-12);
    }

    @Test
    void taskModeShareIsTheVarianceInTheDecoderRowSpace() {
        SplittableRandom rng = new SplittableRandom(2);
        DMatrixRMaj s = new DMatrixRMaj(20000, 3);
        for (int r = 0; r < s.numRows; r++) {
            s.set(r, 0, 2 * rng.nextGaussian());
            s.set(r, 1, rng.nextGaussian());
            s.set(r, 2, rng.nextGaussian());
        }
        // rows span units 0 and 1 (not orthonormal): variance 4 + 1 of 6
        DMatrixRMaj m2 = new DMatrixRMaj(2, 3, true, 3, 0, 0, 1, 1, 0);
        assertEquals(5.0 / 6.0, RepresentationMeasures.decoderVarianceShare(s, m2), 0.01);
    }

    @Test
    void blendZeroNeverUpdatesAndBlendUpdatesOncePerDay() throws Exception {
        AdaptiveDecoderExperiment e = new AdaptiveDecoderExperiment();
        AdaptiveDecoderExperiment.Params d = e.defaults();
        RnnSubject small = new RnnSubject(30, 0.9, 0.2, 0.05, true, 150, 40, 40, 2e-3, 8);
        for (String kind : new String[] {"blend=0", "blend=0.5"}) {
            AdaptiveDecoderExperiment.Params p = new AdaptiveDecoderExperiment.Params(kind, small, d.task(), 6,
                    "units", 3, 16, 3, 8, "adam", 1e-3, 100, 200, 30);
            Measurements m = e.run(p, new RunContext(0, kind, 0, 11, 12));
            assertEquals(kind.equals("blend=0") ? 0 : 2, m.scalars().get("decoderUpdates"), 0.0);
            assertEquals(3, m.curves().get("successRate").size());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.curves().get("unitAdding").x(), 0.0);
        }
    }

    @Test
    void badDecoderNamesItsPath() {
        ExperimentSpec spec = REGISTRY.builtInSpec("adaptive-decoder").withParameter("decoder", TextNode.valueOf("blend=1"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentPlan.resolve(spec.withSweep(java.util.List.of()), "builtin:adaptive-decoder", REGISTRY));
        assertTrue(e.getMessage().contains("$.parameters.decoder"), e.getMessage());
        ExperimentSpec tooMany = REGISTRY.builtInSpec("adaptive-decoder").withParameter("recordedUnits", IntNode.valueOf(500));
        InvalidInputException e2 = assertThrows(InvalidInputException.class,
                () -> ExperimentPlan.resolve(tooMany, "builtin:adaptive-decoder", REGISTRY));
        assertTrue(e2.getMessage().contains("$.parameters.recordedUnits"), e2.getMessage());
    }
}
