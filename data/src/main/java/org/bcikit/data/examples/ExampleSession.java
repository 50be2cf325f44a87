package org.bcikit.data.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.io.AtomicFiles;

/**
 * A real session bundled as a resource of the jar, with the licence it was published under.
 * Both are MATLAB v5 files from public BSD-3-Clause codepacks; the licence text sits beside each
 * file in the jar ({@code org/bcikit/data/examples/NAME/LICENSE}).
 *
 * <p>Readers take a {@link Path}, so {@link #file()} extracts the resource once into a cache
 * folder under {@code java.io.tmpdir} keyed by the name and the content's hash: a new build with
 * other bytes gets a new folder, and a damaged or edited cached copy is rewritten. Specs and
 * messages name a session by its {@link #reference()}, {@code example:NAME}.
 */
public enum ExampleSession {

    /** Golub et al. 2018 (Nat Neurosci 21:607): one rig session of monkey J in the rig layout. */
    GOLUB2018("golub2018", "exampleData.mat",
            "Golub, Sadtler, Oby, Quick, Ryu, Tyler-Kabara, Batista, Chase & Yu, \"Learning by neural "
                    + "reassociation\", Nature Neuroscience 21:607 (2018); codepack mattgolub/bci_learning, "
                    + "BSD-3-Clause, Copyright (c) 2018 Matthew D Golub"),
    /** Golub, Yu &amp; Chase 2015 (eLife 4:e10015): a closed-loop session with cursor trajectories. */
    IME2015("ime2015", "example_data.mat",
            "Golub, Yu & Chase, \"Internal models for interpreting neural population activity during "
                    + "sensorimotor control\", eLife 4:e10015 (2015); codepack mattgolub/internal_model_estimation, "
                    + "BSD-3-Clause, Copyright (c) 2018 Matt Golub");

    /** How specs and results refer to a bundled session: {@code example:golub2018}. */
    public static final String PREFIX = "example:";

    private final String id;
    private final String fileName;
    private final String credit;

    ExampleSession(String id, String fileName, String credit) {
        this.id = id;
        this.fileName = fileName;
        this.credit = credit;
    }

    /** The names {@link #named} accepts, in order. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (ExampleSession e : values()) {
            out.add(e.id);
        }
        return out;
    }

    /** The session called {@code name}; an unknown name is bad input that lists the known ones. */
    public static ExampleSession named(String name) {
        for (ExampleSession e : values()) {
            if (e.id.equals(name)) {
                return e;
            }
        }
        throw new InvalidInputException("--example: expected one of " + String.join(", ", names()) + ", found '"
                + name + "'");
    }

    /**
     * The session {@code input} refers to when it is {@code example:NAME}; empty for any other
     * string (a path). {@code example:} with an unknown name is bad input.
     */
    public static Optional<ExampleSession> referencedBy(String input) {
        if (input == null || !input.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String name = input.substring(PREFIX.length());
        for (ExampleSession e : values()) {
            if (e.id.equals(name)) {
                return Optional.of(e);
            }
        }
        throw new InvalidInputException(input + ": no such bundled example; expected " + PREFIX + "NAME with NAME one of "
                + String.join(", ", names()));
    }

    /** The short name, as given to {@code --example}. */
    public String id() {
        return id;
    }

    /** {@code example:NAME}: what results record as the input. */
    public String reference() {
        return PREFIX + id;
    }

    /** The file's name as published ({@code exampleData.mat}); the extension chooses the reader. */
    public String fileName() {
        return fileName;
    }

    /** Who published it, where, and under which licence: one line for outputs and help. */
    public String credit() {
        return credit;
    }

    /** The full licence text shipped with the file. */
    public String licence() {
        return new String(resource("LICENSE"), StandardCharsets.UTF_8);
    }

    /** The session's bytes, exactly as published. */
    public byte[] bytes() {
        return resource(fileName);
    }

    /**
     * The file a spec's {@code input} names: a bundled {@code example:NAME}, extracted, or a path
     * that must exist. {@code what} says what the file holds and {@code suggested} which example to
     * offer, for the message ({@code $.parameters.input: x.mat: no such file; give a rig session with
     * --input FILE, or --example golub2018}).
     */
    public static Path resolve(String input, String what, ExampleSession suggested) throws IOException {
        Optional<ExampleSession> example = referencedBy(input);
        if (example.isPresent()) {
            return example.get().file();
        }
        Path p = Path.of(input);
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException("$.parameters.input: " + input + ": no such file; give "
                    + what + " with --input FILE, or --example " + suggested.id());
        }
        return p;
    }

    /**
     * A readable copy of the session on disk, extracted on first use. The copy is compared with
     * the resource on every call (a few hundred KB) so a truncated or edited cache is never read.
     */
    public Path file() throws IOException {
        return file(cacheFolder());
    }

    /** As {@link #file()}, extracting under {@code cache} (tests use their own folder). */
    Path file(Path cache) throws IOException {
        byte[] content = bytes();
        Path target = cache.resolve(id + "-" + sha256(content).substring(0, 16)).resolve(fileName);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
            return target;
        }
        AtomicFiles.write(target, out -> out.write(content));
        return target;
    }

    /** Per user, so that one user's cache never blocks another's on a shared machine. */
    private static Path cacheFolder() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "bcikit-examples-" + user);
    }

    private byte[] resource(String name) {
        String path = id + "/" + name;
        try (InputStream in = ExampleSession.class.getResourceAsStream(path)) {
            if (in == null) {
                // only a broken build can get here: the files are part of the data module's jar
                throw new IllegalStateException("resource org/bcikit/data/examples/" + path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
