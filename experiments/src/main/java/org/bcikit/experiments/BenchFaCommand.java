package org.bcikit.experiments;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.JsonFiles;
import org.bcikit.manifold.FactorAnalysis;
import org.bcikit.manifold.FactorModel;
import org.ejml.data.DMatrixRMaj;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bcikit bench fa DATA.npy}: times {@link FactorAnalysis#fit} (covariance, EM, everything
 * from the samples to the model) on one thread and prints one JSON line with the fields of
 * {@code shared/bench/fa_sklearn.py}, so the two can be run side by side on the same file.
 * The JVM compiles the hot loops during the first fits; {@code --warmup} untimed fits come first
 * so the timed ones measure compiled code (set it to 0 to see a cold start).
 */
@Command(name = "fa", mixinStandardHelpOptions = true, versionProvider = Bcikit.Version.class,
        description = "Factor-analysis fit time on a samples x units .npy matrix (as shared/bench/fa_sklearn.py).")
public final class BenchFaCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA.npy", description = "A samples x units float .npy matrix.")
    Path file;

    @Option(names = "--dims", defaultValue = "10", description = "Number of factors. Default: ${DEFAULT-VALUE}.")
    int dims;

    @Option(names = "--reps", defaultValue = "3", description = "Timed fits. Default: ${DEFAULT-VALUE}.")
    int reps;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed fits first (JIT warm-up). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--tol", defaultValue = "1e-8",
            description = "Relative log-likelihood gain at which EM stops. Default: ${DEFAULT-VALUE}.")
    double tolerance;

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
        DMatrixRMaj x = SamplesFile.readMatrix(file);
        FactorAnalysis fa;
        try {
            fa = new FactorAnalysis(dims).withTolerance(tolerance);
        } catch (InvalidInputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dims: " + e.getMessage());
        }
        double[] seconds = new double[reps];
        FactorModel model = null;
        try {
            for (int r = 0; r < warmup; r++) {
                fa.fit(x);
            }
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                model = fa.fit(x);
                seconds[r] = (System.nanoTime() - t0) / 1e9;
            }
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = reps % 2 == 1 ? sorted[reps / 2] : 0.5 * (sorted[reps / 2 - 1] + sorted[reps / 2]);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("library", "bcikit " + Bcikit.version() + " (Java " + Runtime.version().feature() + ", EM on the covariance"
                + (fa.accelerated() ? " + SQUAREM" : "") + ")");
        json.put("fit_seconds_median", median);
        json.put("fit_seconds_min", sorted[0]);
        json.put("loglik_per_sample", model.logLikelihoodPerSample());
        json.put("n_iter", model.iterations());
        json.put("converged", model.converged());
        json.put("fit_seconds", seconds);
        json.put("warmup", warmup);
        json.put("tol", tolerance);
        String line = JsonFiles.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json);
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
