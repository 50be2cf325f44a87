package org.bcikit.experiments.spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bcikit.data.InvalidInputException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Strict JSON binding for experiment specs. Unknown fields, nulls for required numbers, strings
 * where numbers belong and fractions where integers belong are all errors, and every error names
 * the JSON path it is about ({@code $.parameters.learningRate: expected a number, got "fast"}) so
 * a scientist can fix a spec without reading Java.
 */
public final class SpecBinding {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private SpecBinding() {
    }

    /** The strict mapper; also used to turn parameter records back into trees. */
    public static ObjectMapper mapper() {
        return STRICT;
    }

    /** Parses JSON text; syntax errors name the source with line and column. */
    public static JsonNode readTree(String source, InputStream in) {
        try {
            JsonNode node = STRICT.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(source + ": empty file: expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInputException(source + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Binds {@code node} to {@code type}. {@code base} is the JSON path of {@code node} in its file
     * (such as {@code $.parameters}); {@code origins} maps paths below it to where their value really
     * came from (a swept value's {@code $.sweep[0].values[2]}), so errors point at the user's text.
     */
    public static <T> T bind(JsonNode node, Class<T> type, String source, String base, Map<String, String> origins) {
        try {
            return STRICT.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            String rel = relativePath(e instanceof JsonMappingException ? ((JsonMappingException) e).getPath() : List.of());
            String path = origins.getOrDefault(rel, base + rel);
            throw new InvalidInputException(source + ": " + path + ": " + problem(e, node, rel), e);
        }
    }

    private static String problem(JsonProcessingException e, JsonNode root, String rel) {
        if (e instanceof UnrecognizedPropertyException) {
            Collection<Object> known = ((UnrecognizedPropertyException) e).getKnownPropertyIds();
            String list = known == null ? "" : known.stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            return "unknown field (expected one of: " + list + ")";
        }
        if (e instanceof MismatchedInputException && ((MismatchedInputException) e).getTargetType() != null) {
            JsonNode found = root.at(pointer(rel));
            String got = found.isMissingNode() ? "nothing" : Validation.shorten(found.toString());
            return "expected " + describe(((MismatchedInputException) e).getTargetType()) + ", got " + got;
        }
        return e.getOriginalMessage();
    }

    /** Plain words for what a Java type accepts in JSON. */
    static String describe(Class<?> t) {
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return "a number";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class) {
            return "an integer";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t.isEnum()) {
            Object[] values = t.getEnumConstants();
            StringBuilder sb = new StringBuilder("one of");
            for (int i = 0; i < values.length; i++) {
                sb.append(i == 0 ? " " : ", ").append('"').append(values[i]).append('"');
            }
            return sb.toString();
        }
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "an object";
    }

    /** {@code .a.b[2]} from Jackson's reference chain. */
    static String relativePath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The JSON pointer for a relative path such as {@code .a.b[2]}. */
    static com.fasterxml.jackson.core.JsonPointer pointer(String rel) {
        String p = rel.replace('.', '/').replaceAll("\\[(\\d+)\\]", "/$1");
        return com.fasterxml.jackson.core.JsonPointer.compile(p);
    }
}
