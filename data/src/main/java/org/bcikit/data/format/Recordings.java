package org.bcikit.data.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.csv.CsvRecordingWriter;
import org.bcikit.data.npy.NpyRecordingWriter;

/** The one entry point for reading and writing recordings in any supported format. */
public final class Recordings {

    private Recordings() {
    }

    /**
     * Reads {@code file} in {@code format}, or in the format its extension names when
     * {@code format} is null. A missing file, an unknown extension and malformed content are all
     * {@link InvalidInputException}s naming the file.
     */
    public static Recording read(Path file, RecordingFormat format, ReadOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.in(file, Files.exists(file) ? "expected a file, found a folder"
                    : "no such file");
        }
        RecordingFormat f = format != null ? format : RecordingFormat.forFile(file);
        if (f == RecordingFormat.NWB && options != null && !options.fields().isEmpty()) {
            // NWB names its fields by its schema; a mapping would be silently ignored.
            throw InvalidInputException.in(file, "--fields " + options.fields() + ": NWB files are read by their "
                    + "schema (units table, trials table, behaviour); --fields applies to MAT, CSV and NPY");
        }
        try {
            return f.reader().read(file, options == null ? ReadOptions.defaults() : options);
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        } catch (EOFException | ZipException | CharacterCodingException e) {
            // Content problems that Java reports as I/O errors: the file is there but damaged.
            throw InvalidInputException.damaged(file, null, e);
        } catch (RuntimeException | OutOfMemoryError e) {
            // Each reader turns the failures it knows of into messages; this catches the rest of
            // what a damaged file can provoke inside a library, so no user sees a Java class name.
            throw InvalidInputException.damaged(file, null, e);
        }
    }

    /** Reads {@code file} by its extension with default options. */
    public static Recording read(Path file) throws IOException {
        return read(file, null, ReadOptions.defaults());
    }

    /** Writes {@code r} as CSV or NPY (by {@code format}, or by the extension when null), atomically. */
    public static void write(Path file, Recording r, RecordingFormat format) throws IOException {
        RecordingFormat f = format != null ? format : RecordingFormat.forFile(file);
        switch (f) {
            case CSV -> CsvRecordingWriter.write(file, r);
            case NPY -> NpyRecordingWriter.write(file, r);
            default -> throw new UnsupportedOperationException("bcikit writes recordings as CSV or NPY, not " + f);
        }
    }
}
