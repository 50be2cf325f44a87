package org.bcikit.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.bcikit.data.InvalidInputException;
import org.bcikit.data.bursts.BurstDetector;
import org.bcikit.data.bursts.BurstStatistics;
import org.bcikit.data.bursts.BurstSummary;
import org.bcikit.data.bursts.BurstTimeCourse;
import org.bcikit.data.bursts.PeriEventBursts;
import org.bcikit.data.bursts.SpikeEvents;
import org.bcikit.data.format.RecordingFormat;
import org.bcikit.data.io.AtomicFiles;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.data.nwb.NwbReader;
import org.bcikit.data.nwb.NwbSpikeTimes;
import org.bcikit.experiments.bursts.BurstCsv;
import org.bcikit.experiments.bursts.BurstFigures;
import org.bcikit.experiments.cli.options.VersionProvider;
import org.bcikit.experiments.figures.Figures;
import org.bcikit.experiments.results.HtmlReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code bcikit bursts FILE}: the burst code of an NWB file's sorted units (Naud &amp; Sprekeler,
 * PNAS 115:E6329, 2018): per unit events, bursts, event rate and burst fraction beside the
 * Poisson null, and ER(t), BF(t) aligned to a trial column per condition. Binned recordings are
 * refused: counts per bin cannot show intervals shorter than the bin.
 */
@Command(name = "bursts", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Burst code of recorded spike trains (NWB units): event rate, burst fraction and its Poisson "
                + "null per unit, and ER(t), BF(t) aligned to trials per condition.")
public final class BurstsCommand implements Callable<Integer> {

    private static final int SHOWN_UNITS = 8;

    @Parameters(index = "0", paramLabel = "FILE", description = "An NWB 2.x file with a Units table (spike times).")
    Path file;

    @Option(names = "--burst-isi", paramLabel = "S", defaultValue = "0.016",
            description = "ISI threshold θ in seconds: a spike more than θ after the previous one starts a new event. "
                    + "Default: ${DEFAULT-VALUE}.")
    double theta;

    @Option(names = "--bin", paramLabel = "S", defaultValue = "0.05",
            description = "Bin width of ER(t) and BF(t) in seconds. Default: ${DEFAULT-VALUE}.")
    double bin;

    @Option(names = "--window", paramLabel = "A..B",
            description = "Window around each trial's alignment time in seconds (default: 0..the median trial length).")
    String window;

    @Option(names = "--trials", paramLabel = "TABLE",
            description = "TimeIntervals table under /intervals to align to (default: trials, if the file has one).")
    String trialsTable;

    @Option(names = "--align", paramLabel = "COLUMN", defaultValue = "start_time",
            description = "Numeric trial column to align to. Default: ${DEFAULT-VALUE}.")
    String align;

    @Option(names = "--condition", paramLabel = "COLUMN",
            description = "Trial column whose values are the conditions (default: the one bcikit maps targets from, "
                    + "else all trials together).")
    String condition;

    @Option(names = "--out", defaultValue = "bcikit-out/bursts",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RecordingFormat format = RecordingFormat.forFile(file);
        if (format != RecordingFormat.NWB) {
            throw InvalidInputException.in(file, "bursts need spike times, and a " + format.name()
                    + " recording holds binned counts: intervals shorter than a bin (θ = " + theta * 1000
                    + " ms) are lost; give an NWB file with a Units table");
        }
        BurstDetector detector;
        try {
            detector = new BurstDetector(theta);
        } catch (InvalidInputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--burst-isi: " + e.getMessage());
        }
        if (!(bin > 0) || !Double.isFinite(bin)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bin: expected seconds > 0, found " + bin);
        }
        double[] span = window == null ? null : parseWindow(window);
        PrintWriter stdout = spec.commandLine().getOut();
        NwbSpikeTimes data = (trialsTable == null ? new NwbReader() : new NwbReader(trialsTable)).spikeTimes(file);

        List<SpikeEvents> events = new ArrayList<>();
        List<BurstStatistics> stats = new ArrayList<>();
        for (int u = 0; u < data.units(); u++) {
            SpikeEvents e = detector.segment(data.spikeTimes(u));
            events.add(e);
            stats.add(BurstStatistics.overTrain(e));
        }
        BurstSummary summary = BurstSummary.of(stats);
        printTable(stdout, data, stats, summary);

        Map<String, Object> aligned = new LinkedHashMap<>();
        List<BurstTimeCourse> courses = List.of();
        if (data.hasTrials()) {
            double[] at = data.trialTimes(align);
            String column = condition != null ? condition : data.conditionColumn();
            String[] labels = column == null ? allTrials(data.trials()) : data.trialLabels(column);
            if (span == null) {
                span = new double[] {0, medianLength(data)};
            }
            PeriEventBursts peri = new PeriEventBursts(span[0], span[1], bin);
            courses = peri.run(events, at, labels);
            aligned.put("table", data.trialsTable());
            aligned.put("alignedTo", align);
            aligned.put("conditionColumn", column);
            aligned.put("window", span);
            aligned.put("bin", bin);
            List<Object> cs = new ArrayList<>();
            for (BurstTimeCourse c : courses) {
                cs.add(JsonFiles.object("condition", c.condition(), "trials", c.trials(), "time", c.binCentres(),
                        "events", c.events(), "bursts", c.bursts(), "eventRate", c.eventRate(),
                        "burstFraction", c.burstFraction()));
            }
            aligned.put("conditions", cs);
            stdout.println(String.format(Locale.ROOT, "aligned to %s/%s, window %s..%s s, %.0f ms bins: %s",
                    data.trialsTable(), align, num(span[0]), num(span[1]), 1000 * bin, describe(courses, column)));
        } else {
            aligned.put("skipped", "no trials table; name one with --trials (TimeIntervals tables: "
                    + data.availableTables() + ")");
            stdout.println("time-resolved: skipped, " + aligned.get("skipped"));
        }
        write(data, stats, summary, aligned, courses);
        stdout.println("wrote " + out.resolve("bursts.json") + ", bursts.csv, "
                + (courses.isEmpty() ? "" : "bursts-time.csv, ") + "figures and " + out.resolve(HtmlReport.FILE));
        stdout.flush();
        return 0;
    }

    private void write(NwbSpikeTimes data, List<BurstStatistics> stats, BurstSummary summary,
                       Map<String, Object> aligned, List<BurstTimeCourse> courses) throws java.io.IOException {
        List<Object> units = new ArrayList<>();
        for (int u = 0; u < stats.size(); u++) {
            BurstStatistics s = stats.get(u);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", data.unitIds().get(u));
            m.putAll(JsonFiles.mapper().convertValue(s, Map.class));
            units.add(m);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file.toString());
        json.put("theta", theta);
        json.put("duration", "per unit, last spike minus first");
        json.put("summary", summary);
        json.put("units", units);
        json.put("timeResolved", aligned);
        JsonFiles.write(out.resolve("bursts.json"), json);
        AtomicFiles.writeString(out.resolve("bursts.csv"), BurstCsv.perUnit(data.unitIds(), stats));
        if (!courses.isEmpty()) {
            AtomicFiles.writeString(out.resolve("bursts-time.csv"), BurstCsv.timeResolved(courses));
        }
        Figures.save(BurstFigures.versusNull(stats, theta), out.resolve("bf-vs-null"));
        for (int i = 0; i < courses.size(); i++) {
            Figures.save(BurstFigures.timeCourse(courses.get(i), theta, align),
                    out.resolve("time-" + (i + 1) + "-" + safe(courses.get(i).condition())));
        }
        HtmlReport.titled("bcikit bursts", String.format(Locale.ROOT,
                "Burst code of %s: %d units, θ = %.1f ms (an event starts after an ISI above θ; bursts are events "
                        + "of two or more spikes). Poisson null: 1 − exp(−rate θ).",
                file.getFileName(), data.units(), 1000 * theta))
                .keyNumbers("Units against the Poisson null", JsonFiles.mapper().valueToTree(summary))
                .figures("Figures", "").write(out);
    }

    private void printTable(PrintWriter o, NwbSpikeTimes data, List<BurstStatistics> stats, BurstSummary s) {
        o.println(String.format(Locale.ROOT, "%s: %d units, θ = %.1f ms, rates over each unit's first..last spike",
                file.getFileName(), data.units(), 1000 * theta));
        o.println(String.format(Locale.ROOT, "%-8s %8s %8s %8s %8s %8s %6s", "unit", "spikes", "rate Hz",
                "ER Hz", "BF", "null BF", "sp/b"));
        for (int u = 0; u < stats.size() && u < SHOWN_UNITS; u++) {
            BurstStatistics b = stats.get(u);
            String mark = Double.isNaN(b.burstFraction()) ? "" : b.burstFraction() > b.poissonBurstFraction()
                    ? "above" : "below";
            o.println(String.format(Locale.ROOT, "%-8s %8d %8s %8s %8s %8s %6s %6s", data.unitIds().get(u),
                    b.spikes(), num(b.firingRate()), num(b.eventRate()), num(b.burstFraction()),
                    num(b.poissonBurstFraction()), num(b.spikesPerBurst()), mark));
        }
        if (stats.size() > SHOWN_UNITS) {
            o.println("... " + (stats.size() - SHOWN_UNITS) + " more units in bursts.csv");
        }
        o.println(String.format(Locale.ROOT, "units %d: median BF %s, median Poisson null %s; above null %d, "
                        + "below %d%s", s.units(), num(s.medianBurstFraction()), num(s.medianPoissonBurstFraction()),
                s.aboveNull(), s.belowNull(), s.undefined() == 0 ? "" : ", " + s.undefined() + " without events"));
    }

    private double[] parseWindow(String text) {
        String[] p = text.split("\\.\\.", -1);
        try {
            if (p.length == 2) {
                double a = Double.parseDouble(p[0].trim());
                double b = Double.parseDouble(p[1].trim());
                if (Double.isFinite(a) && Double.isFinite(b) && b > a) {
                    return new double[] {a, b};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--window: expected A..B in seconds with A < B (e.g. -0.5..2), found '" + text + "'");
    }

    private static double medianLength(NwbSpikeTimes data) {
        double[] a = data.trialTimes("start_time");
        double[] b = data.trialTimes("stop_time");
        double[] len = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            len[i] = b[i] - a[i];
        }
        return new Median().withEstimationType(Percentile.EstimationType.R_2).evaluate(len);
    }

    private static String[] allTrials(int n) {
        String[] s = new String[n];
        Arrays.fill(s, "all");
        return s;
    }

    private static String describe(List<BurstTimeCourse> courses, String column) {
        List<String> parts = new ArrayList<>();
        for (BurstTimeCourse c : courses) {
            parts.add(c.condition() + " (" + c.trials() + ")");
        }
        return (column == null ? "" : column + " = ") + String.join(", ", parts);
    }

    private static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return t.isEmpty() ? "blank" : t;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "-";
    }
}
