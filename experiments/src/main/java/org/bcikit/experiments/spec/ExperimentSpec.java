package org.bcikit.experiments.spec;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcikit.experiments.figures.Figures;

/**
 * An experiment spec as written in JSON (see {@code experiments/README.md} for the format):
 * which experiment type to run, its parameters, the seeds, a sweep grid and output options.
 * {@link SpecReader} reads and checks it and fills in defaults; {@link org.bcikit.experiments.api.ExperimentPlan} resolves it
 * against the experiment type into conditions and runs.
 *
 * @param name        what the results are called (folder name, figure titles), e.g. {@code lazy-rich}
 * @param experiment  the experiment type in {@link org.bcikit.experiments.api.ExperimentRegistry}, e.g. {@code static-perturbation}
 * @param description one line saying what is run (shown by {@code bcikit list})
 * @param seed        base seed; every run's seed is derived from it ({@link org.bcikit.experiments.api.RunSeeds})
 * @param seeds       number of seeds (repetitions) per condition
 * @param parameters  the experiment type's parameters; omitted ones take the type's defaults
 * @param sweep       grid axes; conditions are their Cartesian product, first axis outermost
 * @param output      what to write besides results.json and runs/
 */
public record ExperimentSpec(String name, String experiment, String description, Long seed, Integer seeds,
        ObjectNode parameters, List<SweepAxis> sweep, OutputOptions output) {

    /** The same spec with another number of seeds. */
    public ExperimentSpec withSeeds(int n) {
        return new ExperimentSpec(name, experiment, description, seed, n, parameters, sweep, output);
    }

    /** The same spec with another base seed. */
    public ExperimentSpec withSeed(long s) {
        return new ExperimentSpec(name, experiment, description, s, seeds, parameters, sweep, output);
    }

    /** The same spec with another name. */
    public ExperimentSpec withName(String n) {
        return new ExperimentSpec(n, experiment, description, seed, seeds, parameters, sweep, output);
    }

    /** The same spec with parameter {@code path} (dotted, e.g. {@code adaptation.steps}) set to {@code value}. */
    public ExperimentSpec withParameter(String path, JsonNode value) {
        ObjectNode p = parameters.deepCopy();
        Trees.set(p, path, value);
        return new ExperimentSpec(name, experiment, description, seed, seeds, p, sweep, output);
    }

    /** The same spec with other parameters. */
    public ExperimentSpec withParameters(ObjectNode p) {
        return new ExperimentSpec(name, experiment, description, seed, seeds, p, sweep, output);
    }

    /** The same spec with another sweep grid. */
    public ExperimentSpec withSweep(List<SweepAxis> s) {
        return new ExperimentSpec(name, experiment, description, seed, seeds, parameters, new ArrayList<>(s), output);
    }

    /**
     * One axis of the sweep grid.
     *
     * @param parameter dotted path of the parameter it sets, e.g. {@code regime} or {@code adaptation.learningRate}
     * @param values    the values, in the order conditions are listed (and coloured)
     * @param label     how the value appears in condition names; {@code {}} is the value ({@code lr={}})
     */
    public record SweepAxis(String parameter, List<JsonNode> values, String label) {

        /** The condition-name part for {@code value}. */
        public String label(JsonNode value) {
            return (label == null ? "{}" : label).replace("{}", value.isTextual() ? value.asText() : value.toString());
        }
    }

    /**
     * @param figures   write figures (PNG and SVG)
     * @param curvesCsv write curves.csv
     * @param width     figure width in pixels
     * @param height    figure height in pixels
     */
    public record OutputOptions(Boolean figures, Boolean curvesCsv, Integer width, Integer height) {

        /** The defaults: figures and CSV at the house size. */
        public static OutputOptions defaults() {
            return new OutputOptions(true, true, Figures.WIDTH, Figures.HEIGHT);
        }

        OutputOptions orDefaults() {
            OutputOptions d = defaults();
            return new OutputOptions(figures == null ? d.figures : figures, curvesCsv == null ? d.curvesCsv : curvesCsv,
                    width == null ? d.width : width, height == null ? d.height : height);
        }
    }
}
