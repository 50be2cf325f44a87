package org.bcikit.rnn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.dale.ColEiWeights;
import org.bcikit.rnn.dale.DaleInitialisation;
import org.bcikit.rnn.dale.DannWeights;
import org.bcikit.rnn.model.Initialisation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SpectrumTest {

    @Test
    void nseOfIdentityAndOrthogonalMatricesIsOne() {
        assertEquals(1.0, SingularValueSpectrum.of(CommonOps_DDRM.identity(7)).normalisedSvdEntropy(), 1e-12);
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        DMatrixRMaj rotation = new DMatrixRMaj(new double[][] {{c, -s}, {s, c}});
        assertEquals(1.0, SingularValueSpectrum.of(rotation).normalisedSvdEntropy(), 1e-12);
    }

    @Test
    void nseOfRankOneIsZero() {
        DMatrixRMaj u = new DMatrixRMaj(new double[] {1, -2, 3, 0.5, 4});
        DMatrixRMaj v = new DMatrixRMaj(new double[] {2, 1, -1, 3, 0.1});
        DMatrixRMaj w = new DMatrixRMaj(5, 5);
        CommonOps_DDRM.multTransB(u, v, w);
        assertEquals(0.0, SingularValueSpectrum.of(w).normalisedSvdEntropy(), 1e-12);
        assertEquals(1.0, SingularValueSpectrum.of(w).effectiveRank(), 1e-10);
    }

    @Test
    void nseMatchesTheFormulaOnADiagonalMatrix() {
        DMatrixRMaj w = CommonOps_DDRM.diag(3, -1, 2, 0);
        // singular values 3, 2, 1, 0: p = (1/2, 1/3, 1/6, 0)
        double h = -(0.5 * Math.log(0.5) + Math.log(1.0 / 3) / 3 + Math.log(1.0 / 6) / 6);
        SingularValueSpectrum s = SingularValueSpectrum.of(w);
        assertEquals(3.0, s.values()[0], 1e-12);
        assertEquals(0.0, s.values()[3], 1e-12);
        assertEquals(h / Math.log(4), s.normalisedSvdEntropy(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SingularValueSpectrum.of(new DMatrixRMaj(3, 3)).normalisedSvdEntropy());
    }

    @Test
    void spectralRadiusOfARotationBlock() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{0, -2, 0}, {2, 0, 0}, {0, 0, 0.5}});
        EigenvalueSpectrum e = EigenvalueSpectrum.of(w);
        assertEquals(2.0, e.spectralRadius(), 1e-12);
        double im = 0.0;
        for (double v : e.imaginary()) {
            im = Math.max(im, Math.abs(v));
        }
        assertEquals(2.0, im, 1e-12);
    }

    private static double colEiNse(int n, double f) {
        double total = 0.0;
        // seed-to-seed sd is ~0.03 at N = 20 and ~0.002 at N = 200: average 8 networks
        for (long seed = 0; seed < 8; seed++) {
            total += SingularValueSpectrum.of(ColEiWeights.initialise(n, f, 1.5, new SplittableRandom(seed)).effective())
                    .normalisedSvdEntropy();
        }
        return total / 8;
    }

    /** Li et al. NeurIPS 2023: ColEI spectra become less dispersed with more I units and with size. */
    @Test
    void colEiNseRisesWithInhibitoryFractionAndSize() {
        double previous = 0.0;
        for (double f : new double[] {0.05, 0.1, 0.25, 0.5}) {
            double nse = colEiNse(100, f);
            assertTrue(nse > previous + 0.01, "NSE at I fraction " + f + " = " + nse + " after " + previous);
            previous = nse;
        }
        previous = 0.0;
        for (int n : new int[] {20, 50, 100, 200}) {
            double nse = colEiNse(n, 0.1);
            assertTrue(nse > previous + 0.01, "NSE at N = " + n + " = " + nse + " after " + previous);
            previous = nse;
        }
    }

    /** DANN and standard networks have unimodal, clustered spectra: NSE near 1, above ColEI's. */
    @Test
    void dannAndStandardSpectraAreClustered() {
        double colEi = colEiNse(100, 0.1);
        for (long seed = 0; seed < 3; seed++) {
            double dann = SingularValueSpectrum.of(DannWeights.initialise(100, DaleInitialisation.interneuronCount(100, 0.1), 1.5,
                    new SplittableRandom(seed)).effective()).normalisedSvdEntropy();
            double standard = SingularValueSpectrum.of(Initialisation.standardGaussian(100, 1.5, new SplittableRandom(seed)))
                    .normalisedSvdEntropy();
            assertTrue(dann > 0.93 && standard > 0.93, "DANN " + dann + ", standard " + standard);
            assertTrue(dann > colEi + 0.1, "DANN " + dann + " vs ColEI " + colEi);
            assertTrue(Math.abs(dann - standard) < 0.02, "DANN " + dann + " vs standard " + standard);
        }
    }
}
