package org.bcikit.experiments.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.bcikit.data.io.JsonFiles;
import org.bcikit.data.random.GaussianFill;
import org.bcikit.experiments.cli.options.VersionProvider;
import org.bcikit.rnn.kernels.BatchedFixedPointTrainer.Gradient;
import org.bcikit.rnn.kernels.BatchedFixedPointTrainer;
import org.bcikit.rnn.kernels.FloatKernels;
import org.bcikit.rnn.kernels.ScalarFloatKernels;
import org.bcikit.rnn.learning.Adam;
import org.bcikit.rnn.model.Activation;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.FixedPointRnn;
import org.bcikit.rnn.model.FixedPointSolution;
import org.bcikit.rnn.model.TrainingGuard;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bcikit bench ratenet}: the training-loop workload of {@code ../shared/bench/ratenet_torch.py}
 * — a 100-unit tanh fixed-point network, 10 inputs, batch 256, fixed 2 x 100 readout, loss
 * {@code mean_s |D h* - y_s|^2} against a teacher network of the same form, Adam (lr 1e-3) on W, U
 * and b for 200 timed steps after 5 untimed ones — in the script's three variants (exact linear
 * solve, 30 unrolled tanh iterations, implicit gradient), one thread, float32
 * ({@link BatchedFixedPointTrainer}). Prints one JSON line per variant with the script's figures
 * (ms per step median and mean, total seconds, first and last loss, mean forward iterations).
 *
 * <p>Same sizes, initial scales and stopping rules as the script; the random numbers differ
 * (Java's generator, not torch's), so losses agree in size, not digits. Before the measured run of
 * each variant, a throwaway copy of the network trains for {@code --jit-warmup} steps so the
 * JIT has compiled the loop (PyTorch's kernels are compiled ahead of time).
 */
@Command(name = "ratenet", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Fixed-point rate network training step (linear / unrolled / implicit), as ../shared/bench/ratenet_torch.py.")
public final class RateNetBenchCommand implements Callable<Integer> {

    static final int UNITS = 100;
    static final int INPUTS = 10;
    static final int OUTPUTS = 2;

    @Option(names = "--steps", defaultValue = "200", description = "Timed steps per variant. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--variants", split = ",", defaultValue = "linear,unrolled,implicit",
            description = "Comma-separated subset of linear, unrolled, implicit. Default: ${DEFAULT-VALUE}.")
    List<String> variants;

    @Option(names = "--jit-warmup", defaultValue = "100",
            description = "Untimed steps on a copy of the network before each variant's run. Default: ${DEFAULT-VALUE}.")
    int jitWarmup;

    @Option(names = "--kernels", defaultValue = "auto",
            description = "auto (SIMD when the JVM has jdk.incubator.vector, as bin/bcikit bench gives it) or plain. "
                    + "Default: ${DEFAULT-VALUE}.")
    String kernelChoice;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || batch < 1 || jitWarmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--steps and --batch must be >= 1, --jit-warmup >= 0");
        }
        FloatKernels kernels;
        if (kernelChoice.equals("auto")) {
            kernels = FloatKernels.best();
        } else if (kernelChoice.equals("plain")) {
            kernels = new ScalarFloatKernels();
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kernels: expected auto or plain, got " + kernelChoice);
        }
        List<Gradient> modes = new ArrayList<>();
        for (String v : variants) {
            switch (v.trim()) {
                case "linear" -> modes.add(Gradient.LINEAR_SOLVE);
                case "unrolled" -> modes.add(Gradient.UNROLLED);
                case "implicit" -> modes.add(Gradient.IMPLICIT);
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--variants: expected linear, unrolled or implicit, got '" + v + "'");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("bcikit bench ratenet: N=" + UNITS + " batch=" + batch + " steps=" + steps + " float32, one thread, kernels: "
                + kernels.name());
        err.flush();
        for (Gradient mode : modes) {
            Map<String, Object> line = run(mode, kernels, err);
            out.println(JsonFiles.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
            out.flush();
        }
        return 0;
    }

    private Map<String, Object> run(Gradient mode, FloatKernels kernels, PrintWriter err) {
        SplittableRandom gen = new SplittableRandom(seed);
        DMatrixRMaj readout = gaussian(OUTPUTS, UNITS, 1.0 / Math.sqrt(UNITS), gen);
        FixedPointRnn teacher = network(0.8, gen.split());
        FixedPointRnn net = network(0.5, new SplittableRandom(seed + 1));
        if (jitWarmup > 0) {
            err.println("  " + name(mode) + ": " + jitWarmup + " JIT warm-up steps");
            err.flush();
            train(net.copy(), teacher, readout, mode, kernels, jitWarmup, 0, new SplittableRandom(seed + 3));
        }
        Result r = train(net, teacher, readout, mode, kernels, steps + 5, 5, new SplittableRandom(seed + 2));
        double[] sorted = r.times.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(r.times).sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", "ratenet");
        m.put("variant", name(mode));
        m.put("impl", "bcikit");
        m.put("dtype", "float32");
        m.put("threads", 1);
        m.put("kernels", kernels.name());
        m.put("N", UNITS);
        m.put("batch", batch);
        m.put("steps", steps);
        m.put("ms_per_step_median", round(sorted[sorted.length / 2] * 1e3));
        m.put("ms_per_step_mean", round(total / r.times.length * 1e3));
        m.put("total_s", round(total));
        m.put("loss_first", round(r.losses[0]));
        m.put("loss_last", round(r.losses[r.losses.length - 1]));
        m.put("fwd_iters_mean", round(r.meanIterations));
        return m;
    }

    private record Result(double[] times, double[] losses, double meanIterations) {
    }

    /** Steps of Adam; the first {@code untimed} are not measured (as the torch script's warm-up). */
    private Result train(FixedPointRnn net, FixedPointRnn teacher, DMatrixRMaj readout, Gradient mode, FloatKernels kernels,
            int total, int untimed, SplittableRandom data) {
        BatchedFixedPointTrainer trainer = new BatchedFixedPointTrainer(net, readout, batch, mode, 30, 1e-6, 200, kernels);
        Adam adam = new Adam(1e-3);
        TrainingGuard guard = TrainingGuard.defaults();
        DMatrixRMaj x = new DMatrixRMaj(batch, INPUTS);
        DMatrixRMaj y = new DMatrixRMaj(batch, OUTPUTS);
        DMatrixRMaj teacherLinear = mode == Gradient.LINEAR_SOLVE ? linearResponse(teacher) : null;
        DMatrixRMaj h = new DMatrixRMaj(batch, UNITS);
        double[] times = new double[total - untimed];
        double[] losses = new double[total - untimed];
        double iterations = 0;
        for (int step = 0; step < total; step++) {
            GaussianFill.fill(x.data, 1, data);
            targets(teacher, teacherLinear, readout, x, h, y, step);
            long t0 = System.nanoTime();
            double loss = trainer.step(x, y);
            guard.checkLoss(step, loss);
            if (mode == Gradient.IMPLICIT) {
                checkConverged(step, trainer.lastForward(), "forward");
                checkConverged(step, trainer.lastAdjoint(), "adjoint");
            }
            adam.step(net.parameters());
            net.refresh();
            long t1 = System.nanoTime();
            if (step >= untimed) {
                times[step - untimed] = (t1 - t0) * 1e-9;
                losses[step - untimed] = loss;
                iterations += mode == Gradient.LINEAR_SOLVE ? 0 : trainer.lastForward().iterations();
            }
        }
        return new Result(times, losses, iterations / times.length);
    }

    private static void checkConverged(long step, FixedPointSolution.Diagnostics d, String which) {
        if (!d.converged()) {
            throw new org.bcikit.rnn.model.TrainingStopped(step, org.bcikit.rnn.model.TrainingStopped.Reason.NOT_CONVERGED,
                    String.format(Locale.ROOT, "%s iteration: change %.3g after %d iterations", which, d.residual(), d.iterations()));
        }
    }

    /** y = D h_teacher(x): the linear teacher for the linear variant, the tanh fixed point otherwise. */
    private void targets(FixedPointRnn teacher, DMatrixRMaj linear, DMatrixRMaj readout, DMatrixRMaj x, DMatrixRMaj h,
            DMatrixRMaj y, int step) {
        if (linear != null) {
            // h = (I - W)^-1 (U x + b), batch-major: H = (X U^T + 1 b^T) M^T
            DMatrixRMaj drive = new DMatrixRMaj(batch, UNITS);
            CommonOps_DDRM.multTransB(x, teacher.inputWeights().value(), drive);
            CommonOps_DDRM.multTransB(drive, linear, h);
        } else {
            FixedPointSolution s = teacher.solve(x);
            TrainingGuard.defaults().checkFixedPoint(step, s);
            h.setTo(s.states());
        }
        CommonOps_DDRM.multTransB(h, readout, y);
    }

    /** (I - W)^-1 of the teacher (its bias is 0). */
    private static DMatrixRMaj linearResponse(FixedPointRnn teacher) {
        DMatrixRMaj m = CommonOps_DDRM.identity(UNITS);
        CommonOps_DDRM.subtractEquals(m, teacher.recurrent().effective());
        if (!CommonOps_DDRM.invert(m)) {
            throw new IllegalStateException("teacher I - W is singular");
        }
        return m;
    }

    /** W ~ N(0, 1) radius / sqrt(N), U ~ N(0, 1) / sqrt(inputs), b = 0, as the torch script. */
    private static FixedPointRnn network(double radius, SplittableRandom rng) {
        DMatrixRMaj w = gaussian(UNITS, UNITS, radius / Math.sqrt(UNITS), rng);
        DMatrixRMaj u = gaussian(UNITS, INPUTS, 1.0 / Math.sqrt(INPUTS), rng);
        return new FixedPointRnn(new DenseWeights(w), u, new DMatrixRMaj(UNITS, 1), Activation.TANH,
                FixedPointRnn.Settings.defaults().withTolerance(1e-6).withMaxIterations(200));
    }

    private static DMatrixRMaj gaussian(int rows, int cols, double scale, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        GaussianFill.fill(m.data, scale, rng);
        return m;
    }

    private static String name(Gradient mode) {
        return switch (mode) {
            case LINEAR_SOLVE -> "linear";
            case UNROLLED -> "unrolled";
            case IMPLICIT -> "implicit";
        };
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
