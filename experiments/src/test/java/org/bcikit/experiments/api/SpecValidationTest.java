package org.bcikit.experiments.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.bcikit.experiments.cli.Bcikit;
import org.bcikit.experiments.spec.Validation;
import picocli.CommandLine;

class SpecValidationTest {

    private static String error(String json) {
        return assertThrows(InvalidInputException.class, () -> TestSpecs.plan(json)).getMessage();
    }

    private static String with(String parameters) {
        return "{\"experiment\": \"noisy-learning\", \"parameters\": " + parameters + "}";
    }

    @Test
    void nestedChecksNameTheFullPathAndTheGridPlaceOfSweptValues() {
        Validation root = new Validation("s.json", "$.parameters",
                java.util.Map.of(".staticNetwork.adaptation.steps", "$.sweep[1].values[2]"));
        Validation adaptation = root.below("staticNetwork").below("adaptation");
        assertEquals("s.json: $.sweep[1].values[2]: expected an integer >= 1, got 0",
                assertThrows(InvalidInputException.class, () -> adaptation.atLeast("steps", 0, 1)).getMessage());
        assertEquals("s.json: $.parameters.staticNetwork.adaptation.learningRate: expected a number > 0, got -1.0",
                assertThrows(InvalidInputException.class, () -> adaptation.positive("learningRate", -1)).getMessage());
    }

    @Test
    void wrongTypeNamesThePathAndWhatWasExpected() {
        assertEquals("test.json: $.parameters.adaptation.learningRate: expected a number, got \"fast\"",
                error(with("{\"adaptation\": {\"learningRate\": \"fast\"}}")));
    }

    @Test
    void outOfRangeNamesThePathAndTheRange() {
        assertEquals("test.json: $.parameters.adaptation.learningRate: expected a number > 0, got -1.0",
                error(with("{\"adaptation\": {\"learningRate\": -1}}")));
        assertEquals("test.json: $.parameters.adaptation.rule: expected one of \"gd\", \"eg\", got \"adam\"",
                error(with("{\"adaptation\": {\"rule\": \"adam\"}}")));
    }

    @Test
    void fractionsAreNotIntegersAndStringsAreNotNumbers() {
        assertEquals("test.json: $.parameters.steps: expected an integer, got 1.5", error(with("{\"steps\": 1.5}")));
        assertEquals("test.json: $.parameters.rate: expected a number, got \"2\"", error(with("{\"rate\": \"2\"}")));
    }

    @Test
    void unknownFieldsAreErrorsAtEveryLevel() {
        String top = error("{\"experiment\": \"noisy-learning\", \"seedz\": 3}");
        assertTrue(top.startsWith("test.json: $.seedz: unknown field (expected one of: "), top);
        assertTrue(top.contains("seeds"), top);
        String nested = error(with("{\"adaptation\": {\"lr\": 0.1}}"));
        assertEquals("test.json: $.parameters.adaptation.lr: unknown field (expected one of: learningRate, rule)", nested);
    }

    @Test
    void sweepValuesAreCheckedWhereTheyAreWritten() {
        String json = """
                {"experiment": "noisy-learning",
                 "sweep": [{"parameter": "rate", "values": [1, 2]},
                           {"parameter": "adaptation.learningRate", "values": [0.1, 0, 0.3]}]}""";
        assertEquals("test.json: $.sweep[1].values[1]: expected a number > 0, got 0.0", error(json));
        String typo = error("{\"experiment\": \"noisy-learning\", \"sweep\": [{\"parameter\": \"rates\", \"values\": [1]}]}");
        assertTrue(typo.startsWith("test.json: $.sweep[0].parameter: expected a parameter of noisy-learning"), typo);
        assertTrue(typo.endsWith("got \"rates\""), typo);
    }

    @Test
    void topLevelChecks() {
        assertEquals("test.json: $.experiment: expected one of \"noisy-learning\", got \"nope\"",
                error("{\"experiment\": \"nope\"}"));
        assertEquals("test.json: $.seeds: expected an integer >= 1, got 0",
                error("{\"experiment\": \"noisy-learning\", \"seeds\": 0}"));
        assertTrue(error("{\"experiment\": \"noisy-learning\",}").startsWith("test.json: not valid JSON at line 1"));
        assertEquals("test.json: $.sweep: two conditions are both named \"x\"; make the values or labels distinct",
                error("{\"experiment\": \"noisy-learning\", \"sweep\": [{\"parameter\": \"rate\", \"values\": [1, 2], "
                        + "\"label\": \"x\"}]}"));
    }

    @Test
    void defaultsAndSweepResolveIntoConditionsInSpecOrder() {
        ExperimentPlan<?> plan = TestSpecs.plan(TestSpecs.GRID);
        assertEquals(4, plan.conditions().size());
        assertEquals(java.util.List.of("lr=0.05/1", "lr=0.05/2", "lr=0.2/1", "lr=0.2/2"),
                plan.conditions().stream().map(Condition::name).toList());
        NoisyLearningExperiment.Params p = (NoisyLearningExperiment.Params) plan.conditions().get(3).parameters();
        assertEquals(0.2, p.adaptation().learningRate());
        assertEquals(2.0, p.rate());
        assertEquals(30, p.steps());
        assertEquals(0.05, p.noise(), "omitted parameters take the type's defaults");
        assertEquals(12, plan.runCount());
        assertEquals(0.05, plan.specTree().at("/parameters/noise").asDouble(), "the resolved spec lists defaults");
    }

    @Test
    void badSpecExitsWithCode2AndOneLine(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bad.json");
        Files.writeString(spec, with("{\"adaptation\": {\"learningRate\": \"fast\"}}"));
        CommandLine cl = Bcikit.commandLine(TestSpecs.REGISTRY);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("run", spec.toString(), "--out", dir.resolve("out").toString(), "--quiet");
        assertEquals(2, code);
        assertEquals("bcikit: " + spec + ": $.parameters.adaptation.learningRate: expected a number, got \"fast\"",
                err.toString().strip());
    }
}
