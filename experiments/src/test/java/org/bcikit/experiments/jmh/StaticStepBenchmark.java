package org.bcikit.experiments.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.RecurrentWeights;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
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
 * One exact-gradient step of the static linear-Gaussian network (exact loss, dL/dW, GD update;
 * Payeur, Orsborn and Lajoie 2023), the inner loop of {@code lazy-rich}; as {@code bench static}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class StaticStepBenchmark {

    @Param("100")
    int units;

    private StaticGaussianNetwork net;
    private RecurrentWeights w;
    private GradientDescent gd;

    @Setup
    public void build() {
        SplittableRandom rng = new SplittableRandom(0);
        net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(units, Initialisation.LAZY_EXPONENT, rng)), 1e-2, 0, rng);
        w = net.recurrent();
        // a tiny rate keeps W where it started, so every step does the same work
        gd = new GradientDescent(1e-6);
    }

    @Benchmark
    public double exactStep() {
        double loss = net.backward().total();
        gd.step(w.parameters());
        w.refresh();
        return loss;
    }
}
