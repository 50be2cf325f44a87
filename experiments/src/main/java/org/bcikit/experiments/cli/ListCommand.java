package org.bcikit.experiments.cli;

import java.util.concurrent.Callable;

import org.bcikit.experiments.BuiltInExperiments;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.spec.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bcikit list}: the built-in experiments, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the built-in experiments ('bcikit run NAME' runs one; their specs are in experiments/specs/).")
public final class ListCommand implements Callable<Integer> {

    private final ExperimentRegistry registry;

    @Spec
    CommandSpec spec;

    public ListCommand() {
        this(BuiltInExperiments.registry());
    }

    public ListCommand(ExperimentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        int width = 0;
        for (String n : registry.builtInSpecs()) {
            width = Math.max(width, n.length());
        }
        for (String n : registry.builtInSpecs()) {
            ExperimentSpec s = registry.builtInSpec(n);
            spec.commandLine().getOut().printf("%-" + width + "s  %s%n", n, s.description());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
