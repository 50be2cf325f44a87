package org.bcikit.experiments.cli.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.bcikit.data.InvalidInputException;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.experiments.api.BuildInfo;
import org.bcikit.experiments.cli.options.VersionProvider;
import org.bcikit.manifold.fa.FactorAnalysis;
import org.bcikit.manifold.fa.FactorModel;
import org.bcikit.manifold.moments.Covariance;
import org.bcikit.manifold.moments.LeadingEigen;
import org.ejml.data.DMatrixRMaj;

import org.bcikit.experiments.cli.options.SamplesFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code bcikit bench fa DATA.npy}: times {@link FactorAnalysis#fit} (covariance, EM, everything
 * from the samples to the model) and prints one JSON line with the fields of
 * {@code shared/bench/fa_sklearn.py}, so the two can be run side by side on the same file. The
 * covariance pass of a large matrix and EM's large S A products spread over the common
 * fork-join pool (all cores; {@code -XX:ActiveProcessorCount=1} keeps it on one), and
 * {@code fit_cpu_seconds_median} counts the calling thread only. {@code --min-var-frac 0} fits
 * scikit-learn's model (no Heywood floor).
 * The JVM compiles the hot loops in background threads during the first fits, and until it has
 * finished those threads compete with the fit for the cores (on a loaded 2-core machine the
 * first few fits took 4-8 times their later wall time). {@code --warmup} untimed fits come first
 * and then more until one of them runs with the compiler idle, so the timed ones measure compiled
 * code without compiler threads competing; {@code --warmup 0} times a cold start. After the timed
 * fits, {@code stages} times the same number of fits stage by stage (means, covariance, PCA start,
 * EM) in wall and process CPU seconds, with EM's iteration count and the covariance kernel used.
 */
@Command(name = "fa", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Factor-analysis fit time on a samples x units .npy matrix (as shared/bench/fa_sklearn.py).")
public final class BenchFaCommand implements Callable<Integer> {

    /** Upper bound on warm-up fits while waiting for the JIT compiler to go idle. */
    static final int MAX_WARMUP = 100;

    @Parameters(index = "0", paramLabel = "DATA.npy", description = "A samples x units float .npy matrix.")
    Path file;

    @Option(names = "--dims", defaultValue = "10", description = "Number of factors. Default: ${DEFAULT-VALUE}.")
    int dims;

    @Option(names = "--reps", defaultValue = "3", description = "Timed fits. Default: ${DEFAULT-VALUE}.")
    int reps;

    @Option(names = "--warmup", defaultValue = "10",
            description = "Untimed fits first, then more until one runs with the JIT compiler idle (at most 100); "
                    + "0 times a cold start. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--tol", defaultValue = "1e-8",
            description = "Relative log-likelihood gain at which EM stops. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--min-var-frac", paramLabel = "F", defaultValue = "0.01",
            description = "Floor on each private variance as a fraction of that unit's variance; "
                    + "0 = scikit-learn's model, no floor. Default: ${DEFAULT-VALUE}.")
    double minVarFrac;

    @Option(names = "--profile-steps",
            description = "End EM with profile steps (exact loadings for the current private variances; "
                    + "FactorAnalysis#withProfileSteps).")
    boolean profileSteps;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (reps < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reps: expected at least 1, found " + reps);
        }
        if (warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup: expected 0 or more, found " + warmup);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tol: expected a number in (0, 1), found " + tolerance);
        }
        if (!(minVarFrac >= 0 && minVarFrac < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--min-var-frac: expected a fraction in [0, 1), found " + minVarFrac);
        }
        DMatrixRMaj x = SamplesFile.readMatrix(file);
        FactorAnalysis fa;
        try {
            fa = new FactorAnalysis(dims).withTolerance(tolerance).withMinVarianceFraction(minVarFrac)
                    .withProfileSteps(profileSteps);
        } catch (InvalidInputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dims: " + e.getMessage());
        }
        int warmed;
        double[] seconds = new double[reps];
        double[] cpuSeconds = new double[reps];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        FactorModel model = null;
        try {
            warmed = warmUp(fa, x);
            for (int r = 0; r < reps; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                model = fa.fit(x);
                seconds[r] = (System.nanoTime() - t0) / 1e9;
                cpuSeconds[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            }
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
        Map<String, Object> stages = stages(fa, x);
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("library", "bcikit " + BuildInfo.version() + " (Java " + Runtime.version().feature() + ", EM on the covariance"
                + (fa.accelerated() ? " + SQUAREM" : "") + ")");
        json.put("fit_seconds_median", median(seconds));
        json.put("fit_seconds_min", sorted[0]);
        json.put("loglik_per_sample", model.logLikelihoodPerSample());
        json.put("n_iter", model.iterations());
        json.put("converged", model.converged());
        json.put("fit_seconds", seconds);
        // CPU time of the fitting thread: what the fit costs when other processes share the cores
        json.put("fit_cpu_seconds_median", median(cpuSeconds));
        json.put("warmup", warmed);
        json.put("stages", stages);
        json.put("tol", tolerance);
        json.put("min_var_frac", minVarFrac);
        json.put("profile_steps", profileSteps);
        String line = JsonFiles.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json);
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * At least {@code warmup} untimed fits, then more until one runs with the JIT compiler idle
     * (its total compilation time unchanged), at most {@link #MAX_WARMUP} in all. Returns the count.
     * The JVM only adds a compilation's time when it finishes, so with background compilation a
     * long compile still under way goes unseen; with {@code -Xbatch} (compilation in the calling
     * thread) the test is exact.
     */
    private int warmUp(FactorAnalysis fa, DMatrixRMaj x) {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean watch = warmup > 0 && jit != null && jit.isCompilationTimeMonitoringSupported();
        int count = 0;
        while (count < warmup || (watch && count < MAX_WARMUP)) {
            long before = watch ? jit.getTotalCompilationTime() : 0;
            fa.fit(x);
            count++;
            if (count >= warmup && (!watch || jit.getTotalCompilationTime() == before)) {
                break;
            }
        }
        return count;
    }

    /**
     * Per-stage medians over {@code reps} more fits done stage by stage, as {@link FactorAnalysis#fit}
     * does them: the means, the covariance pass, the PCA start (the leading eigenvectors) and the
     * rest (the start again and EM, less the start's own time). Wall seconds and the process's
     * CPU seconds (all threads, JIT and GC included), which on a loaded machine say more than the
     * wall time about the parallel covariance pass.
     */
    private Map<String, Object> stages(FactorAnalysis fa, DMatrixRMaj x) {
        String[] names = {"mean", "covariance", "init", "em"};
        double[][] wall = new double[names.length][reps];
        double[][] cpu = new double[names.length][reps];
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        int iterations = 0;
        for (int r = 0; r < reps; r++) {
            long[] t = new long[5];
            long[] c = new long[5];
            t[0] = System.nanoTime();
            c[0] = os.getProcessCpuTime();
            double[] mean = Covariance.mean(x);
            t[1] = System.nanoTime();
            c[1] = os.getProcessCpuTime();
            DMatrixRMaj s = Covariance.of(x, mean);
            t[2] = System.nanoTime();
            c[2] = os.getProcessCpuTime();
            LeadingEigen.of(s, fa.dims());
            t[3] = System.nanoTime();
            c[3] = os.getProcessCpuTime();
            iterations = fa.fitCovariance(s, mean, x.numRows).iterations();
            t[4] = System.nanoTime();
            c[4] = os.getProcessCpuTime();
            for (int k = 0; k < 3; k++) {
                wall[k][r] = (t[k + 1] - t[k]) / 1e9;
                cpu[k][r] = (c[k + 1] - c[k]) / 1e9;
            }
            wall[3][r] = (t[4] - t[3] - (t[3] - t[2])) / 1e9;
            cpu[3][r] = (c[4] - c[3] - (c[3] - c[2])) / 1e9;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            out.put(names[k] + "_seconds_median", median(wall[k]));
            out.put(names[k] + "_cpu_seconds_median", median(cpu[k]));
        }
        out.put("em_iterations", iterations);
        out.put("covariance_kernel", Covariance.kernelName());
        return out;
    }

    private static double median(double[] values) {
        return new Median().withEstimationType(Percentile.EstimationType.R_2).evaluate(values);
    }
}
