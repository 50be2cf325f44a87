package org.bcikit.data;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON output for everything that is not a plain matrix: fitted models, summaries, results.
 * Files are pretty-printed, keep field order, and are written atomically.
 */
public final class JsonFiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

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
}
