package org.bcikit.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one file format into a {@link Recording}. Implementations report every problem with the
 * file's content as an {@link InvalidInputException} naming the file, the field and what was
 * expected; {@link IOException} is left for failures of the file system itself.
 */
public interface RecordingReader {

    Recording read(Path file, ReadOptions options) throws IOException;
}
