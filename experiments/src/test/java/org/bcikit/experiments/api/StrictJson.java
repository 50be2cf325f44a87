package org.bcikit.experiments.api;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a file bcikit wrote as any standard JSON reader would: NaN and Infinity tokens are
 * refused, and so are the strings "NaN", "Infinity" and "-Infinity" where a number was meant
 * (bcikit writes non-finite numbers as null).
 */
public final class StrictJson {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity", "+Infinity");

    private StrictJson() {
    }

    public static JsonNode read(Path file) throws IOException {
        JsonNode root = STRICT.readTree(file.toFile());
        check(root, file + ":$");
        return root;
    }

    private static void check(JsonNode n, String path) {
        if (n.isTextual() && NON_FINITE.contains(n.textValue())) {
            fail(path + ": a non-finite number written as the string \"" + n.textValue() + "\"");
        }
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                check(n.get(i), path + "[" + i + "]");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            check(e.getValue(), path + "." + e.getKey());
        }
    }
}
