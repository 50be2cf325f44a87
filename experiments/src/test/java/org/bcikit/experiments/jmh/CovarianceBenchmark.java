package org.bcikit.experiments.jmh;

import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.bcikit.manifold.moments.Covariance;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The sample covariance pass behind {@code manifold fit} and {@code bench fa}, on one core and on all. */
public class CovarianceBenchmark extends MillisecondsPerCall {

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
