package org.bcikit.experiments.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.io.JsonFiles;

import com.fasterxml.jackson.databind.JsonNode;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.spec.SpecBinding;
import org.bcikit.experiments.spec.SpecReader;

/**
 * The folder a sweep writes: {@code spec.json} (the resolved spec, written first), {@code runs/}
 * ({@link RunStore}), then results.json, curves.csv, timing.json and figures. spec.json is what
 * makes a folder resumable and mergeable: a later run checks it holds the same experiment.
 */
public final class ResultsFolder {

    /** File name of the resolved spec. */
    public static final String SPEC = "spec.json";

    /** The files besides figures that a finished sweep writes into the folder. */
    private static final List<String> OUTPUTS = List.of("results.json", "curves.csv", "timing.json", "index.html");

    private final Path dir;
    private final RunStore runs;

    private ResultsFolder(Path dir) {
        this.dir = dir;
        this.runs = new RunStore(dir.resolve("runs"));
    }

    public Path dir() {
        return dir;
    }

    public RunStore runs() {
        return runs;
    }

    /**
     * Opens {@code dir} for {@code plan}. With {@code resume} the runs already there are kept
     * (the folder must hold the same experiment); without, earlier runs are deleted, and so are the
     * files an earlier sweep wrote beside them (results, curves, timing, report, top-level PNG and
     * SVG figures), so the report cannot show a figure this run did not draw. A folder that
     * exists, is not empty and has no spec.json is refused rather than written into.
     */
    public static ResultsFolder prepare(Path dir, ExperimentPlan<?> plan, boolean resume) throws IOException {
        ResultsFolder f = new ResultsFolder(dir);
        Path spec = dir.resolve(SPEC);
        if (Files.isDirectory(dir) && !Files.exists(spec) && !isEmpty(dir)) {
            throw new InvalidInputException(dir + ": exists and is not a bcikit results folder (no " + SPEC
                    + "); choose another --out");
        }
        if (Files.exists(spec)) {
            if (resume) {
                JsonNode old = readSpecTree(dir);
                if (!identity(old).equals(plan.identity())) {
                    throw new InvalidInputException(dir + ": holds runs of a different experiment or parameters than "
                            + plan.source() + "; choose another --out, or leave out --resume to start over");
                }
            } else {
                f.runs.clear();
                deleteEarlierOutputs(dir);
            }
        }
        f.runs.removeTemporaries();
        JsonFiles.write(spec, plan.specTree());
        return f;
    }

    private static void deleteEarlierOutputs(Path dir) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                String n = p.getFileName().toString();
                if (OUTPUTS.contains(n) || n.endsWith(".png") || n.endsWith(".svg")) {
                    stale.add(p);
                }
            });
        }
        for (Path p : stale) {
            Files.delete(p);
        }
    }

    /** Opens an existing folder for reading (merge). */
    public static ResultsFolder open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(SPEC))) {
            throw new InvalidInputException(dir + ": not a bcikit results folder (no " + SPEC + ")");
        }
        return new ResultsFolder(dir);
    }

    /** The plan recorded in {@code dir}'s spec.json. */
    public static ExperimentPlan<?> readPlan(Path dir, ExperimentRegistry registry) {
        Path spec = dir.resolve(SPEC);
        return ExperimentPlan.resolve(SpecReader.fromTree(spec.toString(), readSpecTree(dir)), spec.toString(), registry);
    }

    private static JsonNode readSpecTree(Path dir) {
        Path spec = dir.resolve(SPEC);
        try (InputStream in = Files.newInputStream(spec)) {
            return SpecBinding.readTree(spec.toString(), in);
        } catch (IOException e) {
            throw new InvalidInputException(spec + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonNode identity(JsonNode specTree) {
        com.fasterxml.jackson.databind.node.ObjectNode t = specTree.deepCopy();
        t.remove(List.of("name", "description", "seeds", "output"));
        return t;
    }

    /** Every run of {@code plan} found here, in run order; {@code missing} receives the absent ones. */
    public List<RunRecord> readRuns(ExperimentPlan<?> plan, List<RunContext> missing) {
        List<RunRecord> out = new ArrayList<>();
        for (int k = 0; k < plan.runCount(); k++) {
            RunContext c = plan.run(k);
            Optional<RunRecord> r = runs.read(c);
            if (r.isPresent()) {
                out.add(r.get());
            } else {
                missing.add(c);
            }
        }
        return out;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
