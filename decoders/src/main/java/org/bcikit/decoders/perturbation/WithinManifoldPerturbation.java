package org.bcikit.decoders.perturbation;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.bcikit.decoders.MatrixChecks;
import org.bcikit.decoders.kalman.FactorReadout;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Within-manifold perturbation (WMP; Sadtler et al. 2014, Nature 512:423): the d normalised
 * factors are permuted before the Kalman filter, {@code eta <- E eta} with {@code E} the
 * permutation matrix whose row {@code i} is {@code e_{perm[i]}} — feature {@code i} of the filter
 * now reads factor {@code perm[i]}. The activity patterns that move the cursor stay inside the
 * intrinsic manifold; K is unchanged (the Kalman model is unchanged).
 */
public final class WithinManifoldPerturbation implements Perturbation {

    private final int[] permutation;

    public WithinManifoldPerturbation(int[] factorPermutation) {
        if (factorPermutation == null) {
            throw new org.bcikit.data.InvalidInputException("WMP: expected a factor permutation, got none");
        }
        this.permutation = MatrixChecks.permutation("WMP factor permutation", factorPermutation,
                factorPermutation.length);
    }

    /** A uniformly random non-identity permutation of {@code d} factors. */
    public static WithinManifoldPerturbation random(int d, SplittableRandom random) {
        return new WithinManifoldPerturbation(Permutations.random(d, random));
    }

    public int[] permutation() {
        return permutation.clone();
    }

    @Override
    public KalmanVelocityDecoder apply(KalmanVelocityDecoder intuitive) {
        FactorReadout r = intuitive.readout();
        int d = r.features();
        MatrixChecks.permutation("WMP factor permutation", permutation, d);
        DMatrixRMaj e = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            e.set(i, permutation[i], 1);
        }
        DMatrixRMaj eta = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(e, r.eta(), eta);
        return intuitive.withReadout(r.withEta(eta));
    }

    @Override
    public String kind() {
        return "WMP";
    }

    @Override
    public String describe() {
        return "WMP " + Arrays.toString(permutation);
    }
}
