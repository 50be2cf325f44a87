package org.bcikit.rnn.kernels;

/**
 * The float32 batch operations behind {@link BatchedFixedPointTrainer}: a matrix product, a
 * product with a transposed right factor (contraction over the batch), and fused element-wise
 * passes that apply tanh and measure convergence in one sweep. All arrays are row-major and
 * caller-owned; nothing is allocated.
 *
 * <p>{@link #best()} picks the SIMD implementation on the JDK's vector API when the JVM was
 * started with {@code --add-modules jdk.incubator.vector} (as {@code bin/bcikit bench} does), and
 * plain loops otherwise; both give the same results up to float rounding.
 */
public interface FloatKernels {

    /** {@code C = A B} with A m x k, B k x n, C m x n. */
    void mult(float[] a, float[] b, float[] c, int m, int k, int n);

    /** {@code C += A B^T} with A m x l, B p x l, C m x p (a contraction over l). */
    void multTransBAdd(float[] a, float[] b, float[] c, int m, int l, int p);

    /**
     * {@code out = tanh(z + drive)} over {@code len} entries; returns {@code max |out - prev|}
     * (NaN if any entry is NaN). {@code out} may be {@code prev} (read before written).
     */
    float tanhMap(float[] z, float[] drive, float[] prev, float[] out, int len);

    /**
     * One adjoint iteration's element-wise part: {@code next = t + g}; returns
     * {@code max |next - lambda|} (NaN if any is NaN); then {@code lambda = next} and
     * {@code weighted = slope . next}.
     */
    float adjointUpdate(float[] t, float[] g, float[] slope, float[] lambda, float[] weighted, int len);

    /** {@code delta = g . (1 - s^2)} (tanh backward from the output s) and {@code deltaSum += delta}. */
    void tanhBackward(float[] g, float[] s, float[] delta, float[] deltaSum, int len);

    /** {@code y[yo .. yo+len) -= alpha x[xo .. xo+len)}; x and y may be the same array (disjoint ranges). */
    void axpyNeg(float alpha, float[] x, int xo, float[] y, int yo, int len);

    /** Short description for benchmark output. */
    String name();

    /**
     * The vector-API kernels when the module is present, else the plain-loop kernels. The two sum
     * in different orders, so results depend on which is used: when the module is there but the
     * vector kernels cannot be loaded (an incubator API this JDK no longer has) that is reported,
     * not silently replaced by the plain loops.
     */
    static FloatKernels best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (FloatKernels) Class.forName("org.bcikit.rnn.kernels.VectorFloatKernels").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("jdk.incubator.vector is present but the vector kernels do not load on "
                        + "this JDK (" + e + "); run without --add-modules jdk.incubator.vector", e);
            }
        }
        return new ScalarFloatKernels();
    }
}
