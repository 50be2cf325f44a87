package org.bcikit.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.data.npy.NpyArray;
import org.bcikit.experiments.cli.options.VersionProvider;
import org.bcikit.manifold.fa.Dimensionality;
import org.bcikit.manifold.fa.DimensionalitySearch;
import org.bcikit.manifold.fa.FactorAnalysis;
import org.bcikit.manifold.fa.FactorModel;
import org.bcikit.manifold.moments.Covariance;
import org.bcikit.manifold.moments.SampleMoments;
import org.ejml.data.DMatrixRMaj;

import org.bcikit.experiments.cli.options.ExampleOption;
import org.bcikit.experiments.cli.options.RecordingOptions;
import org.bcikit.experiments.cli.options.SamplesFile;
import org.bcikit.experiments.figures.Figures;
import org.bcikit.experiments.figures.ManifoldFigures;
import org.bcikit.experiments.results.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code bcikit manifold fit FILE}: fits factor analysis to a recording's binned counts (or any
 * samples x units matrix) and writes the model as JSON; with {@code --dims auto} the number of
 * factors is chosen by k-fold cross-validated log-likelihood (science.md section 3).
 */
@Command(name = "fit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Fit factor analysis (EM on the covariance) to FILE's samples x units; choose d by "
                + "cross-validation with --dims auto. Writes the model as JSON; --plot adds figures.")
public final class ManifoldFitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE",
            arity = "0..1", description = "A recording (.csv, .npy, .nwb, .mat) or a plain samples x units .npy matrix; "
                    + "or give --example NAME.")
    Path file;

    @Mixin
    ExampleOption example;

    /** What outputs call the input: FILE as given or {@code example:NAME}. */
    private String source;

    @Option(names = "--dims", paramLabel = "K|auto", defaultValue = "auto",
            description = "Number of factors, or auto for the cross-validated choice. Default: ${DEFAULT-VALUE}.")
    String dims;

    @Option(names = "--zscore", description = "Fit on z-scored units (the rig convention, Sigma_u = diag(1/std)).")
    boolean zScore;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds for --dims auto. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--max-dims", defaultValue = "20",
            description = "Largest d tried by --dims auto (capped at units - 1). Default: ${DEFAULT-VALUE}.")
    int maxDims;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the fold assignment (and of --init random). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--tol", defaultValue = "1e-8",
            description = "Stop when an EM step gains less than this fraction of the gain so far. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--min-var-frac", paramLabel = "F", defaultValue = "0.01",
            description = "Floor on each private variance as a fraction of that unit's variance (Heywood cases); "
                    + "0 = scikit-learn's model, no floor. Default: ${DEFAULT-VALUE}.")
    double minVarFrac;

    @Option(names = "--profile-steps",
            description = "End EM with profile steps: the exact loadings for the current private variances, "
                    + "then the variances they leave, while the likelihood rises (as scikit-learn iterates).")
    boolean profileSteps;

    @Option(names = "--init", defaultValue = "pca", description = "pca (the leading eigenvectors of the covariance by subspace iteration), "
            + "pca-full (the same start from the full eigendecomposition, slower) or random. Default: ${DEFAULT-VALUE}.")
    String init;

    @Option(names = "--drop-silent", description = "Exclude units that never vary (reported by unit id) instead of failing.")
    boolean dropSilent;

    @CommandLine.Mixin
    RecordingOptions reading = new RecordingOptions();

    @Option(names = "--out", defaultValue = "bcikit-out/manifold/model.json",
            description = "The model as JSON; figures go beside it. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--plot", description = "Also write the cross-validation curve and the shared-variance spectrum "
            + "(PNG and SVG) beside the JSON.")
    boolean plot;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Integer fixedDims = parseDims();
        FactorAnalysis fa = configure();
        Path input = example.resolve(file, "FILE");
        source = example.reference(file, "FILE");
        if (fixedDims != null && SamplesFile.isPlainNpy(input, reading)
                && java.nio.file.Files.size(input) > streamBytes) {
            return streamed(input, fa.withDims(fixedDims), stdout, stderr);
        }
        SamplesFile data = SamplesFile.read(input, reading);
        try {
            Covariance.mean(data.samples()); // NaN/Inf, named by row and column, before anything else
        } catch (InvalidInputException e) {
            throw e.inFile(input);
        }
        List<String> dropped = new ArrayList<>();
        int[] silent = FactorAnalysis.silentUnits(data.samples());
        if (silent.length > 0) {
            if (!dropSilent) {
                throw InvalidInputException.in(input, silent.length + " unit(s) never vary (zero variance), so factor "
                        + "analysis cannot fit them: unit id(s) " + String.join(", ", data.ids(silent))
                        + "; pass --drop-silent to exclude them");
            }
            dropped = data.ids(silent);
            data = data.without(silent);
            stderr.println("bcikit manifold fit: dropped " + dropped.size() + " silent unit(s): " + String.join(", ", dropped));
        }
        DMatrixRMaj x = data.samples();
        stderr.println("bcikit manifold fit: " + x.numRows + " samples x " + x.numCols + " units from " + source);
        stderr.flush();
        Dimensionality dim = null;
        double cvSeconds = 0;
        FactorModel model;
        double fitSeconds;
        try {
            int d;
            if (fixedDims == null) {
                DimensionalitySearch search = new DimensionalitySearch(fa).withFolds(folds).withMaxDims(maxDims)
                        .withSeed(seed);
                long t0 = System.nanoTime();
                dim = search.search(x, message -> {
                    stderr.println("bcikit manifold fit: cross-validation " + message);
                    stderr.flush();
                });
                cvSeconds = (System.nanoTime() - t0) / 1e9;
                d = dim.bestDims();
            } else {
                d = fixedDims;
            }
            FactorAnalysis chosen = fa.withDims(d);
            long t0 = System.nanoTime();
            model = chosen.fit(x);
            fitSeconds = (System.nanoTime() - t0) / 1e9;
        } catch (InvalidInputException e) {
            throw e.inFile(input);
        }

        Map<String, Object> json = json(x.numRows, data.unitIds(), dropped, model, fitSeconds, dim, cvSeconds);
        JsonFiles.write(out, json);
        List<Path> written = new ArrayList<>(List.of(out));
        if (plot) {
            Path spectrum = sibling("-shared-variance");
            Figures.save(ManifoldFigures.sharedVariance(model, 0.95), spectrum);
            written.add(spectrum);
            if (dim != null) {
                Path cv = sibling("-cross-validation");
                Figures.save(ManifoldFigures.crossValidation(dim), cv);
                written.add(cv);
            }
            // the report shows the figures beside the model, so only --plot writes one
            written.add(HtmlReport.titled("bcikit manifold fit", String.format(Locale.ROOT,
                    "Factor analysis of %s: %d factor(s) %s.", source, model.dims(),
                    dim == null ? "(fixed)" : "by " + dim.folds() + "-fold cross-validated log-likelihood"))
                    .keyNumbers("Model", JsonFiles.mapper().valueToTree(json)).figures("Figures", "")
                    .write(out.getParent() == null ? Path.of("") : out.getParent()));
        }
        summary(stdout, x.numRows, x.numCols, model, fitSeconds, dim, cvSeconds, written);
        return 0;
    }

    /**
     * Plain {@code .npy} files larger than this many bytes are summarised in blocks of rows
     * ({@link SampleMoments#accumulator}) when {@code --dims} is fixed, so the samples are never
     * held: 10^6 bins x 1000 units take one 1000 x 1000 scatter. Smaller files are read whole,
     * as before, so their numbers do not change.
     */
    static long streamBytes = 256L << 20;

    /** Rows per block when streaming. */
    private static final int STREAM_ROWS = 4096;

    /** {@code --dims K} on a large plain {@code .npy}: fits the moments accumulated block by block. */
    private Integer streamed(Path input, FactorAnalysis fa, PrintWriter stdout, PrintWriter stderr) throws IOException {
        SampleMoments.Accumulator[] acc = {null};
        try {
            NpyArray.readRowBlocks(input, STREAM_ROWS, (values, rows, cols) -> {
                if (acc[0] == null) {
                    acc[0] = SampleMoments.accumulator(cols);
                }
                acc[0].add(values, rows);
            });
        } catch (InvalidInputException e) {
            throw e.inFile(input);
        }
        if (acc[0] == null || acc[0].count() == 0) {
            throw InvalidInputException.in(input, "expected at least one sample, found none");
        }
        SampleMoments moments = acc[0].moments();
        int q = moments.units();
        List<String> ids = new ArrayList<>();
        List<Integer> silent = new ArrayList<>();
        for (int i = 0; i < q; i++) {
            ids.add(Integer.toString(i));
            if (moments.covarianceView().unsafe_get(i, i) == 0) {
                silent.add(i);
            }
        }
        List<String> dropped = new ArrayList<>();
        if (!silent.isEmpty()) {
            List<String> names = silent.stream().map(String::valueOf).toList();
            if (!dropSilent) {
                throw InvalidInputException.in(input, silent.size() + " unit(s) never vary (zero variance), so factor "
                        + "analysis cannot fit them: unit id(s) " + String.join(", ", names)
                        + "; pass --drop-silent to exclude them");
            }
            dropped = names;
            int[] keep = java.util.stream.IntStream.range(0, q).filter(i -> !silent.contains(i)).toArray();
            DMatrixRMaj c = new DMatrixRMaj(keep.length, keep.length);
            double[] m = new double[keep.length];
            double[] all = moments.mean();
            for (int a = 0; a < keep.length; a++) {
                m[a] = all[keep[a]];
                for (int b = 0; b < keep.length; b++) {
                    c.unsafe_set(a, b, moments.covarianceView().unsafe_get(keep[a], keep[b]));
                }
            }
            moments = new SampleMoments(moments.count(), m, c);
            ids = java.util.Arrays.stream(keep).mapToObj(Integer::toString).toList();
            stderr.println("bcikit manifold fit: dropped " + dropped.size() + " silent unit(s): " + String.join(", ", dropped));
        }
        stderr.println("bcikit manifold fit: " + moments.count() + " samples x " + moments.units() + " units from "
                + source + " (read in blocks of " + STREAM_ROWS + " rows)");
        stderr.flush();
        FactorModel model;
        double fitSeconds;
        try {
            long t0 = System.nanoTime();
            model = fa.fit(moments);
            fitSeconds = (System.nanoTime() - t0) / 1e9;
        } catch (InvalidInputException e) {
            throw e.inFile(input);
        }
        Map<String, Object> json = json(moments.count(), ids, dropped, model, fitSeconds, null, 0);
        JsonFiles.write(out, json);
        List<Path> written = new ArrayList<>(List.of(out));
        if (plot) {
            Path spectrum = sibling("-shared-variance");
            Figures.save(ManifoldFigures.sharedVariance(model, 0.95), spectrum);
            written.add(spectrum);
        }
        summary(stdout, moments.count(), moments.units(), model, fitSeconds, null, 0, written);
        return 0;
    }

    private Integer parseDims() {
        if ("auto".equalsIgnoreCase(dims)) {
            if (folds < 2) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--folds: expected at least 2, found " + folds);
            }
            if (maxDims < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-dims: expected at least 1, found " + maxDims);
            }
            return null;
        }
        try {
            int d = Integer.parseInt(dims);
            if (d < 1) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--dims: expected a number of factors >= 1 or 'auto', found '" + dims + "'");
        }
    }

    private FactorAnalysis configure() {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tol: expected a number in (0, 1), found " + tolerance);
        }
        if (!(minVarFrac >= 0 && minVarFrac < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--min-var-frac: expected a fraction in [0, 1), found " + minVarFrac);
        }
        FactorAnalysis.Init how;
        switch (init.toLowerCase(Locale.ROOT)) {
            case "pca" -> how = FactorAnalysis.Init.PCA;
            case "pca-full" -> how = FactorAnalysis.Init.PCA_FULL;
            case "random" -> how = FactorAnalysis.Init.RANDOM;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--init: expected pca, pca-full or random, found '" + init + "'");
        }
        return new FactorAnalysis(1).withTolerance(tolerance).withInit(how).withSeed(seed).withZScore(zScore)
                .withMinVarianceFraction(minVarFrac).withProfileSteps(profileSteps);
    }

    private Path sibling(String suffix) {
        String name = out.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return out.resolveSibling(stem + suffix);
    }

    private Map<String, Object> json(int samples, List<String> unitIds, List<String> dropped, FactorModel model, double fitSeconds,
            Dimensionality dim, double cvSeconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", source);
        json.put("samples", samples);
        json.put("unitIds", unitIds);
        json.put("droppedUnits", dropped);
        json.put("dims", model.dims());
        json.put("logLikelihoodPerSample", model.logLikelihoodPerSample());
        json.put("iterations", model.iterations());
        json.put("converged", model.converged());
        json.put("fitSeconds", fitSeconds);
        json.put("zScored", zScore);
        json.put("mean", model.mean());
        json.put("scale", model.scale());
        json.put("loadings", rows(model.loadings()));
        json.put("privateVariances", model.privateVariances());
        json.put("sharedVariance", model.sharedVariance());
        json.put("sharedVarianceExplained", model.sharedVarianceExplained());
        json.put("dimsFor95PercentSharedVariance", model.dimsForSharedVariance(0.95));
        if (dim != null) {
            Map<String, Object> cv = new LinkedHashMap<>();
            cv.put("folds", dim.folds());
            cv.put("seed", dim.seed());
            cv.put("dims", dim.candidates());
            cv.put("logLikelihoodPerSample", dim.crossValidatedLogLikelihood());
            cv.put("bestDims", dim.bestDims());
            cv.put("sharedVarianceDims", dim.sharedVarianceDims());
            cv.put("seconds", cvSeconds);
            json.put("crossValidation", cv);
        }
        return json;
    }

    private static double[][] rows(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out[i][j] = m.unsafe_get(i, j);
            }
        }
        return out;
    }

    private void summary(PrintWriter stdout, int samples, int units, FactorModel model, double fitSeconds,
            Dimensionality dim, double cvSeconds, List<Path> written) {
        stdout.println(row("data", samples + " samples x " + units + " units" + (zScore ? ", z-scored" : "")));
        String how = dim == null ? "(fixed)"
                : String.format(Locale.ROOT, "(best of 1..%d by %d-fold cross-validation, seed %d, %.2f s)",
                        dim.candidates().length, dim.folds(), dim.seed(), cvSeconds);
        stdout.println(row("dims", model.dims() + " " + how));
        stdout.println(row("shared", String.format(Locale.ROOT, "95%% of shared variance in %d dimension(s)",
                model.dimsForSharedVariance(0.95))));
        stdout.println(row("loglik", String.format(Locale.ROOT, "%.8f per sample (%d EM iterations, %s)",
                model.logLikelihoodPerSample(), model.iterations(), model.converged() ? "converged" : "NOT converged")));
        stdout.println(row("fit", String.format(Locale.ROOT, "%.3f s", fitSeconds)));
        List<String> names = new ArrayList<>();
        for (Path p : written) {
            names.add(p.equals(out) || p.getFileName().toString().equals(HtmlReport.FILE) ? p.toString() : p + ".png/.svg");
        }
        stdout.println(row("wrote", String.join(", ", names)));
        stdout.flush();
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-7s %s", label, value);
    }
}
