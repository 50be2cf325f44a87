package org.bcikit.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.bcikit.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code --example NAME} in place of FILE: the bundled session gives the numbers of the file in
 * {@code ../shared}, outputs name it {@code example:NAME}, and misuse exits 2 with one line.
 */
class ExampleOptionTest {

    @TempDir
    Path dir;

    private JsonNode json(Path f) throws IOException {
        return new ObjectMapper().readTree(f.toFile());
    }

    @Test
    void sessionFromTheBundledExampleMatchesTheSharedFile() throws IOException {
        CliRun example = CliRun.of("session", "--example", "golub2018", "--out", dir.resolve("e").toString(), "-q");
        assertEquals(0, example.code(), example.err());
        assertTrue(example.out().startsWith("session    example:golub2018 (monkey Jeffy, 20120305), 86 units"),
                example.out());
        CliRun file = CliRun.of("session", SharedData.golub2018().toString(), "--out", dir.resolve("f").toString(), "-q");
        assertEquals(0, file.code(), file.err());

        JsonNode e = json(dir.resolve("e/session.json"));
        JsonNode f = json(dir.resolve("f/session.json"));
        assertEquals("example:golub2018", e.get("session").get("file").asText());
        assertTrue(java.nio.file.Files.readString(dir.resolve("e/index.html")).contains("stored in example:golub2018 and"),
                "the report names the input as the outputs do");
        assertEquals(f.get("reproduction"), e.get("reproduction"));
        assertEquals(f.get("progress"), e.get("progress"));
        assertEquals(45.65, e.get("progress").get("perturbed").get("after").get("mean").asDouble(), 0.005);
        assertTrue(e.get("reproduction").get("maxRelativeError").asDouble() <= 1e-6);
    }

    @Test
    void inspectAndManifoldFitReadTheBundledExample() throws IOException {
        CliRun inspect = CliRun.of("inspect", "--example", "golub2018");
        assertEquals(0, inspect.code(), inspect.err());
        String fileLine = Arrays.stream(inspect.out().split("\n")).filter(l -> l.startsWith("file ")).findFirst()
                .orElseThrow();
        assertTrue(fileLine.matches("file +example:golub2018 \\(.*exampleData\\.mat\\)"), fileLine);
        assertTrue(inspect.out().contains("units      86 "), inspect.out());

        // its layout may not be readable yet: then the usual one-line bad-input message
        CliRun ime = CliRun.of("inspect", "--example", "ime2015");
        if (ime.code() != 0) {
            assertEquals(2, ime.code(), ime.err());
            assertEquals(1, ime.err().strip().split("\n").length, ime.err());
            assertTrue(ime.err().startsWith("bcikit: ") && ime.err().contains("example_data.mat"), ime.err());
        }

        Path out = dir.resolve("fit/model.json");
        CliRun fit = CliRun.of("manifold", "fit", "--example", "golub2018", "--dims", "3", "--out", out.toString());
        assertEquals(0, fit.code(), fit.err());
        JsonNode model = json(out);
        assertEquals("example:golub2018", model.get("file").asText());
        assertEquals(86, model.get("unitIds").size());
        assertEquals(3, model.get("dims").asInt());
        assertTrue(fit.err().contains("units from example:golub2018"), fit.err());
    }

    @Test
    void fileAndExampleAreExclusiveAndOneIsRequired() {
        assertBadUsage(CliRun.of("session", SharedData.golub2018().toString(), "--example", "golub2018"),
                "bcikit: give FILE or --example NAME, not both");
        assertBadUsage(CliRun.of("inspect"), "bcikit: Missing required parameter: 'FILE' (or --example NAME, one of golub2018, ime2015)");
        assertBadUsage(CliRun.of("manifold", "fit", "--example", "golub"),
                "bcikit: --example: expected one of golub2018, ime2015, found 'golub'");
    }

    private static void assertBadUsage(CliRun run, String firstLine) {
        assertEquals(2, run.code(), run.err());
        assertEquals(firstLine, run.err().strip().split("\n")[0]);
        assertFalse(run.err().contains("\tat "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void helpListsTheExamples() {
        CliRun help = CliRun.of("session", "--help");
        assertTrue(help.out().contains("--example=NAME"), help.out());
        assertTrue(help.out().contains("golub2018, ime2015"), help.out());
    }
}
