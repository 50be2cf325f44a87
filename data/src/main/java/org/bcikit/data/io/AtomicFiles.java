package org.bcikit.data.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files so that nothing is ever half-written: the content goes to a temporary file in the
 * same folder, which is renamed over the target only once it is complete. A killed run leaves
 * either the old file or the new one, never a truncated one. The file gets the permissions any
 * newly created file gets (the process umask), as if written with {@link Files#newOutputStream}.
 */
public final class AtomicFiles {

    /** Produces a file's content on a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Names temporary files; SecureRandom so that concurrent JVMs writing one folder do not collide. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code target} atomically, creating parent folders as needed. */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            // Not Files.createTempFile: it creates the file owner-only (0600) and the rename keeps
            // that mode, so colleagues on shared storage could not read results. CREATE_NEW gives
            // the mode any new file gets under the umask, and still never opens an existing file.
            OutputStream out = null;
            while (out == null) {
                tmp = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
                try {
                    out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null; // another writer's temporary file: draw another name
                }
            }
            try (OutputStream o = out) {
                content.writeTo(o);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes a UTF-8 string to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
