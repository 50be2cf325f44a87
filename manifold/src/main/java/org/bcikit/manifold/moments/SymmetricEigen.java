package org.bcikit.manifold.moments;

import java.util.Arrays;
import java.util.Comparator;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigenvalues and eigenvectors of a symmetric matrix, sorted by decreasing eigenvalue, with each
 * eigenvector's sign fixed so its largest-magnitude entry is positive: the same input always
 * gives the same basis, whatever order and signs the solver returns. Public so that learner models
 * (the PCA manifold of a network's activity) use the same convention as factor analysis.
 */
public record SymmetricEigen(double[] values, DMatrixRMaj vectors) {

    /** Decomposes {@code symmetric} (not modified); vectors are the columns of a new q x q matrix. */
    public static SymmetricEigen descending(DMatrixRMaj symmetric) {
        int q = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(q, true, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new IllegalStateException("symmetric eigendecomposition failed");
        }
        Integer[] order = new Integer[q];
        double[] raw = new double[q];
        for (int i = 0; i < q; i++) {
            order[i] = i;
            raw[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -raw[i]));
        double[] values = new double[q];
        DMatrixRMaj vectors = new DMatrixRMaj(q, q);
        for (int k = 0; k < q; k++) {
            values[k] = raw[order[k]];
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            int arg = 0;
            for (int i = 1; i < q; i++) {
                if (Math.abs(v.get(i)) > Math.abs(v.get(arg))) {
                    arg = i;
                }
            }
            double sign = v.get(arg) < 0 ? -1 : 1;
            for (int i = 0; i < q; i++) {
                vectors.unsafe_set(i, k, sign * v.get(i));
            }
        }
        return new SymmetricEigen(values, vectors);
    }
}
