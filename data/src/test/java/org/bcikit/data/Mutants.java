package org.bcikit.data;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bcikit.data.format.Recordings;

/**
 * Seeded damage to a file's bytes, for fuzz tests of the readers: the ways real files get broken
 * (a copy cut short, bytes flipped in the header or in the data, a block of zeros where a disk or
 * a transfer lost data). Every mutant read through {@link Recordings#read} must either give a
 * recording or an {@link InvalidInputException} that names the file in the user's terms.
 */
public final class Mutants {

    /** The kinds of damage. */
    public enum Kind { TRUNCATED, HEADER_FLIPPED, DATA_FLIPPED, ZEROED }

    /** One damaged copy and how it was made, for the failure message. */
    public record Mutant(Kind kind, byte[] bytes, String how) {
    }

    /** The outcome counts of a fuzz run, by kind: read fine, or rejected with a clean message. */
    public record Tally(Map<Kind, int[]> byKind, List<String> examples) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            byKind.forEach((k, n) -> sb.append(k).append(": ").append(n[0]).append(" read, ")
                    .append(n[1]).append(" rejected; "));
            return sb.toString();
        }
    }

    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    private Mutants() {
    }

    /**
     * {@code perKind} mutants of {@code original} of each kind, drawn from {@code seed}.
     * {@code header} bytes at the start count as the header region (flips there hit the
     * structure the reader parses first); the rest is data.
     */
    public static List<Mutant> of(byte[] original, int header, int perKind, long seed) {
        Random rnd = new Random(seed);
        int h = Math.max(1, Math.min(header, original.length));
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < perKind; i++) {
            int cut = rnd.nextInt(original.length);
            out.add(new Mutant(Kind.TRUNCATED, java.util.Arrays.copyOf(original, cut), "truncated to " + cut + " bytes"));

            byte[] b = original.clone();
            StringBuilder how = new StringBuilder("flipped header bytes at");
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                int at = rnd.nextInt(h);
                b[at] ^= (byte) (1 + rnd.nextInt(255));
                how.append(' ').append(at);
            }
            out.add(new Mutant(Kind.HEADER_FLIPPED, b, how.toString()));

            b = original.clone();
            how = new StringBuilder("flipped data bytes at");
            for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                int at = original.length > h ? h + rnd.nextInt(original.length - h) : rnd.nextInt(original.length);
                b[at] ^= (byte) (1 + rnd.nextInt(255));
                how.append(' ').append(at);
            }
            out.add(new Mutant(Kind.DATA_FLIPPED, b, how.toString()));

            b = original.clone();
            int len = 1 + rnd.nextInt(Math.max(1, Math.min(4096, original.length / 8)));
            int at = rnd.nextInt(Math.max(1, original.length - len));
            java.util.Arrays.fill(b, at, Math.min(b.length, at + len), (byte) 0);
            out.add(new Mutant(Kind.ZEROED, b, "zeroed " + len + " bytes at " + at));
        }
        return out;
    }

    /**
     * Writes each mutant to {@code target} (the name the reader sees) and reads it; fails the test
     * on any exception other than a clean {@link InvalidInputException} or on a read that takes
     * longer than 10 s. {@code beside} runs before each read, e.g. to restore a sidecar.
     */
    public static Tally check(List<Mutant> mutants, Path target, ReadOptions options) throws IOException {
        Map<Kind, int[]> tally = new EnumMap<>(Kind.class);
        List<String> examples = new ArrayList<>();
        for (Mutant m : mutants) {
            Files.write(target, m.bytes());
            int[] n = tally.computeIfAbsent(m.kind(), k -> new int[2]);
            Throwable thrown = assertTimeoutPreemptively(READ_LIMIT, () -> {
                try {
                    Recordings.read(target, null, options);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }, () -> target + " (" + m.how() + "): read took longer than " + READ_LIMIT);
            if (thrown == null) {
                n[0]++;
                continue;
            }
            if (!(thrown instanceof InvalidInputException)) {
                AssertionError e = new AssertionError(target.getFileName() + " (" + m.how() + "): expected a "
                        + "recording or InvalidInputException, got " + thrown, thrown);
                throw e;
            }
            String msg = thrown.getMessage();
            assertTrue(msg.startsWith(target.toString()), () -> m.how() + ": message does not name the file: " + msg);
            if (msg.contains("Exception") || msg.contains("java.") || msg.contains("Error:")) {
                fail(m.how() + ": message shows a Java class name: " + msg);
            }
            n[1]++;
            if (examples.size() < 6) {
                examples.add(m.how() + " -> " + msg);
            }
        }
        return new Tally(tally, examples);
    }
}
