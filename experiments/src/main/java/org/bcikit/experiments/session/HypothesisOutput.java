package org.bcikit.experiments.session;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.bcikit.data.io.JsonFiles;
import org.bcikit.decoders.hypotheses.Hypothesis;
import org.bcikit.decoders.hypotheses.HypothesisReport;
import org.bcikit.decoders.hypotheses.PredictedGaussians;
import org.bcikit.decoders.hypotheses.Signatures;
import org.bcikit.experiments.api.BuildInfo;
import org.bcikit.experiments.figures.Figures;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Writes a {@link HypothesisReport} as {@code hypotheses.json} and the figure {@code hypotheses}
 * (PNG, SVG): each signature of Golub et al. 2018 (Nat Neurosci 21:607, Figs. 4, 5, 7, 8) for the
 * recorded after-learning data beside every hypothesis (mean over draws, sd as whiskers).
 */
public final class HypothesisOutput {

    /** The metrics, by their names in the JSON file. */
    public static final Map<String, ToDoubleFunction<Signatures>> METRICS = metrics();

    private static final Map<String, String> LABELS = Map.of(
            "overallRepertoireChange", "repertoire change",
            "movementSpecificRepertoireChange", "movement-specific",
            "deltaVarianceIntuitivePercent", "\u0394var intuitive (%)",
            "deltaVariancePerturbedPercent", "\u0394var perturbed (%)",
            "predictedAcquisitionTime", "acquisition time (s)",
            "meanPerturbedProgress", "progress (mm/s)");

    private HypothesisOutput() {
    }

    private static Map<String, ToDoubleFunction<Signatures>> metrics() {
        Map<String, ToDoubleFunction<Signatures>> m = new LinkedHashMap<>();
        m.put("overallRepertoireChange", Signatures::overallRepertoireChange);
        m.put("movementSpecificRepertoireChange", Signatures::movementSpecificRepertoireChange);
        m.put("movementSpecificPositiveClouds", Signatures::movementSpecificPositiveClouds);
        m.put("deltaVarianceIntuitivePercent", Signatures::deltaVarianceIntuitivePercent);
        m.put("deltaVariancePerturbedPercent", Signatures::deltaVariancePerturbedPercent);
        m.put("varianceSlope", Signatures::varianceSlope);
        m.put("predictedAcquisitionTime", Signatures::predictedAcquisitionTime);
        m.put("meanPerturbedProgress", Signatures::meanPerturbedProgress);
        return m;
    }

    /** Mean and sample sd (n - 1; NaN for one draw) of {@code metric} over a hypothesis' draws. */
    public static double[] meanSd(List<Signatures> draws, ToDoubleFunction<Signatures> metric) {
        double m = 0;
        for (Signatures s : draws) {
            m += metric.applyAsDouble(s);
        }
        m /= draws.size();
        double ss = 0;
        for (Signatures s : draws) {
            double d = metric.applyAsDouble(s) - m;
            ss += d * d;
        }
        return new double[] {m, draws.size() > 1 ? Math.sqrt(ss / (draws.size() - 1)) : Double.NaN};
    }

    /** The hypothesis whose mean {@code metric} is nearest the recorded value (finite values only), or null. */
    public static String nearest(HypothesisReport r, String metric) {
        ToDoubleFunction<Signatures> f = METRICS.get(metric);
        double recorded = f.applyAsDouble(r.recorded());
        String best = null;
        double gap = Double.POSITIVE_INFINITY;
        for (Hypothesis h : Hypothesis.values()) {
            double g = Math.abs(meanSd(r.predicted().get(h), f)[0] - recorded);
            if (g < gap) {
                gap = g;
                best = h.label();
            }
        }
        return best;
    }

    /** The JSON tree of {@code r}, naming the input as {@code source} (e.g. {@code example:golub2018}). */
    public static Map<String, Object> json(HypothesisReport r, String source) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("command", "session --hypotheses");
        o.put("version", BuildInfo.version());
        o.put("file", source);
        o.put("repeats", r.repeats());
        o.put("seed", r.seed());
        o.put("targetDistanceMm", r.targetDistanceMm());
        o.put("lambda", r.lambda());
        Map<String, Object> rec = new LinkedHashMap<>();
        METRICS.forEach((k, f) -> rec.put(k, f.applyAsDouble(r.recorded())));
        rec.put("overallRepertoireChangePerCloud", r.recorded().overallRepertoireChangePerCloud());
        rec.put("movementSpecificRepertoireChangePerCloud", r.recorded().movementSpecificPerCloud());
        rec.put("deltaVariancePerFactorPercent", r.recorded().deltaVariancePerFactorPercent());
        rec.put("deltaPushingMagnitude", r.recorded().deltaPushingMagnitude());
        o.put("recorded", rec);
        Map<String, Object> hyp = new LinkedHashMap<>();
        for (Hypothesis h : Hypothesis.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Signatures> draws = r.predicted().get(h);
            METRICS.forEach((k, f) -> {
                double[] ms = meanSd(draws, f);
                m.put(k, JsonFiles.object("mean", ms[0], "sd", ms[1]));
            });
            PredictedGaussians g = r.gaussians().get(h);
            if (g != null) {
                m.put("predictedMeans", g.means());
                m.put("diagnostics", new LinkedHashMap<>(new java.util.TreeMap<>(g.diagnostics())));
            } else {
                m.put("keptPerCloud", r.subselectionKept());
            }
            hyp.put(h.label(), m);
        }
        o.put("hypotheses", hyp);
        Map<String, Object> near = new LinkedHashMap<>();
        for (String k : METRICS.keySet()) {
            near.put(k, nearest(r, k));
        }
        o.put("nearestHypothesis", near);
        return o;
    }

    /** Writes {@code hypotheses.json} and the figure into {@code dir}. */
    public static void write(HypothesisReport r, Path dir, String source) throws IOException {
        JsonFiles.write(dir.resolve("hypotheses.json"), json(r, source));
        Figures.save(figure(r), dir.resolve("hypotheses"), Figures.WIDTH, 1500);
    }

    /** One panel per signature: the recorded value (first bar) beside each hypothesis' mean and sd. */
    public static JFreeChart figure(HypothesisReport r) {
        CategoryAxis axis = new CategoryAxis();
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(axis);
        plot.setGap(14);
        List<String> columns = new ArrayList<>();
        columns.add("Data");
        for (Hypothesis h : Hypothesis.values()) {
            columns.add(h.label());
        }
        for (Map.Entry<String, ToDoubleFunction<Signatures>> e : METRICS.entrySet()) {
            String label = LABELS.get(e.getKey());
            if (label == null) {
                continue;
            }
            ToDoubleFunction<Signatures> f = e.getValue();
            DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
            data.add(finite(f.applyAsDouble(r.recorded())), 0, "value", "Data");
            for (Hypothesis h : Hypothesis.values()) {
                double[] ms = meanSd(r.predicted().get(h), f);
                data.add(finite(ms[0]), Double.isNaN(ms[1]) ? 0 : ms[1], "value", h.label());
            }
            StatisticalBarRenderer bars = new StatisticalBarRenderer() {
                @Override
                public java.awt.Paint getItemPaint(int row, int column) {
                    // The recorded data in grey, the hypotheses in the first house colour.
                    return column == 0 ? Color.GRAY : Figures.color(0);
                }
            };
            bars.setErrorIndicatorPaint(Color.DARK_GRAY);
            bars.setShadowVisible(false);
            bars.setDrawBarOutline(false);
            bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
            NumberAxis y = new NumberAxis(label);
            y.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            y.setAutoRangeIncludesZero(true);
            CategoryPlot sub = new CategoryPlot(data, null, y, bars);
            sub.setBackgroundPaint(Color.WHITE);
            sub.setRangeGridlinePaint(new Color(225, 225, 225));
            plot.add(sub);
        }
        JFreeChart chart = new JFreeChart("After-learning activity: data vs Golub et al. 2018 hypotheses",
                new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
