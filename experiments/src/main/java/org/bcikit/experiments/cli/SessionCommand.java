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
import org.bcikit.experiments.cli.options.VersionProvider;

import org.bcikit.decoders.hypotheses.Hypothesis;
import org.bcikit.decoders.hypotheses.HypothesisAnalysis;
import org.bcikit.decoders.hypotheses.HypothesisReport;
import org.bcikit.decoders.hypotheses.Signatures;
import org.bcikit.experiments.cli.options.ExampleOption;
import org.bcikit.experiments.cli.options.ProgressOption;
import org.bcikit.experiments.figures.Figures;
import org.bcikit.experiments.results.HtmlReport;
import org.bcikit.experiments.session.HypothesisOutput;
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
@Command(name = "session", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Rebuild a rig session's intuitive and perturbed decoders from the stored parameters "
                + "(Golub et al. 2018 layout, e.g. the bundled --example golub2018) and check them against "
                + "the stored K, M1, M2, m0 and decoded velocities.",
            "Writes DIR/session.json (reproduction errors, progress under each mapping before and after learning) "
                    + "and figures progress-per-target and factor-clouds (PNG and SVG)."})
public final class SessionCommand implements Callable<Integer> {

    static final List<String> FILES = List.of("session.json", "intuitive.decoder.json", "perturbed.decoder.json",
            "progress-per-target.png", "progress-per-target.svg", "factor-clouds.png", "factor-clouds.svg",
            HtmlReport.FILE);

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "A rig session (.mat); or give --example golub2018.")
    Path file;

    @Mixin
    ExampleOption example;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bcikit-out/session",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ProgressOption progress;

    @Option(names = "--hypotheses", description = "Also predict the after-learning activity under each hypothesis of "
            + "Golub et al. 2018 and compare it with the recorded activity: DIR/hypotheses.json and figure hypotheses.")
    boolean hypotheses;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "10",
            description = "Draws of each hypothesis' predicted activity (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of those draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (hypotheses && repeats < 1) {
            throw new org.bcikit.data.InvalidInputException("--repeats: expected at least 1, found " + repeats);
        }
        Path input = example.resolve(file, "FILE");
        String source = example.reference(file, "FILE");
        progress.line("reading " + source + " and rebuilding its decoders");
        RigSessionAnalysis a = RigSessionAnalysis.of(input);
        progress.line("drawing figures into " + out);
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
        a.decoderFile("intuitive").write(out.resolve("intuitive.decoder.json"));
        a.decoderFile("perturbed").write(out.resolve("perturbed.decoder.json"));

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
        o.println(row("wrote", out.resolve("session.json") + ", intuitive.decoder.json, perturbed.decoder.json, "
                + "figures progress-per-target, factor-clouds (PNG, SVG), " + HtmlReport.FILE));
        o.flush();
        if (hypotheses) {
            hypotheses(a, o, source);
        }
        HtmlReport.titled("bcikit session", "The rig's intuitive and perturbed decoders rebuilt from the parameters "
                + "stored in " + source + " and checked against what the rig stored (Golub et al. 2018).")
                .keyNumbers("Session", JsonFiles.mapper().valueToTree(json.get("session")))
                .keyNumbers("Progress (mm/s)", JsonFiles.mapper().valueToTree(json.get("progress")))
                .figures("Figures", "")
                .keyNumbers("Reproduction", JsonFiles.mapper().valueToTree(json.get("reproduction")))
                .write(out);
        if (!a.reproduced()) {
            spec.commandLine().getErr().println(String.format(Locale.ROOT,
                    "bcikit: warning: %s: the rebuilt decoders do not reproduce the stored ones (max relative error "
                            + "%.3g in %s > %.0e); see %s", source, a.reproduction().maxRelativeError(),
                    a.reproduction().worst().describe(), RigSessionAnalysis.TOLERANCE, out.resolve("session.json")));
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    private void hypotheses(RigSessionAnalysis a, PrintWriter o, String source) throws java.io.IOException {
        progress.line("predicting after-learning activity under 5 hypotheses (" + repeats + " draws each, seed " + seed + ")");
        HypothesisReport r = HypothesisAnalysis.defaults().withRepeats(repeats).withSeed(seed).run(a.session());
        HypothesisOutput.write(r, out, source);
        o.println(String.format(Locale.ROOT, "%-22s %9s %9s %9s %9s %9s", "hypotheses", "repertoire", "specific",
                "dVar int%", "dVar pert%", "progress"));
        o.println(hypothesisRow("data (after learning)", List.of(r.recorded())));
        for (Hypothesis h : Hypothesis.values()) {
            o.println(hypothesisRow(h.label(), r.predicted().get(h)));
        }
        o.println(row("nearest", "overall repertoire change: " + HypothesisOutput.nearest(r, "overallRepertoireChange")
                + "; perturbed progress: " + HypothesisOutput.nearest(r, "meanPerturbedProgress")));
        o.println(row("wrote", out.resolve("hypotheses.json") + " and figure hypotheses (PNG, SVG)"));
        o.flush();
    }

    private static String hypothesisRow(String name, List<Signatures> draws) {
        return String.format(Locale.ROOT, "  %-20s %9.3f %9.3f %9.1f %9.1f %9.2f", name,
                HypothesisOutput.meanSd(draws, Signatures::overallRepertoireChange)[0],
                HypothesisOutput.meanSd(draws, Signatures::movementSpecificRepertoireChange)[0],
                HypothesisOutput.meanSd(draws, Signatures::deltaVarianceIntuitivePercent)[0],
                HypothesisOutput.meanSd(draws, Signatures::deltaVariancePerturbedPercent)[0],
                HypothesisOutput.meanSd(draws, Signatures::meanPerturbedProgress)[0]);
    }


    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-10s %s", label, value);
    }
}
