package org.bcikit.experiments.sweep;

import org.bcikit.experiments.api.TestSpecs;
import org.bcikit.experiments.cli.Bcikit;

/** The bcikit command with the test experiment, for tests that run it in a child JVM and kill it. */
public final class TestSweepMain {

    private TestSweepMain() {
    }

    public static void main(String[] args) {
        System.exit(Bcikit.commandLine(TestSpecs.REGISTRY).execute(args));
    }
}
