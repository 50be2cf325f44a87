package org.bcikit.manifold.fa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DimensionalitySearchTest {

    @Test
    void crossValidationPicksTheGeneratingDimensionality() {
        for (int trueDims : new int[] {3, 6}) {
            FactorData data = FactorData.draw(30, 3000, trueDims, 40 + trueDims);
            // a looser tolerance than the default: overfitted d converge slowly and the choice does not need it
            Dimensionality dim = new DimensionalitySearch(new FactorAnalysis(1).withTolerance(1e-6)).withMaxDims(8)
                    .withSeed(7).search(data.samples());
            assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, dim.candidates());
            assertTrue(Math.abs(dim.bestDims() - trueDims) <= 1, "picked " + dim.bestDims() + " for " + trueDims);
            assertEquals(dim.bestDims(), dim.model().dims());
            // the held-out likelihood climbs to the true d and is flat or falling after it
            double[] cv = dim.crossValidatedLogLikelihood();
            for (int d = 1; d < trueDims; d++) {
                assertTrue(cv[d] > cv[d - 1], "cv fell from d=" + d + " to " + (d + 1));
            }
            assertTrue(dim.sharedVarianceDims() >= 1 && dim.sharedVarianceDims() <= dim.bestDims());
            assertEquals(dim.model().dimsForSharedVariance(0.95), dim.sharedVarianceDims());
        }
    }

    @Test
    void sameSeedSameCurveAndCandidatesCappedBelowTheUnits() {
        DMatrixRMaj x = FactorData.draw(6, 400, 2, 3).samples();
        DimensionalitySearch search = new DimensionalitySearch(new FactorAnalysis(1).withZScore(true)).withFolds(4).withSeed(9);
        Dimensionality a = search.search(x);
        Dimensionality b = search.search(x);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, a.candidates()); // maxDims 20 capped at q - 1
        assertArrayEquals(a.crossValidatedLogLikelihood(), b.crossValidatedLogLikelihood(), 0);
        Dimensionality c = search.withSeed(10).search(x);
        assertTrue(a.crossValidatedLogLikelihood()[0] != c.crossValidatedLogLikelihood()[0]);
        assertTrue(a.model().zScored());
    }

    @Test
    void tooFewSamplesForTheFoldsIsAClearError() {
        DMatrixRMaj x = FactorData.draw(10, 12, 2, 1).samples();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new DimensionalitySearch(new FactorAnalysis(1)).search(x));
        assertTrue(e.getMessage().contains("training set"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new DimensionalitySearch(new FactorAnalysis(1)).withFolds(1));
    }
}
