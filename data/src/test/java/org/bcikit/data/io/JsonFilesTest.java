package org.bcikit.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {

    /** A reader that accepts only standard JSON: no NaN or Infinity tokens, nothing after the value. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    record Fit(double logLikelihood, float rate, double[] values, List<Double> boxed) {
    }

    @TempDir
    Path dir;

    @Test
    void nonFiniteNumbersAreNullWhereverTheyComeFrom() throws Exception {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("treeNaN", Double.NaN);
        tree.put("treeFloatInf", Float.POSITIVE_INFINITY);
        tree.put("finite", 0.1);
        Path f = dir.resolve("x.json");
        JsonFiles.write(f, JsonFiles.object(
                "mapNaN", Double.NaN,
                "mapInf", Double.NEGATIVE_INFINITY,
                "record", new Fit(Double.NaN, Float.NaN, new double[] {1.5, Double.NaN, Double.POSITIVE_INFINITY},
                        java.util.Arrays.asList(Double.NaN, 2.0)),
                "array", new double[] {Double.NaN, -0.0},
                "tree", tree));
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertFalse(text.contains("\"NaN\"") || text.contains("Infinity\""), text);
        JsonNode j = STRICT.readTree(text);
        assertTrue(j.get("mapNaN").isNull());
        assertTrue(j.get("mapInf").isNull());
        assertTrue(j.at("/record/logLikelihood").isNull());
        assertTrue(j.at("/record/rate").isNull());
        assertEquals(1.5, j.at("/record/values/0").doubleValue());
        assertTrue(j.at("/record/values/1").isNull());
        assertTrue(j.at("/record/values/2").isNull());
        assertTrue(j.at("/record/boxed/0").isNull());
        assertEquals(2.0, j.at("/record/boxed/1").doubleValue());
        assertTrue(j.at("/array/0").isNull());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(j.at("/array/1").doubleValue()));
        assertTrue(j.at("/tree/treeNaN").isNull());
        assertTrue(j.at("/tree/treeFloatInf").isNull());
        assertEquals(0.1, j.at("/tree/finite").doubleValue());
        // a mapper writer derived from the shared one (as the bench commands use) keeps the rule
        String line = JsonFiles.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(JsonFiles.object("v", Double.NaN));
        assertEquals("{\"v\":null}", line);
    }
}
