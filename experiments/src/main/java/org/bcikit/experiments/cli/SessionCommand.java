package org.bcikit.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bcikit.data.io.JsonFiles;
import org.bcikit.experiments.api.BuildInfo;

import org.bcikit.experiments.figures.Figures;
import org.bcikit.experiments.session.RigSessionAnalysis;
import org.bcikit.experiments.session.RigSessionFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bcikit session FILE|--example NAME}: rebuilds a real rig session's intuitive and perturbed decoders
 * from the stored parameters, checks them against everything the rig stored, and writes progress
 * and factor-cloud figures (Golub et al. 2018, Nat Neurosci 21:607; {@link RigSessionAnalysis}).
 */
@Command(name = "session", mixinStandardHelpOptions = true, versionProvider = Bcikit.Version.class,
        description = {"Rebuild a rig session's intuitive and perturbed decoders from the stored parameters "
                + "(Golub et al. 2018 layout, e.g. the bundled --example golub2018) and check them against "
                + "the stored K, M1, M2, m0 and decoded velocities.",
            "Writes DIR/session.json (reproduction errors, progress under each mapping before and after learning) "
                    + "and figures progress-per-target and factor-clouds (PNG and SVG)."})
public final class SessionCommand implements Callable<Integer> {

    static final List<String> FILES = List.of("session.json", "progress-per-target.png", "progress-per-target.svg",
            "factor-clouds.png", "factor-clouds.svg");

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "A rig session (.mat); or give --example golub2018.")
    Path file;

    @Mixin
    ExampleOption example;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bcikit-out/session",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path input = example.resolve(file, "FILE");
        String source = example.reference(file, "FILE");
        progress("reading " + source + " and rebuilding its decoders");
        RigSessionAnalysis a = RigSessionAnalysis.of(input);
        progress("drawing figures into " + out);
        Figures.save(RigSessionFigures.progress(a), out.resolve("progress-per-target"));
        Figures.save(RigSessionFigures.factorClouds(a), out.resolve("factor-clouds"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "session");
        json.put("version", BuildInfo.version());
        Map<String, Object> session = a.sessionJson();
        session.put("file", source); // example:golub2018 rather than where it was extracted
        json.put("session", session);
        json.put("reproduction", a.reproductionJson());
        json.put("progress", a.progressJson());
        json.put("files", FILES);
        JsonFiles.write(out.resolve("session.json"), json);

        PrintWriter o = spec.commandLine().getOut();
        o.println(row("session", source + " (monkey " + a.session().monkey() + ", " + a.session().date() + "), "
                + a.session().intuitive().units() + " units, " + a.session().intuitive().factors() + " factors, "
                + a.session().before().clouds().size() + " targets"));
        o.println(row("perturbed", a.perturbation()));
        o.println(row("reproduced", String.format(Locale.ROOT, "max relative error %.3g (%s); %s",
                a.reproduction().maxRelativeError(), a.reproduction().worst().describe(), a.reproductionLine())));
        o.println(row("progress", String.format(Locale.ROOT,
                "intuitive %.2f -> %.2f, perturbed %.2f -> %.2f (mm/s, before -> after learning)",
                a.progress("intuitive", "before").mean(), a.progress("intuitive", "after").mean(),
                a.progress("perturbed", "before").mean(), a.progress("perturbed", "after").mean())));
        o.println(row("wrote", out.resolve("session.json") + " and figures progress-per-target, factor-clouds (PNG, SVG)"));
        o.flush();
        if (!a.reproduced()) {
            spec.commandLine().getErr().println(String.format(Locale.ROOT,
                    "bcikit: warning: %s: the rebuilt decoders do not reproduce the stored ones (max relative error "
                            + "%.3g in %s > %.0e); see %s", source, a.reproduction().maxRelativeError(),
                    a.reproduction().worst().describe(), RigSessionAnalysis.TOLERANCE, out.resolve("session.json")));
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    private void progress(String line) {
        if (!quiet) {
            spec.commandLine().getErr().println("session: " + line);
            spec.commandLine().getErr().flush();
        }
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-10s %s", label, value);
    }
}
