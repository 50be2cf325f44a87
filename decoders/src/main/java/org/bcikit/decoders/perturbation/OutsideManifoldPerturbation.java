package org.bcikit.decoders.perturbation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;

/**
 * Outside-manifold perturbation (OMP; Sadtler et al. 2014, Nature 512:423): the q units are
 * permuted before factor analysis, {@code M2 = K eta Sigma_z beta Sigma_u P}. Each unit keeps its
 * tuning but takes another unit's role, so the control space leaves the intrinsic manifold.
 * Slot {@code i} of the decoder reads unit {@code perm[i]}. Sadtler et al. permuted only the most
 * modulated units; {@link #amongMostModulated} does that.
 */
public final class OutsideManifoldPerturbation implements Perturbation {

    private final int[] permutation;

    public OutsideManifoldPerturbation(int[] unitPermutation) {
        if (unitPermutation == null) {
            throw new InvalidInputException("OMP: expected a unit permutation, got none");
        }
        this.permutation = MatrixChecks.permutation("OMP unit permutation", unitPermutation,
                unitPermutation.length);
    }

    /** A uniformly random non-identity permutation of all {@code q} units. */
    public static OutsideManifoldPerturbation random(int q, SplittableRandom random) {
        return new OutsideManifoldPerturbation(Permutations.random(q, random));
    }

    /**
     * A random permutation among the {@code m} units with the largest {@code modulation} (for
     * example the range of mean counts across targets); the other units keep their place.
     */
    public static OutsideManifoldPerturbation amongMostModulated(double[] modulation, int m, SplittableRandom random) {
        int q = modulation.length;
        if (m < 2 || m > q) {
            throw new InvalidInputException("OMP: number of permuted units must be in 2.." + q + ", got " + m);
        }
        Integer[] order = new Integer[q];
        for (int i = 0; i < q; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -modulation[i]).thenComparingInt(i -> i));
        int[] chosen = new int[m];
        for (int i = 0; i < m; i++) {
            chosen[i] = order[i];
        }
        Arrays.sort(chosen);
        int[] sub = Permutations.random(m, random);
        int[] perm = Permutations.identity(q);
        for (int i = 0; i < m; i++) {
            perm[chosen[i]] = chosen[sub[i]];
        }
        return new OutsideManifoldPerturbation(perm);
    }

    public int[] permutation() {
        return permutation.clone();
    }

    @Override
    public KalmanVelocityDecoder apply(KalmanVelocityDecoder intuitive) {
        if (permutation.length != intuitive.units()) {
            throw new InvalidInputException("OMP: permutation of " + permutation.length
                    + " units does not match the decoder's " + intuitive.units() + " units");
        }
        return intuitive.withReadout(intuitive.readout().withUnitPermutation(permutation));
    }

    @Override
    public String kind() {
        return "OMP";
    }

    @Override
    public String describe() {
        return "OMP " + Arrays.toString(permutation);
    }
}
