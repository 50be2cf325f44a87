package org.bcikit.rnn.analysis;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The eigenvalues of a square matrix (real and imaginary parts) and its spectral radius
 * {@code max |lambda|}; a linear recurrent network is stable when the radius is below 1 (Payeur et
 * al. 2023 stop a run once it reaches 1). Immutable.
 */
public final class EigenvalueSpectrum {

    private final double[] real;
    private final double[] imaginary;

    private EigenvalueSpectrum(double[] real, double[] imaginary) {
        this.real = real;
        this.imaginary = imaginary;
    }

    /** Eigenvalues of {@code w} (not modified). Fails if the decomposition does not converge. */
    public static EigenvalueSpectrum of(DMatrixRMaj w) {
        if (w.numRows != w.numCols) {
            throw new IllegalArgumentException("eigenvalues need a square matrix, got " + w.numRows + "x" + w.numCols);
        }
        int n = w.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(w.copy())) {
            throw new ArithmeticException("eigen-decomposition of a " + n + "x" + n + " matrix did not converge");
        }
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            Complex_F64 c = eig.getEigenvalue(i);
            re[i] = c.real;
            im[i] = c.imaginary;
        }
        return new EigenvalueSpectrum(re, im);
    }

    /** Real parts, in the decomposition's order (a copy). */
    public double[] real() {
        return real.clone();
    }

    /** Imaginary parts, matching {@link #real()} (a copy). */
    public double[] imaginary() {
        return imaginary.clone();
    }

    /** {@code max |lambda|}. */
    public double spectralRadius() {
        double r = 0.0;
        for (int i = 0; i < real.length; i++) {
            r = Math.max(r, Math.hypot(real[i], imaginary[i]));
        }
        return r;
    }
}
