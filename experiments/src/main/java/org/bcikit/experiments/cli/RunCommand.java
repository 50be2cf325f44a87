package org.bcikit.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bcikit.data.InvalidInputException;
import org.bcikit.experiments.BuiltInExperiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.cli.options.ExampleOption;
import org.bcikit.experiments.cli.options.ProgressOption;
import org.bcikit.experiments.cli.options.SweepOptions;
import org.bcikit.experiments.spec.ExperimentSpec;
import org.bcikit.experiments.spec.SpecBinding;
import org.bcikit.experiments.spec.SpecReader;
import org.bcikit.experiments.sweep.Shard;
import org.bcikit.experiments.sweep.SweepJob;
import org.bcikit.experiments.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bcikit run SPEC|NAME}: runs an experiment spec (a file or a built-in name) as a sweep. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment: a spec file or a built-in name (see 'bcikit list').",
            "Writes DIR/results.json, curves.csv, figures (PNG+SVG), timing.json and runs/ (one JSON per "
                    + "condition and seed). On a cluster, run one --shard per job (or let SLURM_ARRAY_TASK_ID "
                    + "choose it) and combine the folders with 'bcikit merge'."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC|NAME", description = "Spec file (JSON) or built-in experiment name.")
    String spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: bcikit-out/NAME).")
    Path out;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run only shard I of N (0-based; default from SLURM_ARRAY_TASK_ID/COUNT when set).")
    String shard;

    @Option(names = "--input", paramLabel = "FILE", description = "Input recording, for experiments that read one "
            + "(sets the parameter input); or give --example NAME.")
    Path input;

    @Mixin
    ExampleOption example;

    @Mixin
    SweepOptions sweep;

    @Mixin
    ProgressOption progress;

    private final ExperimentRegistry registry;

    public RunCommand() {
        this(BuiltInExperiments.registry());
    }

    /** A run command that knows {@code registry}'s experiments (tests add their own). */
    public RunCommand(ExperimentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        Path file = Path.of(spec);
        boolean isFile = Files.isRegularFile(file);
        if (!isFile && !registry.isBuiltIn(spec)) {
            throw new InvalidInputException(spec + ": neither a spec file nor a built-in experiment (built-in: "
                    + String.join(", ", registry.builtInSpecs()) + ")");
        }
        ExperimentSpec s = isFile ? SpecReader.read(file) : registry.builtInSpec(spec);
        String source = isFile ? spec : "builtin:" + spec;
        runSpec(s, source, out, Settings.of(sweep, progress.quiet(), shard, example.reference(input, "--input FILE")), registry);
        return 0;
    }

    /**
     * The command-line settings shared by {@code run} and {@code demo}; {@code input} is a path
     * or {@code example:NAME}, or null to keep the spec's.
     */
    record Settings(Integer seeds, Long seed, Integer threads, String shard, boolean resume, String input,
            List<String> sets, boolean quiet) {

        static Settings of(SweepOptions sweep, boolean quiet, String shard, String input) {
            return new Settings(sweep.seeds(), sweep.seed(), sweep.threads(), shard, sweep.resume(), input,
                    sweep.sets(), quiet);
        }
    }

    /** Applies {@code settings} to {@code s} and runs it; prints where results went. */
    static ExperimentResults runSpec(ExperimentSpec s, String source, Path out, Settings settings,
            ExperimentRegistry registry) throws Exception {
        if (settings.seeds() != null) {
            if (settings.seeds() < 1) {
                throw new InvalidInputException("--seeds: expected an integer >= 1, got " + settings.seeds());
            }
            s = s.withSeeds(settings.seeds());
        }
        if (settings.seed() != null) {
            s = s.withSeed(settings.seed());
        }
        if (settings.input() != null) {
            s = s.withParameter("input", JsonNodeFactory.instance.textNode(settings.input()));
        }
        for (String set : settings.sets()) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--set: expected PATH=VALUE, got \"" + set + "\"");
            }
            s = s.withParameter(set.substring(0, eq), parseValue(set.substring(eq + 1)));
        }
        int threads = settings.threads() == null ? Runtime.getRuntime().availableProcessors() : settings.threads();
        if (threads < 1) {
            throw new InvalidInputException("--threads: expected an integer >= 1, got " + threads);
        }
        Shard sh = settings.shard() != null ? Shard.parse(settings.shard()) : Shard.fromEnvironment(System.getenv());
        if (sh == null) {
            sh = Shard.ALL;
        }
        ExperimentPlan<?> plan = ExperimentPlan.resolve(s, source, registry);
        Path dir = out != null ? out : Path.of("bcikit-out", plan.name());
        SweepRunner.Options options = new SweepRunner.Options(threads, sh, settings.resume(),
                settings.quiet() ? null : System.err);
        ExperimentResults r = SweepJob.run(plan, dir, options);
        if (r == null) {
            System.out.println("shard " + sh + " done: runs in " + dir.resolve("runs")
                    + "; combine the shard folders with 'bcikit merge --out DIR " + dir + " ...'");
        } else {
            System.out.println("results: " + dir.resolve("results.json"));
        }
        return r;
    }

    private static JsonNode parseValue(String text) {
        try {
            return SpecBinding.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }
}
