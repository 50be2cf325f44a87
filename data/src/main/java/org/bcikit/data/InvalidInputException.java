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

    private static String fileName(Path file) {
        return file == null ? "<input>" : file.toString();
    }
}
