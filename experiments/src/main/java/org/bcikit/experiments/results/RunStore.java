package org.bcikit.experiments.results;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bcikit.data.io.AtomicFiles;
import org.bcikit.data.io.JsonFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcikit.experiments.api.Curve;
import org.bcikit.experiments.api.ResultTrees;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;

/**
 * The {@code runs/} folder: one JSON file per (condition, seed), written atomically when the run
 * finishes, so a killed sweep leaves only complete files (and perhaps temporary files, which
 * {@link #removeTemporaries} deletes). A file counts as a finished run only if it parses and names
 * the same condition, seed index and run seed; anything else is run again.
 */
public final class RunStore {

    private final Path dir;

    public RunStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The file of run {@code c}, such as {@code c002-rich_WMP-s0007.json}. */
    public Path file(RunContext c) {
        String safe = c.condition().replaceAll("[^A-Za-z0-9.=+-]", "_");
        return dir.resolve(String.format("c%03d-%s-s%04d.json", c.conditionIndex(), safe, c.seedIndex()));
    }

    /** Writes a finished run atomically. */
    public void write(RunRecord r) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        RunContext c = r.context();
        o.put("condition", c.condition());
        o.put("conditionIndex", c.conditionIndex());
        o.put("seedIndex", c.seedIndex());
        o.put("runSeed", c.runSeed());
        o.put("pairedSeed", c.pairedSeed());
        ObjectNode s = o.putObject("scalars");
        r.scalars().forEach((k, v) -> s.set(k, ResultTrees.number(v)));
        ObjectNode cv = o.putObject("curves");
        r.curves().forEach((k, v) -> cv.set(k, ResultTrees.node(v)));
        o.put("seconds", r.seconds());
        JsonFiles.write(file(c), o);
    }

    /**
     * Records why run {@code c} failed, in {@code <run file>.failed} beside the run files (a
     * resumed sweep runs it again; {@link #clear} deletes it).
     */
    public void writeFailure(RunContext c, String reason) throws IOException {
        Path f = file(c);
        AtomicFiles.writeString(f.resolveSibling(f.getFileName() + ".failed"), reason + "\n");
    }

    /** The finished run {@code c}, if its file is there, complete and really of {@code c}. */
    public Optional<RunRecord> read(RunContext c) {
        Path f = file(c);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode o = JsonFiles.mapper().readTree(f.toFile());
            if (!c.condition().equals(o.path("condition").asText(null)) || o.path("seedIndex").asInt(-1) != c.seedIndex()
                    || o.path("runSeed").asLong() != c.runSeed()) {
                return Optional.empty();
            }
            Map<String, Double> scalars = new LinkedHashMap<>();
            o.path("scalars").fields().forEachRemaining(e -> scalars.put(e.getKey(),
                    e.getValue().isNull() ? Double.NaN : e.getValue().asDouble()));
            Map<String, Curve> curves = new LinkedHashMap<>();
            o.path("curves").fields().forEachRemaining(e -> curves.put(e.getKey(),
                    new Curve(ResultTrees.doubles(e.getValue().path("x")), ResultTrees.doubles(e.getValue().path("y")))));
            return Optional.of(new RunRecord(c, scalars, curves, o.path("seconds").asDouble(Double.NaN)));
        } catch (IOException e) {
            // unreadable or truncated JSON: not a finished run, so it is run again
            return Optional.empty();
        }
    }

    /** Deletes temporary files a killed writer left behind. Returns how many. */
    public int removeTemporaries() throws IOException {
        return delete("*.tmp");
    }

    /** Deletes every run file (a fresh start). */
    public void clear() throws IOException {
        delete("*.json");
        delete("*.failed");
        delete("*.tmp");
    }

    private int delete(String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
                n++;
            }
        }
        return n;
    }
}
