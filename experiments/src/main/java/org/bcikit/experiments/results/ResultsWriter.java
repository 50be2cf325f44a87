package org.bcikit.experiments.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.csv.CsvLines;
import org.bcikit.data.io.AtomicFiles;
import org.bcikit.data.io.JsonFiles;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.figures.Figures;
import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.spec.ExperimentSpec;

/**
 * Writes a finished sweep's files into its results folder, each atomically: results.json (no
 * timing), curves.csv (tidy: one row per condition, curve and x), timing.json, the experiment's
 * figures as PNG and SVG, and last the {@link HtmlReport} of them all (index.html).
 */
public final class ResultsWriter {

    private ResultsWriter() {
    }

    /** Writes everything; returns the files written (for the summary line). */
    public static List<Path> write(Path dir, ExperimentResults results, ObjectNode timing) throws IOException {
        List<Path> written = new ArrayList<>();
        ExperimentSpec.OutputOptions out = results.plan().spec().output();
        Path json = dir.resolve("results.json");
        JsonFiles.write(json, results.toJson());
        written.add(json);
        if (out.curvesCsv()) {
            Path csv = dir.resolve("curves.csv");
            AtomicFiles.writeString(csv, curvesCsv(results));
            written.add(csv);
        }
        Path t = dir.resolve("timing.json");
        JsonFiles.write(t, timing == null ? JsonNodeFactory.instance.objectNode() : timing);
        if (out.figures()) {
            for (NamedFigure f : results.plan().experiment().figures(results)) {
                Path base = dir.resolve(f.name());
                Figures.save(f.chart(), base, out.width(), out.height());
                written.add(base.resolveSibling(f.name() + ".png"));
                written.add(base.resolveSibling(f.name() + ".svg"));
            }
        }
        written.add(HtmlReport.of(results).write(dir));
        return written;
    }

    /** curves.csv: {@code condition,curve,x,mean,sem,n}; empty cells where a value is undefined. */
    static String curvesCsv(ExperimentResults results) {
        StringBuilder sb = new StringBuilder("condition,curve,x,mean,sem,n\n");
        for (ConditionSummary c : results.conditions()) {
            c.curves().forEach((name, s) -> {
                for (int i = 0; i < s.x().length; i++) {
                    sb.append(csv(c.name())).append(',').append(csv(name)).append(',').append(num(s.x()[i]))
                            .append(',').append(num(s.mean()[i])).append(',').append(num(s.sem()[i]))
                            .append(',').append(s.n()[i]).append('\n');
                }
            });
        }
        return sb.toString();
    }

    /** An empty cell for an undefined value; -0 as 0 (a mean of zeros, not a signed result). */
    private static String num(double v) {
        return Double.isFinite(v) ? CsvLines.format(v == 0 ? 0 : v) : "";
    }

    private static String csv(String s) {
        return CsvLines.quote(s);
    }
}
