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

    /**
     * Columns are exactly orthogonal zero-mean cosines; vx = 3 u5 + 2 u1 + u6, vy = 0, so unit j
     * alone explains w_j^2 / 14 and the ranked curve is 9/14, 13/14, 1, 1, ... exactly.
     */
    @Test
    void rankedCurveOfThreeWeightedUnitsIsClosedForm() {
        int t = 64;
        int q = 8;
        DMatrixRMaj u = new DMatrixRMaj(t, q);
        DMatrixRMaj v = new DMatrixRMaj(t, 2);
        double[] w = {0, 2, 0, 0, 0, 3, 1, 0};
        for (int r = 0; r < t; r++) {
            double vx = 0;
            for (int j = 0; j < q; j++) {
                u.set(r, j, Math.cos(2 * Math.PI * (j + 1) * r / t));
                vx += w[j] * u.get(r, j);
            }
            v.set(r, 0, vx);
        }
        double[] curve = RepresentationMeasures.unitAddingCurve(u, v);
        assertArrayEquals(new double[] {9.0 / 14, 13.0 / 14, 1, 1, 1, 1, 1, 1}, curve, 1e-6);
        assertEquals(2, RepresentationMeasures.unitsFor(curve, 0.8));
        assertEquals(1, RepresentationMeasures.unitsFor(curve, 9.0 / 14 - 1e-9));
        assertEquals(3, RepresentationMeasures.unitsFor(curve, 0.95));
        assertEquals((9.0 / 14 + 13.0 / 14 + 6) / 8, RepresentationMeasures.compactness(curve), 1e-6);
    }

    /** k equally informative units of q: the curve is j / k up to k, so 80 % takes ceil(0.8 k) units. */
    @Test
    void equallyInformativeUnitsNeedCeilOfEightyPercentOfThem() {
        int t = 128;
        int q = 12;
        for (int k : new int[] {1, 4, 5, 7}) {
            DMatrixRMaj u = new DMatrixRMaj(t, q);
            DMatrixRMaj v = new DMatrixRMaj(t, 2);
            for (int r = 0; r < t; r++) {
                for (int j = 0; j < q; j++) {
                    u.set(r, j, Math.sin(2 * Math.PI * (j + 1) * r / t));
                }
                double vy = 0;
                for (int j = q - k; j < q; j++) {
                    vy += u.get(r, j);
                }
                v.set(r, 1, vy);
            }
            double[] curve = RepresentationMeasures.unitAddingCurve(u, v);
            for (int j = 1; j <= q; j++) {
                assertEquals(Math.min(j, k) / (double) k, curve[j - 1], 1e-6, "k " + k + ", units " + j);
            }
            assertEquals((int) Math.ceil(0.8 * k - 1e-9), RepresentationMeasures.unitsFor(curve, 0.8), "k " + k);
            assertEquals(((k + 1) / 2.0 + q - k) / q, RepresentationMeasures.compactness(curve), 1e-6);
        }
        assertEquals(3, RepresentationMeasures.unitsFor(new double[] {0, 0, 0}, 0.8));
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
    void blendZeroIsTheFixedDecoderAndBlendUpdatesOncePerDay() throws Exception {
        AdaptiveDecoderExperiment e = new AdaptiveDecoderExperiment();
        AdaptiveDecoderExperiment.Params d = e.defaults();
        RnnSubject small = new RnnSubject(30, 0.9, 0.2, 0.05, true, 150, 40, 40, 2e-3, 8);
        java.util.Map<String, Measurements> byKind = new java.util.HashMap<>();
        for (String kind : new String[] {"fixed", "blend=0", "blend=0.5"}) {
            AdaptiveDecoderExperiment.Params p = new AdaptiveDecoderExperiment.Params(kind, small, d.task(), 6,
                    "units", 3, 16, 3, 8, "adam", 1e-3, 100, 200, 30, 1, "all");
            // another condition index and run seed, the same paired seed
            Measurements m = e.run(p, new RunContext(byKind.size(), kind, 0, 11 + byKind.size(), 12));
            assertEquals(kind.equals("blend=0.5") ? 2 : 0, m.scalars().get("decoderUpdates"), 0.0);
            assertEquals(3, m.curves().get("successRate").size());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.curves().get("unitAdding").x(), 0.0);
            byKind.put(kind, m);
        }
        // common random numbers: blend=0 repeats fixed exactly, and blend=0.5 shares its first day
        assertEquals(byKind.get("fixed").scalars(), byKind.get("blend=0").scalars());
        for (String s : new String[] {"successFirstDay", "compactnessFirstDay", "normalisedPrFirstDay"}) {
            assertEquals(byKind.get("fixed").scalars().get(s), byKind.get("blend=0.5").scalars().get(s), 0.0, s);
        }
        assertTrue(!byKind.get("fixed").scalars().get("compactnessLastDay")
                .equals(byKind.get("blend=0.5").scalars().get("compactnessLastDay")), "refits change later days");
    }

    @Test
    void cadenceRefitsSeveralTimesADayAndPlasticChoosesTheLearningWeights() throws Exception {
        AdaptiveDecoderExperiment e = new AdaptiveDecoderExperiment();
        AdaptiveDecoderExperiment.Params d = e.defaults();
        RnnSubject small = new RnnSubject(30, 0.9, 0.2, 0.05, true, 150, 40, 40, 2e-3, 8);
        AdaptiveDecoderExperiment.Params p = new AdaptiveDecoderExperiment.Params("blend=0.5", small, d.task(), 6,
                "units", 3, 16, 2, 9, "adam", 1e-3, 100, 200, 30, 3, "recurrent");
        Measurements m = e.run(p, new RunContext(0, "cadence", 0, 11, 12));
        assertEquals(2 * 3 - 1, m.scalars().get("decoderUpdates"), 0.0);
        double needed = m.scalars().get("unitsFor80LastDay");
        assertTrue(needed >= 1 && needed <= 6, "units for 80 %: " + needed);

        org.bcikit.rnn.model.RateRnn net = small.network(d.task().task(), new SplittableRandom(3));
        assertEquals(net.recurrent().parameters(), AdaptiveDecoderExperiment.plastic(net, "recurrent"));
        assertEquals(java.util.List.of(net.inputWeights(), net.bias()), AdaptiveDecoderExperiment.plastic(net, "input"));
        assertEquals(net.parameters(), AdaptiveDecoderExperiment.plastic(net, "all"));
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
