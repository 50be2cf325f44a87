package org.bcikit.experiments.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.bcikit.data.random.GaussianFill;
import org.bcikit.manifold.moments.Covariance;
import org.ejml.data.DMatrixRMaj;
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

/** The sample covariance pass behind {@code manifold fit} and {@code bench fa}, on one core and on all. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class CovarianceBenchmark {

    @Param("20000")
    int samples;

    @Param("300")
    int units;

    @Param({"false", "true"})
    boolean parallel;

    private DMatrixRMaj x;
    private double[] mean;

    @Setup
    public void draw() {
        x = new DMatrixRMaj(samples, units);
        GaussianFill.fill(x.data, 1, new SplittableRandom(0));
        mean = Covariance.mean(x);
    }

    @Benchmark
    public DMatrixRMaj covariance() {
        return Covariance.of(x, mean, parallel);
    }
}
