package org.bcikit.rnn.dale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.learning.MirrorDescent;
import org.bcikit.rnn.learning.SignFlipCounter;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.StructureGradients;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class DannWeightsTest {

    private static DMatrixRMaj gaussian(int rows, int cols, double sd, SplittableRandom rng) {
        DMatrixRMaj g = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < g.data.length; k++) {
            g.data[k] = sd * rng.nextGaussian();
        }
        return g;
    }

    @Test
    void publishedInitialisationSubtractsTheMeanExcitatoryDrive() {
        DannWeights d = DannWeights.initialise(100, 10, 0, new SplittableRandom(1));
        assertEquals(10, d.interneurons());
        DMatrixRMaj ei = d.inhibitoryToExcitatory().value();
        for (int i = 0; i < 100; i++) {
            double row = 0.0;
            for (int k = 0; k < 10; k++) {
                row += ei.get(i, k);
            }
            assertEquals(1.0, row, 1e-12);
        }
        double meanEE = CommonOps_DDRM.elementSum(d.excitatoryToExcitatory().value()) / 1e4;
        double meanW = CommonOps_DDRM.elementSum(d.effective()) / 1e4;
        assertTrue(Math.abs(meanW) < 0.1 * meanEE, "E[W] ~ 0: mean W " + meanW + ", mean W_EE " + meanEE);
    }

    @Test
    void spectralRadiusRescaleKeepsRowSums() {
        DannWeights d = DannWeights.initialise(30, 4, 1.5, new SplittableRandom(2));
        assertEquals(1.5, EigenvalueSpectrum.of(d.effective()).spectralRadius(), 1e-9);
        assertEquals(0.25, d.inhibitoryToExcitatory().value().get(3, 1), 1e-15);
    }

    @Test
    void backpropagateMatchesCentralDifferencesForAllThreeMatrices() {
        SplittableRandom rng = new SplittableRandom(3);
        DannWeights d = DannWeights.initialise(7, 3, 1.2, rng);
        // make W_EI generic (the init's constant rows would hide a transposition error)
        for (int k = 0; k < d.inhibitoryToExcitatory().value().data.length; k++) {
            d.inhibitoryToExcitatory().value().data[k] = 0.1 + rng.nextDouble();
        }
        d.refresh();
        DMatrixRMaj c = gaussian(7, 7, 1.0, rng);
        assertTrue(StructureGradients.maxRelativeError(d, c, 1e-6) < 1e-5);
    }

    /**
     * Under random corrected, projected updates the parts stay non-negative, W stays exactly
     * W_EE - W_EI W_IE, and the synaptic matrix keeps Dale's column structure: E columns >= 0, I
     * columns <= 0, and eliminating the linear interneurons gives W back.
     */
    @Test
    void correctedProjectedUpdatesKeepTheEiStructure() {
        SplittableRandom rng = new SplittableRandom(4);
        DannWeights d = DannWeights.initialise(20, 5, 1.5, rng);
        Optimizer rule = new DannCorrectedUpdates(d, MirrorDescent.gradientDescent(0.05));
        SignFlipCounter flips = new SignFlipCounter(d.parameters());
        for (int step = 0; step < 100; step++) {
            d.backpropagate(gaussian(20, 20, 2.0, rng));
            rule.step(d.parameters());
            d.refresh();
            flips.update();
        }
        assertEquals(0, flips.total());
        for (Parameter p : d.parameters()) {
            for (double v : p.value().data) {
                assertTrue(v >= 0.0, p.name());
            }
        }
        DMatrixRMaj expected = d.excitatoryToExcitatory().value().copy();
        DMatrixRMaj inhibition = new DMatrixRMaj(20, 20);
        CommonOps_DDRM.mult(d.inhibitoryToExcitatory().value(), d.excitatoryToInhibitory().value(), inhibition);
        CommonOps_DDRM.subtractEquals(expected, inhibition);
        assertArrayEquals(expected.data, d.effective().data, 1e-12 * CommonOps_DDRM.elementMaxAbs(expected));

        DMatrixRMaj s = d.synaptic();
        for (int i = 0; i < 25; i++) {
            for (int j = 0; j < 25; j++) {
                assertTrue(j < 20 ? s.get(i, j) >= 0 : s.get(i, j) <= 0, "Dale column " + j);
                if (i >= 20 && j >= 20) {
                    assertEquals(0.0, s.get(i, j), "no I -> I synapses");
                }
            }
        }
        // Schur elimination of instantaneous linear interneurons: W = S_EE + S_EI S_IE
        DMatrixRMaj sEE = CommonOps_DDRM.extract(s, 0, 20, 0, 20);
        DMatrixRMaj sEI = CommonOps_DDRM.extract(s, 0, 20, 20, 25);
        DMatrixRMaj sIE = CommonOps_DDRM.extract(s, 20, 25, 0, 20);
        CommonOps_DDRM.multAdd(sEI, sIE, sEE);
        assertArrayEquals(d.effective().data, sEE.data, 1e-12 * CommonOps_DDRM.elementMaxAbs(sEE));
    }

    @Test
    void correctionDividesInterneuronGradientsBeforeTheInnerStep() {
        SplittableRandom rng = new SplittableRandom(5);
        DannWeights d = DannWeights.initialise(16, 4, 1.0, rng);
        DannWeights plain = d.copy();
        DMatrixRMaj g = gaussian(16, 16, 1.0, rng);
        d.backpropagate(g);
        plain.backpropagate(g);
        new DannCorrectedUpdates(d, MirrorDescent.gradientDescent(0.01)).step(d.parameters());
        for (Parameter p : plain.parameters()) {
            double factor = p.name().equals("W_IE") ? 1.0 / 4.0 : p.name().equals("W_EI") ? 1.0 / 16.0 : 1.0;
            CommonOps_DDRM.scale(factor, p.gradient());
        }
        MirrorDescent.gradientDescent(0.01).step(plain.parameters());
        List<Parameter> a = d.parameters();
        List<Parameter> b = plain.parameters();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(b.get(i).value().data, a.get(i).value().data, 1e-15, a.get(i).name());
        }
    }

    @Test
    void divisiveNormalisationDividesByTheInterneuronDrive() {
        DMatrixRMaj ee = new DMatrixRMaj(new double[][] {{0, 1}, {1, 0}});
        DMatrixRMaj ei = new DMatrixRMaj(new double[][] {{1}, {0.5}});
        DMatrixRMaj ie = new DMatrixRMaj(new double[][] {{2, 4}});
        DannWeights d = new DannWeights(ee, ei, ie);
        d.normalisationLogGains().set(0, 0, Math.log(2));
        DMatrixRMaj h = new DMatrixRMaj(new double[] {1, 1});
        DMatrixRMaj drive = new DMatrixRMaj(new double[] {6, 6});
        d.divisiveNormalise(h, drive, 0.0);
        // interneuron drive = 2 * (2 + 4) = 12; gamma = (12, 6)
        assertArrayEquals(new double[] {0.5, 1.0}, drive.data, 1e-15);
    }

    @Test
    void rejectsMismatchedOrNegativeParts() {
        DMatrixRMaj ee = new DMatrixRMaj(2, 2);
        assertThrows(IllegalArgumentException.class, () -> new DannWeights(ee, new DMatrixRMaj(2, 1), new DMatrixRMaj(2, 2)));
        DMatrixRMaj neg = new DMatrixRMaj(new double[][] {{-1}, {0}});
        assertThrows(IllegalArgumentException.class, () -> new DannWeights(ee, neg, new DMatrixRMaj(1, 2)));
    }
}
