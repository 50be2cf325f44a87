package org.bcikit.experiments.cli.options;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * The options of a sweep that {@code bcikit run} and {@code bcikit demo} both take, declared once
 * so the two commands cannot drift apart: seeds, base seed, threads, resume and {@code --set}
 * overrides ({@code --quiet} is {@link ProgressOption}). Each value is null (or false, or empty) when not given, so the
 * spec's own value stands.
 */
public final class SweepOptions {

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds per condition (overrides the spec's).")
    Integer seeds;

    @Option(names = "--seed", paramLabel = "S", description = "Base seed (overrides the spec's).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--resume", description = "Keep finished runs in DIR and run only the rest.")
    boolean resume;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a parameter, e.g. --set adaptation.steps=500 (VALUE is JSON; bare words are strings).")
    List<String> sets = new ArrayList<>();

    public Integer seeds() {
        return seeds;
    }

    public Long seed() {
        return seed;
    }

    public Integer threads() {
        return threads;
    }

    public boolean resume() {
        return resume;
    }

    /** The {@code --set PATH=VALUE} overrides in the order given (a copy). */
    public List<String> sets() {
        return List.copyOf(sets);
    }
}
