package org.bcikit.rnn.rdd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RddEstimatorTest {

    @Test
    void kernelIsTheDifferenceOfExponentialsAndForgetsAfterThirtySteps() {
        assertEquals(0, SynapticTrace.kernel(0), 0);
        assertEquals((Math.exp(-0.5) - Math.exp(-5 / 3.0)) / 7, SynapticTrace.kernel(5), 1e-15);
        assertEquals(0, SynapticTrace.kernel(30), 0);
        SynapticTrace trace = new SynapticTrace(1);
        trace.push(new boolean[] {true});
        double sum = trace.values()[0];
        for (int t = 1; t < 40; t++) {
            trace.push(new boolean[] {false});
            sum += trace.values()[0];
        }
        assertEquals(SynapticTrace.mass(), sum, 1e-12);
    }

    @Test
    void lifUnitUnderConstantDriveSpikesAtItsClosedFormPeriod() {
        // v from -1 to 1 under I: v(t) = v* + (v0 - v*) 0.3^t with v* = 6/7 I (Euler, g_L + g_D = 0.7)
        double drive = 2.0;
        double vStar = 0.6 * drive / 0.7;
        LifPopulation lif = new LifPopulation(1);
        int first = -1;
        int second = -1;
        for (int t = 0; t < 100 && second < 0; t++) {
            if (lif.step(new double[] {drive})[0]) {
                if (first < 0) {
                    first = t;
                } else {
                    second = t;
                }
            }
        }
        int climb = (int) Math.ceil(Math.log((vStar - 1) / (vStar + 1)) / Math.log(0.3));
        assertEquals(LifPopulation.REFRACTORY + climb, second - first);
        for (int t = 0; t < 60; t++) {
            lif.step(new double[] {drive});
        }
        assertEquals(vStar, lif.drive()[0], 1e-9, "u is never reset and settles at v*");
    }

    @Test
    void causalUnitGetsItsWeightAndAMerelyCorrelatedUnitFarLessThanItsCorrelation() {
        // two units share 10 of their 20 input trains (drive correlation 0.5); only unit 0 reads
        // into the signal, with weight 1
        SplittableRandom random = new SplittableRandom(0);
        DMatrixRMaj gain = new DMatrixRMaj(2, 30);
        for (int j = 0; j < 10; j++) {
            gain.set(0, j, 1);
            gain.set(1, j, 1);
            gain.set(0, 10 + j, 1);
            gain.set(1, 20 + j, 1);
        }
        DMatrixRMaj readout = new DMatrixRMaj(new double[][] {{1, 0}});
        SpikingCircuit circuit = new SpikingCircuit(PoissonInput.guerguiev(30, random), gain,
                new double[] {-0.2, -0.2}, readout, new double[] {0.5});
        RddEstimate e = new RddEstimator(30, 0.1, 3e-3).fit(circuit, 300_000);
        DMatrixRMaj beta = e.perSpike();
        double naiveCorrelated = e.naive().get(1, 0) / e.spikeMass();
        assertTrue(e.spikingWindows()[1] > 500 && e.silentWindows()[1] > 300, "too few windows");
        // one spike near a window's start gives 1; extra spikes in the window raise it, late ones
        // lower it (0.85-1.02 over seeds 0-3)
        assertEquals(1.0, beta.get(0, 0), 0.3);
        // the correlational estimate credits unit 1 with about 0.3; the discontinuity with about half
        assertTrue(naiveCorrelated > 0.2, "no confound to remove: " + naiveCorrelated);
        assertTrue(Math.abs(beta.get(1, 0)) < 0.6 * naiveCorrelated,
                "rdd " + beta.get(1, 0) + " vs naive " + naiveCorrelated);
        assertTrue(Math.abs(beta.get(1, 0)) < 0.2 * beta.get(0, 0), "correlated unit " + beta.get(1, 0));
    }

    @Test
    void signAgreementWithTheForwardWeightsIsHighOnARandomLayerAndRisesWithTime() {
        double early = signAgreement(10);
        double late = signAgreement(90);
        assertTrue(late > 0.75, "sign agreement " + late);
        assertTrue(late > early, "agreement fell from " + early + " to " + late);
    }

    /** Fraction of the 20 x 10 signs of beta equal to those of W^T after {@code seconds}. */
    private static double signAgreement(int seconds) {
        SplittableRandom random = new SplittableRandom(0);
        int n = 20;
        int m = 40;
        int o = 10;
        DMatrixRMaj gain = new DMatrixRMaj(n, m);
        DMatrixRMaj w = new DMatrixRMaj(o, n);
        for (int i = 0; i < gain.data.length; i++) {
            gain.data[i] = random.nextGaussian();
        }
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = random.nextGaussian();
        }
        SpikingCircuit circuit = SpikingCircuit.normalised(PoissonInput.guerguiev(m, random.split()), gain, 0.6, 0.4,
                w, new double[o]);
        DMatrixRMaj beta = RddEstimator.guerguiev().fit(circuit, seconds * 1000).beta();
        int agree = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < o; k++) {
                agree += Math.signum(beta.get(i, k)) == Math.signum(w.get(k, i)) ? 1 : 0;
            }
        }
        return agree / (double) (n * o);
    }
}
