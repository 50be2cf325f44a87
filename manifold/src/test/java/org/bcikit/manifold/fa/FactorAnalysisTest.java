package org.bcikit.manifold.fa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bcikit.data.InvalidInputException;
import org.bcikit.manifold.geometry.PrincipalAngles;
import org.bcikit.manifold.moments.Covariance;
import org.bcikit.manifold.moments.SampleMoments;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FactorAnalysisTest {

    private static FactorData data;
    private static FactorModel model;

    @BeforeAll
    static void fitOnce() {
        data = FactorData.draw(40, 20000, 5, 11);
        model = new FactorAnalysis(5).fit(data.samples());
    }

    @Test
    void recoversTheGeneratingSubspace() {
        assertTrue(model.converged());
        double angle = PrincipalAngles.largestDegrees(model.loadings(), data.loadings());
        assertTrue(angle < 1.0, "largest principal angle " + angle + " deg");
        double[] psi = model.privateVariances();
        for (int i = 0; i < psi.length; i++) {
            assertEquals(data.psi()[i], psi[i], 0.1, "psi of unit " + i);
        }
    }

    @Test
    void likelihoodNeverDecreasesFromARandomStart() {
        FactorData small = FactorData.draw(30, 3000, 4, 5);
        FactorAnalysis random = new FactorAnalysis(4).withInit(FactorAnalysis.Init.RANDOM).withSeed(3);
        FactorModel plain = random.withAcceleration(false).fit(small.samples());
        FactorModel fast = random.fit(small.samples());
        for (FactorModel m : new FactorModel[] {plain, fast}) {
            double[] h = m.logLikelihoodHistory();
            assertTrue(h.length > 5, "expected several EM steps from a random start, got " + h.length);
            for (int k = 1; k < h.length; k++) {
                assertTrue(h[k] >= h[k - 1] - 1e-12 * Math.abs(h[k - 1]),
                        "log-likelihood fell at step " + k + ": " + h[k - 1] + " -> " + h[k]);
            }
            assertEquals(m.logLikelihoodPerSample(), h[h.length - 1], 0);
            assertTrue(m.converged());
        }
        assertEquals(plain.iterations() + 1, plain.logLikelihoodHistory().length);
        // SQUAREM needs fewer EM evaluations and stops no lower than plain EM
        assertTrue(fast.iterations() < plain.iterations(), fast.iterations() + " vs " + plain.iterations());
        assertTrue(fast.logLikelihoodPerSample() >= plain.logLikelihoodPerSample() - 1e-9 * Math.abs(plain.logLikelihoodPerSample()));
        // PCA and random starts reach the same maximum
        FactorModel p = new FactorAnalysis(4).fit(small.samples());
        assertEquals(p.logLikelihoodPerSample(), fast.logLikelihoodPerSample(), 1e-6 * Math.abs(p.logLikelihoodPerSample()));
        assertTrue(PrincipalAngles.largestDegrees(p.loadings(), fast.loadings()) < 0.1);
    }

    @Test
    void leadingEigenvectorStartGivesTheFullDecompositionsModel() {
        // 240 units, 10 factors: the start takes the subspace iteration path (block 15)
        FactorData big = FactorData.draw(240, 4000, 10, 21);
        SampleMoments m = Covariance.moments(big.samples());
        for (double floor : new double[] {0.01, 0}) {
            FactorAnalysis fa = new FactorAnalysis(10).withMinVarianceFraction(floor);
            FactorModel lead = fa.fit(m);
            FactorModel full = fa.withInit(FactorAnalysis.Init.PCA_FULL).fit(m);
            assertTrue(lead.converged() && full.converged());
            // the starts themselves agree to the subspace iteration's tolerance
            double start = lead.logLikelihoodHistory()[0];
            assertEquals(full.logLikelihoodHistory()[0], start, 1e-12 * Math.abs(start), "start, floor " + floor);
            double ll = full.logLikelihoodPerSample();
            assertEquals(ll, lead.logLikelihoodPerSample(), 1e-9 * Math.abs(ll), "floor " + floor);
            double angle = Math.toRadians(PrincipalAngles.largestDegrees(lead.loadings(), full.loadings()));
            assertTrue(angle < 1e-6, "largest principal angle " + angle + " rad, floor " + floor);
        }
    }

    @Test
    void theFitIsAStationaryPointOfTheLikelihood() {
        // d ln p / dL = Sigma^-1 (S - Sigma) Sigma^-1 L and d ln p / dpsi_i = diag(Sigma^-1 (S - Sigma) Sigma^-1)_i
        // vanish at the maximum (no unit at the floor here: every psi far above it); EM with the
        // profile steps reaches it, and stops no lower than EM alone
        DMatrixRMaj s = Covariance.of(data.samples());
        FactorModel model = new FactorAnalysis(5).withProfileSteps(true).fit(data.samples());
        assertTrue(model.logLikelihoodPerSample() >= FactorAnalysisTest.model.logLikelihoodPerSample());
        DMatrixRMaj l = model.loadings();
        int q = l.numRows;
        DMatrixRMaj sigma = new DMatrixRMaj(q, q);
        CommonOps_DDRM.multTransB(l, l, sigma);
        for (int i = 0; i < q; i++) {
            assertTrue(model.privateVariances()[i] > 0.015 * s.get(i, i), "unit " + i + " at the default floor, 0.01 of its variance");
            sigma.add(i, i, model.privateVariances()[i]);
        }
        DMatrixRMaj inv = sigma.copy();
        assertTrue(CommonOps_DDRM.invert(inv));
        DMatrixRMaj diff = new DMatrixRMaj(q, q);
        CommonOps_DDRM.subtract(s, sigma, diff);
        DMatrixRMaj tmp = new DMatrixRMaj(q, q);
        DMatrixRMaj grad = new DMatrixRMaj(q, q);
        CommonOps_DDRM.mult(inv, diff, tmp);
        CommonOps_DDRM.mult(tmp, inv, grad);
        DMatrixRMaj gl = new DMatrixRMaj(q, l.numCols);
        CommonOps_DDRM.mult(grad, l, gl);
        assertTrue(CommonOps_DDRM.elementMaxAbs(gl) < 1e-6, "max |dlnp/dL| " + CommonOps_DDRM.elementMaxAbs(gl));
        for (int i = 0; i < q; i++) {
            assertEquals(0, grad.get(i, i), 1e-6, "dlnp/dpsi of unit " + i);
        }
    }

    @Test
    void heldOutLikelihoodFromMomentsMatchesTheSamples() {
        FactorData other = FactorData.draw(40, 500, 5, 12); // a different draw: the mean differs too
        SampleMoments m = Covariance.moments(other.samples());
        assertEquals(model.logLikelihood(other.samples()), model.logLikelihood(m), 1e-9 * Math.abs(model.logLikelihood(m)));
        FactorModel z = new FactorAnalysis(5).withZScore(true).fit(data.samples());
        assertEquals(z.logLikelihood(other.samples()), z.logLikelihood(m), 1e-9 * Math.abs(z.logLikelihood(m)));
    }

    @Test
    void woodburyLikelihoodMatchesTheDenseFormula() {
        DMatrixRMaj sigma = model.covariance();
        DMatrixRMaj inv = new DMatrixRMaj(sigma.numRows, sigma.numCols);
        assertTrue(CommonOps_DDRM.invert(sigma, inv));
        double logDet = Math.log(CommonOps_DDRM.det(sigma));
        assertEquals(logDet, model.logDetCovariance(), 1e-9 * Math.abs(logDet));
        DMatrixRMaj s = Covariance.of(data.samples());
        DMatrixRMaj prod = new DMatrixRMaj(s.numRows, s.numCols);
        CommonOps_DDRM.mult(inv, s, prod);
        int q = s.numRows;
        double dense = -0.5 * (q * Math.log(2 * Math.PI) + logDet + CommonOps_DDRM.trace(prod));
        assertEquals(dense, model.logLikelihoodPerSample(), 1e-9 * Math.abs(dense));
        assertEquals(dense, model.logLikelihood(data.samples()), 1e-9 * Math.abs(dense));
    }

    @Test
    void posteriorMatchesItsDefinition() {
        DMatrixRMaj sigma = model.covariance();
        DMatrixRMaj inv = new DMatrixRMaj(sigma.numRows, sigma.numCols);
        CommonOps_DDRM.invert(sigma, inv);
        DMatrixRMaj beta = new DMatrixRMaj(model.dims(), model.units());
        CommonOps_DDRM.multTransA(model.loadings(), inv, beta);
        assertTrue(MatrixFeatures_DDRM.isEquals(beta, model.beta(), 1e-10));
        DMatrixRMaj bl = new DMatrixRMaj(model.dims(), model.dims());
        CommonOps_DDRM.mult(beta, model.loadings(), bl);
        DMatrixRMaj cov = CommonOps_DDRM.identity(model.dims());
        CommonOps_DDRM.subtractEquals(cov, bl);
        assertTrue(MatrixFeatures_DDRM.isEquals(cov, model.posteriorCovariance(), 1e-10));
        // E[z|u] of one sample: beta (u - mu)
        DMatrixRMaj u = CommonOps_DDRM.extractRow(data.samples(), 7, null);
        DMatrixRMaj z = model.posteriorMean(u);
        double[] mu = model.mean();
        for (int k = 0; k < model.dims(); k++) {
            double expect = 0;
            for (int i = 0; i < model.units(); i++) {
                expect += beta.get(k, i) * (u.get(i) - mu[i]);
            }
            assertEquals(expect, z.get(0, k), 1e-10);
        }
    }

    @Test
    void orthonormalisationFactorsTheLoadings() {
        DMatrixRMaj u = model.orthonormalBasis();
        DMatrixRMaj utu = new DMatrixRMaj(model.dims(), model.dims());
        CommonOps_DDRM.multTransA(u, u, utu);
        assertTrue(MatrixFeatures_DDRM.isIdentity(utu, 1e-10));
        DMatrixRMaj rebuilt = new DMatrixRMaj(model.units(), model.dims());
        CommonOps_DDRM.mult(u, model.orthonormalisingTransform(), rebuilt); // U (D V^T) = L
        assertTrue(MatrixFeatures_DDRM.isEquals(rebuilt, model.loadings(), 1e-10));
        double[] sv = model.sharedVariance();
        for (int k = 1; k < sv.length; k++) {
            assertTrue(sv[k] <= sv[k - 1]);
        }
        double total = 0;
        DMatrixRMaj l = model.loadings();
        for (double v : l.data) {
            total += v * v;
        }
        double[] cum = model.sharedVarianceExplained();
        assertEquals(1.0, cum[cum.length - 1], 1e-12);
        assertEquals(sv[0] / total, cum[0], 1e-12);
        // U z_orth = L z for the same samples
        DMatrixRMaj z = model.posteriorMean(data.samples());
        DMatrixRMaj zo = model.orthonormalisedLatents(data.samples());
        DMatrixRMaj a = new DMatrixRMaj(z.numRows, model.units());
        DMatrixRMaj b = new DMatrixRMaj(z.numRows, model.units());
        CommonOps_DDRM.multTransB(z, l, a);
        CommonOps_DDRM.multTransB(zo, u, b);
        assertTrue(MatrixFeatures_DDRM.isEquals(a, b, 1e-9));
    }

    @Test
    void zScoringEqualsFittingZScoredCounts() {
        FactorData small = FactorData.draw(20, 2000, 3, 9);
        DMatrixRMaj x = small.samples();
        FactorModel zm = new FactorAnalysis(3).withZScore(true).fit(x);
        double[] mu = Covariance.mean(x);
        DMatrixRMaj s = Covariance.of(x);
        int n = x.numRows;
        DMatrixRMaj zx = new DMatrixRMaj(n, x.numCols);
        double[] expectScale = new double[x.numCols];
        for (int i = 0; i < x.numCols; i++) {
            expectScale[i] = 1 / Math.sqrt(s.get(i, i) * n / (n - 1)); // MATLAB std
            for (int t = 0; t < n; t++) {
                zx.set(t, i, (x.get(t, i) - mu[i]) * expectScale[i]);
            }
        }
        FactorModel plain = new FactorAnalysis(3).fit(zx);
        assertArrayEquals(expectScale, zm.scale(), 1e-12);
        assertTrue(zm.zScored());
        assertTrue(MatrixFeatures_DDRM.isEquals(plain.loadings(), zm.loadings(), 1e-8));
        assertEquals(plain.logLikelihoodPerSample(), zm.logLikelihoodPerSample(), 1e-9);
        assertTrue(MatrixFeatures_DDRM.isEquals(plain.posteriorMean(zx), zm.posteriorMean(x), 1e-8));
    }

    @Test
    void privateVarianceFloorHolds() {
        // unit 1 is a near-copy of unit 0: without a floor its private variance would go to ~0
        FactorData small = FactorData.draw(10, 1000, 2, 4);
        DMatrixRMaj x = small.samples().copy();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int t = 0; t < x.numRows; t++) {
            x.set(t, 1, x.get(t, 0) + 1e-4 * rng.nextGaussian());
        }
        FactorModel m = new FactorAnalysis(2).fit(x);
        DMatrixRMaj s = Covariance.of(x);
        double[] psi = m.privateVariances();
        for (int i = 0; i < psi.length; i++) {
            assertTrue(psi[i] >= 0.01 * s.get(i, i) * (1 - 1e-12), "psi[" + i + "] below floor");
        }
        assertEquals(0.01 * s.get(1, 1), psi[1], 1e-6 * s.get(1, 1));
    }

    @Test
    void badInputIsRejectedClearly() {
        DMatrixRMaj x = FactorData.draw(6, 50, 2, 1).samples();
        DMatrixRMaj nan = x.copy();
        nan.set(3, 2, Double.NaN);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new FactorAnalysis(2).fit(nan));
        assertTrue(e.getMessage().contains("data[3][2]"), e.getMessage());
        DMatrixRMaj inf = x.copy();
        inf.set(0, 0, Double.POSITIVE_INFINITY);
        assertThrows(InvalidInputException.class, () -> new FactorAnalysis(2).fit(inf));
        DMatrixRMaj silent = x.copy();
        for (int t = 0; t < silent.numRows; t++) {
            silent.set(t, 4, 0.1);
        }
        e = assertThrows(InvalidInputException.class, () -> new FactorAnalysis(2).fit(silent));
        assertTrue(e.getMessage().contains("[4]"), e.getMessage());
        assertArrayEquals(new int[] {4}, FactorAnalysis.silentUnits(silent));
        DMatrixRMaj few = CommonOps_DDRM.extract(x, 0, 5, 0, 6);
        e = assertThrows(InvalidInputException.class, () -> new FactorAnalysis(2).fit(few));
        assertTrue(e.getMessage().contains("more samples than units"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new FactorAnalysis(6).fit(x));
        assertTrue(e.getMessage().contains("fewer factors than units"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new FactorAnalysis(0));
    }

    @Test
    void sameSeedSameNumbers() {
        FactorData small = FactorData.draw(15, 500, 3, 2);
        FactorAnalysis fa = new FactorAnalysis(3).withInit(FactorAnalysis.Init.RANDOM).withSeed(42);
        FactorModel a = fa.fit(small.samples());
        FactorModel b = fa.fit(small.samples());
        assertTrue(MatrixFeatures_DDRM.isIdentical(a.loadings(), b.loadings(), 0));
        assertEquals(a.iterations(), b.iterations());
    }
}
