package org.bcikit.experiments.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.bcikit.experiments.cli.options.VersionProvider;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.RecurrentWeights;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bcikit bench static}: the cost of one exact-gradient step of the static linear-Gaussian
 * network (exact loss, dL/dW, GD update), the inner loop of the {@code lazy-rich} and
 * {@code learning-rate} experiments. Prints one JSON line with the milliseconds per step.
 */
@Command(name = "static", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Milliseconds per exact-GD step of the static linear-Gaussian network (one JSON line).")
public final class StaticBenchCommand implements Callable<Integer> {

    @Option(names = "--units", defaultValue = "100", description = "Number of units N. Default: ${DEFAULT-VALUE}.")
    int units;

    @Option(names = "--steps", defaultValue = "2000", description = "Timed steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--warmup", defaultValue = "1000", description = "Untimed warm-up steps. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (units < 2 || steps < 1 || warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "expected --units >= 2, --steps >= 1 and --warmup >= 0");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(units, Initialisation.LAZY_EXPONENT, rng)), 1e-2, 0, rng);
        RecurrentWeights w = net.recurrent();
        // a tiny learning rate keeps W where it started, so every timed step does the same work
        GradientDescent gd = new GradientDescent(1e-6);
        double sink = 0;
        for (int t = 0; t < warmup; t++) {
            sink += step(net, w, gd);
        }
        long start = System.nanoTime();
        for (int t = 0; t < steps; t++) {
            sink += step(net, w, gd);
        }
        double ms = (System.nanoTime() - start) / 1e6 / steps;
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT,
                "{\"benchmark\":\"static\",\"units\":%d,\"steps\":%d,\"msPerStep\":%.4f,\"meanLoss\":%.6g}",
                units, steps, ms, sink / (warmup + steps)));
        out.flush();
        return 0;
    }

    private static double step(StaticGaussianNetwork net, RecurrentWeights w, GradientDescent gd) {
        double l = net.backward().total();
        gd.step(w.parameters());
        w.refresh();
        return l;
    }
}
