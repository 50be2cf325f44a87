package org.bcikit.experiments.jmh;

import java.util.SplittableRandom;

import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.RecurrentWeights;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.bcikit.rnn.model.WoodburyDescent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One exact-gradient step of the static linear-Gaussian network (exact loss, dL/dW, GD update;
 * Payeur, Orsborn and Lajoie 2023), the inner loop of {@code lazy-rich}; as {@code bench static}:
 * the general path ({@code exactStep}: LU factorisations every step) and the O(N^2) Woodbury path
 * that plain GD on dense W takes ({@code woodburyStep}).
 */
public class StaticStepBenchmark extends MillisecondsPerCall {

    @Param("100")
    int units;

    private StaticGaussianNetwork net;
    private RecurrentWeights w;
    private GradientDescent gd;
    private WoodburyDescent fast;

    @Setup
    public void build() {
        SplittableRandom rng = new SplittableRandom(0);
        net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(units, Initialisation.LAZY_EXPONENT, rng)), 1e-2, 0, rng);
        w = net.recurrent();
        // a tiny rate keeps W where it started, so every step does the same work
        gd = new GradientDescent(1e-6);
        fast = new WoodburyDescent(net.copy(), 1e-6, 50);
    }

    @Benchmark
    public double exactStep() {
        double loss = net.backward().total();
        gd.step(w.parameters());
        w.refresh();
        return loss;
    }

    @Benchmark
    public double woodburyStep() {
        double loss = fast.evaluate().total();
        fast.update();
        return loss;
    }
}
