package org.bcikit.experiments.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.bcikit.rnn.kernels.FloatKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The float32 kernels of the batched rate network ({@link FloatKernels#best()}: SIMD, since the
 * forks add the vector module as {@code bin/bcikit bench} does): the recurrent product over a
 * batch, the fused tanh-and-convergence pass, and the contraction over the batch of the gradient.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// the vector API is very slow until C2 compiles it: warm up long enough
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
public class FloatKernelsBenchmark {

    @Param("200")
    int units;

    @Param("64")
    int batch;

    private FloatKernels kernels;
    private float[] w;
    private float[] h;
    private float[] z;
    private float[] drive;
    private float[] out;
    private float[] grad;

    @Setup
    public void draw() {
        kernels = FloatKernels.best();
        SplittableRandom rng = new SplittableRandom(0);
        w = gaussian(units * units, 1 / (float) Math.sqrt(units), rng);
        h = gaussian(batch * units, 1, rng);
        drive = gaussian(batch * units, 1, rng);
        z = new float[batch * units];
        out = new float[batch * units];
        grad = new float[units * units];
    }

    private static float[] gaussian(int n, float scale, SplittableRandom rng) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * (float) rng.nextGaussian();
        }
        return a;
    }

    /** {@code Z = H W} (batch x units times units x units). */
    @Benchmark
    public float[] recurrentProduct() {
        kernels.mult(h, w, z, batch, units, units);
        return z;
    }

    @Benchmark
    public float tanhMap() {
        return kernels.tanhMap(z, drive, h, out, batch * units);
    }

    /** The weight gradient's contraction over the batch: {@code G += A B^T}, A and B units x batch. */
    @Benchmark
    public float[] batchContraction() {
        kernels.multTransBAdd(h, drive, grad, units, batch, units);
        return grad;
    }
}
