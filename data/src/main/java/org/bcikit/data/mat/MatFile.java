package org.bcikit.data.mat;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bcikit.data.InvalidInputException;

/**
 * A MATLAB {@code .mat} file opened for reading, whichever kind it is: v5/v7 (read with MFL) or
 * v7.3 (HDF5 with a 512-byte MATLAB user block, read with jHDF). The kind is taken from the bytes,
 * never from the name: v7.3 files carry the HDF5 signature at offset 512 (a plain HDF5 file with
 * the signature at offset 0 and MATLAB's layout is accepted too); v5/v7 files begin with the text
 * {@code MATLAB 5.0 MAT-file} and carry the endian indicator {@code IM}/{@code MI} at byte 126.
 *
 * <p>Variables are {@link MatValue}s named by their MATLAB path. Problems with the content are
 * {@link InvalidInputException}s naming the file and the path; {@link IOException} is left for
 * the file system.
 */
abstract class MatFile implements Closeable {

    static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final int HEADER = 128;
    private static final int USER_BLOCK = 512;

    private final Path file;

    protected MatFile(Path file) {
        this.file = file;
    }

    /** Opens {@code file}, choosing the reader from its first bytes. */
    static MatFile open(Path file) throws IOException {
        long size = Files.size(file);
        byte[] head = new byte[(int) Math.min(size, USER_BLOCK + HDF5_SIGNATURE.length)];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, head.length);
        }
        if (startsWith(head, USER_BLOCK, HDF5_SIGNATURE) || startsWith(head, 0, HDF5_SIGNATURE)) {
            return MatV73File.read(file);
        }
        String text = new String(head, 0, Math.min(head.length, 116), StandardCharsets.ISO_8859_1);
        if (text.startsWith("MATLAB 7.3 MAT-file")) {
            throw InvalidInputException.in(file, "expected the HDF5 signature of a MATLAB v7.3 file at byte "
                    + USER_BLOCK + ", found none (file truncated to " + size + " bytes?)");
        }
        if (size < HEADER) {
            throw InvalidInputException.in(file, "expected a MATLAB .mat file (at least a " + HEADER
                    + "-byte header), found only " + size + " bytes");
        }
        boolean endian = (head[126] == 'I' && head[127] == 'M') || (head[126] == 'M' && head[127] == 'I');
        if (!text.startsWith("MATLAB 5.0 MAT-file") || !endian) {
            throw InvalidInputException.in(file, "expected a MATLAB .mat file (v5/v7 header 'MATLAB 5.0 "
                    + "MAT-file' or a v7.3 HDF5 signature at byte 512), found "
                    + printable(text.substring(0, Math.min(text.length(), 24)))
                    + " (MATLAB v4 files are not supported: save with -v7 or -v7.3)");
        }
        return MatV5File.read(file);
    }

    /** The file this was read from. */
    final Path file() {
        return file;
    }

    /** {@code v5} (also v6/v7, which share the format) or {@code v7.3}. */
    abstract String version();

    /** Names of the top-level variables. */
    abstract List<String> variableNames();

    /** Top-level variable {@code name}, or null when the file has none of that name. */
    protected abstract MatValue variableOrNull(String name);

    final boolean has(String name) {
        return variableNames().contains(name);
    }

    /** Top-level variable {@code name}; an error listing the variables when it is missing. */
    final MatValue variable(String name) {
        MatValue v = variableOrNull(name);
        if (v == null) {
            throw InvalidInputException.at(file, name, "missing variable (the file has: "
                    + String.join(", ", variableNames()) + ")");
        }
        return v;
    }

    /** A dotted path from a top-level variable through scalar struct fields, e.g. {@code a.b.c}. */
    final MatValue path(String dotted) {
        String[] parts = dotted.split("\\.");
        MatValue v = variable(parts[0]);
        for (int k = 1; k < parts.length; k++) {
            v = v.field(parts[k]);
        }
        return v;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            sb.append(c >= 32 && c < 127 ? c : '?');
        }
        return sb.append('\'').toString();
    }
}
