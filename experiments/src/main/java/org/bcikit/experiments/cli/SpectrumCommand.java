package org.bcikit.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.bcikit.data.io.JsonFiles;
import org.bcikit.experiments.cli.options.VersionProvider;
import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.analysis.SingularValueSpectrum;
import org.bcikit.rnn.dale.ColEiWeights;
import org.bcikit.rnn.dale.DaleInitialisation;
import org.bcikit.rnn.dale.DannWeights;
import org.bcikit.rnn.model.Initialisation;
import org.ejml.data.DMatrixRMaj;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.statistics.HistogramDataset;

import org.bcikit.experiments.figures.Figures;
import org.bcikit.experiments.results.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bcikit spectrum}: draws one recurrent matrix with a published initialisation (ColEI,
 * DANN or a standard Gaussian network), prints its normalised SVD entropy (Li et al. NeurIPS
 * 2023) and writes the singular-value histogram (PNG + SVG) and the numbers (JSON). A quick way to
 * see how dispersed an initialisation's spectrum is before training with it.
 */
@Command(name = "spectrum", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Singular-value spectrum and normalised SVD entropy (NSE) of an initial recurrent matrix: "
                + "ColEI or DANN (Dale's law) or standard.")
public final class SpectrumCommand implements Callable<Integer> {

    /** The recurrent structures the command can draw. */
    enum Model { colei, dann, standard }

    @Option(names = "--model", defaultValue = "colei",
            description = "colei (W = W+ diag(s), Song et al. 2016), dann (W = W_EE - W_EI W_IE, Cornford et al. 2021) "
                    + "or standard (Gaussian). Default: ${DEFAULT-VALUE}.")
    Model model;

    @Option(names = "--units", defaultValue = "100",
            description = "Number of units N (for dann: excitatory principal units). Default: ${DEFAULT-VALUE}.")
    int units;

    @Option(names = "--inhibitory-fraction", defaultValue = "0.1",
            description = "Fraction of inhibitory units nI/(nE+nI), in (0, 1); ignored for standard. Default: ${DEFAULT-VALUE}.")
    double inhibitoryFraction;

    @Option(names = "--spectral-radius", defaultValue = "1.5",
            description = "Rescale W to this spectral radius (Li et al. use 1.5); 0 keeps the published scale. "
                    + "Default: ${DEFAULT-VALUE}.")
    double spectralRadius;

    @Option(names = "--bins", defaultValue = "40", description = "Histogram bins. Default: ${DEFAULT-VALUE}.")
    int bins;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", defaultValue = "bcikit-out/spectrum",
            description = "Output folder for singular-values.png/.svg and spectrum.json. Default: ${DEFAULT-VALUE}.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj w;
        String structure;
        int excitatory;
        int inhibitory;
        switch (model) {
            case colei: {
                ColEiWeights c = ColEiWeights.initialise(units, inhibitoryFraction, spectralRadius, rng);
                w = c.effective();
                excitatory = c.excitatory();
                inhibitory = c.inhibitory();
                structure = "ColEI, " + excitatory + " E + " + inhibitory + " I units";
                break;
            }
            case dann: {
                int nI = DaleInitialisation.interneuronCount(units, inhibitoryFraction);
                DannWeights d = DannWeights.initialise(units, nI, spectralRadius, rng);
                w = d.effective();
                excitatory = units;
                inhibitory = nI;
                structure = "DANN, " + units + " E units + " + nI + " interneurons";
                break;
            }
            default:
                w = Initialisation.standardGaussian(units, spectralRadius, rng);
                excitatory = 0;
                inhibitory = 0;
                structure = "standard, " + units + " units";
        }
        stderr.println("bcikit spectrum: decomposing a " + units + "x" + units + " matrix (" + structure + ")");
        stderr.flush();
        SingularValueSpectrum sv = SingularValueSpectrum.of(w);
        EigenvalueSpectrum eig = EigenvalueSpectrum.of(w);
        double nse = sv.normalisedSvdEntropy();
        double[] values = sv.values();

        stdout.println(structure + ", seed " + seed);
        stdout.println(String.format(Locale.ROOT, "NSE %.3f", nse));
        stdout.println(String.format(Locale.ROOT, "effective rank %.1f of %d", sv.effectiveRank(), values.length));
        stdout.println(String.format(Locale.ROOT, "singular values %.3g (max) .. %.3g (min)", values[0], values[values.length - 1]));
        stdout.println(String.format(Locale.ROOT, "spectral radius %.3f", eig.spectralRadius()));

        Path base = out.resolve("singular-values");
        Figures.save(histogram(values, bins, structure, nse), base);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.name());
        json.put("units", units);
        json.put("excitatory", excitatory);
        json.put("inhibitory", inhibitory);
        json.put("inhibitoryFraction", model == Model.standard ? 0.0 : inhibitoryFraction);
        json.put("seed", seed);
        json.put("nse", nse);
        json.put("effectiveRank", sv.effectiveRank());
        json.put("spectralRadius", eig.spectralRadius());
        json.put("singularValues", values);
        json.put("eigenvaluesReal", eig.real());
        json.put("eigenvaluesImaginary", eig.imaginary());
        JsonFiles.write(out.resolve("spectrum.json"), json);
        Path report = HtmlReport.titled("bcikit spectrum", String.format(Locale.ROOT,
                "Singular-value spectrum of one initial recurrent matrix: %s, seed %d, spectral radius %s.", structure,
                seed, spectralRadius == 0 ? "as published" : Double.toString(spectralRadius)))
                .keyNumbers("Spectrum", JsonFiles.mapper().valueToTree(json)).figures("Figures", "").write(out);
        stdout.println("wrote " + base + ".png, " + base + ".svg, " + out.resolve("spectrum.json") + ", " + report);
        stdout.flush();
        return 0;
    }

    private void validate() {
        if (units < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--units: expected at least 2, found " + units);
        }
        if (model != Model.standard && !(inhibitoryFraction > 0 && inhibitoryFraction < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--inhibitory-fraction: expected a number in (0, 1), found " + inhibitoryFraction);
        }
        if (!(spectralRadius >= 0) || Double.isInfinite(spectralRadius)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--spectral-radius: expected a finite number >= 0, found " + spectralRadius);
        }
        if (bins < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bins: expected at least 1, found " + bins);
        }
    }

    private static JFreeChart histogram(double[] values, int bins, String structure, double nse) {
        HistogramDataset data = new HistogramDataset();
        data.addSeries("singular values", values, bins);
        JFreeChart chart = ChartFactory.createHistogram(
                String.format(Locale.ROOT, "%s: NSE %.3f", structure, nse),
                "singular value", "count", data, PlotOrientation.VERTICAL, false, false, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer bars = (XYBarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, Figures.color(0));
        return Figures.style(chart);
    }
}
