package org.bcikit.data.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON output for everything that is not a plain matrix: fitted models, summaries, results.
 * Files are pretty-printed, keep field order, and are written atomically.
 *
 * <p>Non-finite numbers (NaN, +-Infinity: a metric a run did not reach, a statistic of too few
 * values) are written as {@code null} in every file, whether they come from a map, a record, a
 * {@code double[]} or a Jackson tree, because JSON has no such numbers: Jackson's default, the
 * string {@code "NaN"}, is a string to every other JSON reader. Readers turn null back into NaN.
 */
public final class JsonFiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .addDecorator((factory, generator) -> new FiniteOrNull(generator))
                    .build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Writes non-finite doubles and floats as null; every number Jackson writes passes through here. */
    private static final class FiniteOrNull extends JsonGeneratorDelegate {
        FiniteOrNull(JsonGenerator d) {
            super(d, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) {
                delegate.writeNumber(v);
            } else {
                delegate.writeNull();
            }
        }

        @Override
        public void writeNumber(float v) throws IOException {
            if (Float.isFinite(v)) {
                delegate.writeNumber(v);
            } else {
                delegate.writeNull();
            }
        }

        @Override
        public void writeArray(double[] array, int offset, int length) throws IOException {
            // the delegate would write the array itself, past writeNumber(double)
            writeStartArray(array, length);
            for (int i = offset; i < offset + length; i++) {
                writeNumber(array[i]);
            }
            writeEndArray();
        }
    }

    private JsonFiles() {
    }

    /** The project's configured mapper (thread-safe once configured; never reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code value} (a map, list, record or Jackson tree) as JSON to {@code target} atomically. */
    public static void write(Path target, Object value) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(value);
        AtomicFiles.write(target, out -> {
            out.write(bytes);
            out.write('\n');
        });
    }

    /**
     * A JSON object with its keys in the order given ({@code key, value, key, value, ...}).
     * {@code Map.of} would do, but its iteration order changes from one JVM run to the next, and
     * the same seed must give the same files.
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected key, value pairs, got " + keysAndValues.length + " items");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
