package org.bcikit.data;

import java.nio.file.Path;

/**
 * Input that bcikit cannot use: a malformed file, a missing field, a value out of range.
 *
 * <p>The message is meant for the user as it stands, and names where the problem is, what was
 * expected and what was found, for example
 * {@code session.nwb: /units/spike_times_index: expected an integer array, found a float64 dataset}.
 * The command line prints it without a stack trace and exits with code 2. Everything that reads
 * or validates user input reports failures with this type, never with a bare runtime exception.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem in {@code field} of {@code file}: {@code "file: field: problem"}. */
    public static InvalidInputException at(Path file, String field, String problem) {
        return new InvalidInputException(fileName(file) + ": " + field + ": " + problem);
    }

    /** A problem with {@code file} as a whole: {@code "file: problem"}. */
    public static InvalidInputException in(Path file, String problem) {
        return new InvalidInputException(fileName(file) + ": " + problem);
    }

    /**
     * The same problem, now known to come from {@code file}. Validation inside a builder does
     * not know which file it is reading; the reader adds that here.
     */
    public InvalidInputException inFile(Path file) {
        String prefix = fileName(file) + ": ";
        if (getMessage() != null && getMessage().startsWith(prefix)) {
            return this;
        }
        return new InvalidInputException(prefix + getMessage(), this);
    }

    /**
     * {@code file} could not be parsed: a library failed on it (truncated, bytes flipped, blocks
     * lost). The message says what that means in the user's terms, from the failure's type,
     * never with Java class names: {@code "file: where: the file ends early (truncated?)"}.
     * {@code where} (a field, a path, a byte offset) may be null. The library's failure stays the
     * cause, for {@code --debug}.
     */
    public static InvalidInputException damaged(Path file, String where, Throwable cause) {
        return new InvalidInputException(fileName(file) + ": " + (where == null ? "" : where + ": ")
                + damage(cause), cause);
    }

    /** What a parsing failure means, judged by the first failure in the cause chain whose type says. */
    static String damage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof java.nio.BufferUnderflowException) {
                return "the file ends early (truncated?)";
            }
            if (t instanceof java.util.zip.ZipException || t instanceof java.util.zip.DataFormatException) {
                return "compressed data is corrupt" + detail(t);
            }
            if (t instanceof java.nio.charset.CharacterCodingException) {
                return "expected UTF-8 text, found bytes that are not (corrupt or binary file?)";
            }
            if (t instanceof ArithmeticException) {
                return "a size or offset stored in the file is out of range (corrupt file?)";
            }
            if (t instanceof NegativeArraySizeException) {
                return "a size stored in the file is negative (corrupt file?)";
            }
            if (t instanceof IndexOutOfBoundsException || t instanceof java.nio.BufferOverflowException) {
                return "a size or offset stored in the file points outside its data (corrupt or truncated file?)";
            }
            if (t instanceof OutOfMemoryError) {
                return "a size stored in the file is too large to load (corrupt file?)";
            }
        }
        return "the content is corrupt or not in the expected layout" + detail(failure);
    }

    /** The library's own words when they are words a user can read: no class names. */
    private static String detail(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank() || m.contains("Exception") || m.contains("java.") || m.contains("Error")
                || m.length() > 200) {
            return "";
        }
        return " (" + m.trim() + ")";
    }

    private static String fileName(Path file) {
        return file == null ? "<input>" : file.toString();
    }
}
