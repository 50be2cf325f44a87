package org.bcikit.experiments.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;

import org.bcikit.data.random.Shuffle;
import org.bcikit.experiments.cli.options.VersionProvider;
import org.bcikit.rnn.adaptation.StabilityCheck;
import org.bcikit.rnn.adaptation.StaticBciSetup;
import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.RecurrentWeights;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.bcikit.rnn.model.WoodburyDescent;
import org.ejml.data.DMatrixRMaj;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bcikit bench static}: the cost of one exact-gradient step of the static linear-Gaussian
 * network and of its stability check, the inner loop of the {@code lazy-rich} and
 * {@code learning-rate} experiments, on the old path (LU factorisations every step, an
 * eigen-decomposition every 10 steps) and the new one ({@link WoodburyDescent},
 * {@link StabilityCheck}). Both adapt the same trained lazy network to a readout with permuted
 * columns (an outside-manifold-like perturbation) at the given learning rate, so W moves as in an
 * experiment. Prints one JSON line with the milliseconds per step.
 */
@Command(name = "static", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Milliseconds per exact-GD step and per-step stability-check cost of the static "
                + "linear-Gaussian network, old and new path (one JSON line).")
public final class StaticBenchCommand implements Callable<Integer> {

    private static final int CHECK_EVERY = 10;

    @Option(names = "--units", defaultValue = "100", description = "Number of units N. Default: ${DEFAULT-VALUE}.")
    int units;

    @Option(names = "--steps", defaultValue = "2000", description = "Timed steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--warmup", defaultValue = "1000", description = "Untimed warm-up steps. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--learning-rate", defaultValue = "0.001",
            description = "GD learning rate of the timed steps. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (units < 7 || steps < 1 || warmup < 0 || !(learningRate > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "expected --units >= 7, --steps >= 1, --warmup >= 0 and --learning-rate > 0");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        StaticGaussianNetwork untrained = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(units, Initialisation.LAZY_EXPONENT, rng)), 1e-2, 0, rng);
        StaticGaussianNetwork start = StaticBciSetup.prepare(untrained, new GradientDescent(1e-2), 500, 6).network();
        start.setReadout(permutedColumns(start.readout(), rng));

        double[] old = new double[3];
        double[] now = new double[3];
        oldPath(start.copy(), warmup, old);
        oldPath(start.copy(), steps, old);
        newPath(start.copy(), warmup, now);
        StabilityCheck check = newPath(start.copy(), steps, now);
        int[] counts = check.counts();
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "{\"benchmark\":\"static\",\"units\":%d,\"steps\":%d,"
                + "\"learningRate\":%g,\"msPerStep\":%.4f,\"msPerStepOld\":%.4f,\"checkMsPerStep\":%.4f,"
                + "\"checkMsPerStepOld\":%.4f,\"checksByBound\":%d,\"checksByCertificate\":%d,"
                + "\"checksDecomposed\":%d,\"checksByTrackedCertificate\":%d,\"meanLoss\":%.6g,\"meanLossOld\":%.6g}",
                units, steps, learningRate, now[0] / steps, old[0] / steps, now[1] / steps, old[1] / steps,
                counts[0], counts[1], counts[2], check.trackedCertificates(), now[2] / steps, old[2] / steps));
        out.flush();
        return 0;
    }

    /** LU factorisations every step and a decomposition every 10 steps; sets ms (step, check) and loss. */
    private void oldPath(StaticGaussianNetwork net, int n, double[] totals) {
        RecurrentWeights w = net.recurrent();
        GradientDescent gd = new GradientDescent(learningRate);
        time(n, totals, () -> EigenvalueSpectrum.of(w.effective()).spectralRadius(), () -> {
            double l = net.backward().total();
            gd.step(w.parameters());
            w.refresh();
            return l;
        }, () -> { });
    }

    /** The Woodbury step and the bounded check every 10 steps; sets ms (step, check) and loss. */
    private StabilityCheck newPath(StaticGaussianNetwork net, int n, double[] totals) {
        WoodburyDescent step = new WoodburyDescent(net, learningRate, 50);
        StabilityCheck check = new StabilityCheck();
        DMatrixRMaj w = net.recurrent().effective();
        time(n, totals, () -> check.check(w, false), () -> {
            double l = step.evaluate().total();
            step.update();
            return l;
        }, () -> check.stepped(learningRate, step.gradientLeft(), step.gradientRight(), w));
        return check;
    }

    /**
     * {@code n} steps with a check (a radius, NaN when certified) every 10; totals = ms of the
     * steps, ms of the checks (with {@code follow}, which keeps the check's certificate up to date
     * after each step), summed loss.
     */
    private static void time(int n, double[] totals, DoubleSupplier check, DoubleSupplier step, Runnable follow) {
        double stepMs = 0;
        double checkMs = 0;
        double loss = 0;
        for (int t = 0; t < n; t++) {
            long a = System.nanoTime();
            if (t % CHECK_EVERY == 0) {
                double r = check.getAsDouble();
                if (!Double.isNaN(r) && !(r < 1)) {
                    throw new ArithmeticException("bench static: W became unstable at step " + t
                            + "; lower --learning-rate");
                }
            }
            long b = System.nanoTime();
            loss += step.getAsDouble();
            long c = System.nanoTime();
            follow.run();
            long d = System.nanoTime();
            checkMs += (b - a + d - c) / 1e6;
            stepMs += (c - b) / 1e6;
        }
        totals[0] = stepMs;
        totals[1] = checkMs;
        totals[2] = loss;
    }

    private static DMatrixRMaj permutedColumns(DMatrixRMaj v, SplittableRandom rng) {
        int n = v.numCols;
        int[] perm = Shuffle.permutation(n, rng);
        DMatrixRMaj out = new DMatrixRMaj(v.numRows, n);
        for (int r = 0; r < v.numRows; r++) {
            for (int c = 0; c < n; c++) {
                out.set(r, c, v.get(r, perm[c]));
            }
        }
        return out;
    }
}
