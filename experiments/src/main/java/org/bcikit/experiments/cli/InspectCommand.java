package org.bcikit.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bcikit.data.Outcome;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.bcikit.data.format.RecordingFormat;
import org.bcikit.data.format.Recordings;
import org.bcikit.experiments.cli.options.VersionProvider;

import org.bcikit.experiments.cli.options.ExampleOption;
import org.bcikit.experiments.cli.options.RecordingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bcikit inspect FILE|--example NAME}: what a recording holds and which BCI fields it lacks. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show what a recording holds: format, units, bin width, trials, bins, targets, outcomes, "
                + "and which BCI fields (cursor position, velocity, targets, outcomes) are missing.")
public final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "A recording (.csv, .npy, .nwb, .mat); or give --example NAME.")
    Path file;

    @Mixin
    ExampleOption example;

    @Mixin
    RecordingOptions reading = new RecordingOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReadOptions options = reading.readOptions();
        Path input = example.resolve(file, "FILE");
        RecordingFormat f = reading.format(input);
        Recording r = Recordings.read(input, f, options);
        for (String line : describe(r, f, file == null ? example.reference(file, "FILE") + " (" + r.source() + ")"
                : r.source())) {
            spec.commandLine().getOut().println(line);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The report, one "label  value" line each; {@code source} names the file. */
    static List<String> describe(Recording r, RecordingFormat f, String source) {
        List<String> out = new ArrayList<>();
        out.add(row("file", source));
        String sidecar = r.metadata().get("sidecar");
        out.add(row("format", f.name() + (sidecar != null ? " (with sidecar " + sidecar + ")" : "")));
        out.add(row("units", r.units() + " (" + abbreviate(r.unitIds(), 6) + ")"));
        String binWidthSource = r.metadata().getOrDefault("binWidthSource", "file");
        out.add(row("bin width", fmt(r.binWidth()) + " s" + switch (binWidthSource) {
            case "default" -> " (default: the file does not say; set --bin-width if wrong)";
            case "option" -> " (from --bin-width)";
            default -> " (from the file)";
        }));
        out.add(row("trials", Integer.toString(r.trials().size())));
        out.add(row("bins", r.totalBins() + " (" + binsPerTrial(r) + ")"));
        List<Target> targets = new ArrayList<>(r.distinctTargets());
        targets.sort(java.util.Comparator.comparingInt(Target::conditionId)
                .thenComparingDouble(t -> Math.atan2(t.y(), t.x())));
        List<String> names = new ArrayList<>();
        for (Target t : targets) {
            names.add(describe(t));
        }
        out.add(row("targets", targets.isEmpty() ? "none" : targets.size() + ": " + abbreviate(names, 12)));
        out.add(row("outcomes", outcomes(r)));
        List<String> missing = new ArrayList<>();
        if (!r.hasCursorPosition()) {
            missing.add("cursor position");
        }
        if (!r.hasCursorVelocity()) {
            missing.add("cursor velocity");
        }
        if (!r.hasTargets()) {
            missing.add("targets");
        }
        if (!r.hasOutcomes()) {
            missing.add("outcomes");
        }
        if (r.metadata().containsKey("mapping")) {
            out.add(row("mapping", r.metadata().get("mapping")));
        }
        if (r.metadata().containsKey("positionUnits")) {
            out.add(row("cursor", "position in " + r.metadata().get("positionUnits")
                    + (r.metadata().containsKey("cursorVelocity")
                    ? "; velocity " + r.metadata().get("cursorVelocity") : "")));
        }
        out.add(row("missing", missing.isEmpty() ? "none" : String.join(", ", missing)));
        if (r.metadata().containsKey("note")) {
            out.add(row("note", r.metadata().get("note")));
        }
        return out;
    }

    private static String binsPerTrial(Recording r) {
        if (r.trials().isEmpty()) {
            return "no trials";
        }
        int[] b = r.trials().stream().mapToInt(Trial::bins).sorted().toArray();
        String duration = fmt(b[b.length / 2] * r.binWidth()) + " s";
        return b[0] == b[b.length - 1] ? b[0] + " per trial, " + duration
                : "per trial " + b[0] + " to " + b[b.length - 1] + ", median " + b[b.length / 2] + " = " + duration;
    }

    private static String outcomes(Recording r) {
        int[] n = new int[Outcome.values().length];
        for (Trial t : r.trials()) {
            n[t.outcome().ordinal()]++;
        }
        List<String> parts = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            if (n[o.ordinal()] > 0) {
                parts.add(o.name().toLowerCase(Locale.ROOT) + " " + n[o.ordinal()]);
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String describe(Target t) {
        String pos = t.hasPosition() ? "(" + fmt(t.x()) + ", " + fmt(t.y()) + ")" : "";
        if (t.hasCondition()) {
            return t.conditionId() + (pos.isEmpty() ? "" : " " + pos);
        }
        return pos;
    }

    private static String abbreviate(List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max - 1)) + ", ... " + items.get(items.size() - 1);
    }

    /** Four significant digits, with tiny rounding residues (1.2e-16) shown as 0. */
    static String fmt(double v) {
        double x = Math.abs(v) < 1e-12 ? 0 : v;
        String s = String.format(Locale.ROOT, "%.4g", x);
        if (s.contains("e") || !s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-10s %s", label, value);
    }
}
