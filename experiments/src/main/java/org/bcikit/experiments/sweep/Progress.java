package org.bcikit.experiments.sweep;

import java.io.PrintStream;

/**
 * Progress of a sweep on stderr: runs done of total, elapsed time and an estimate of the time left,
 * at most one line every two seconds (and always the last). Thread-safe.
 */
public final class Progress {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream err;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private int done;

    /** {@code err} null means quiet. */
    Progress(PrintStream err, String label, int total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    synchronized void runFinished() {
        done++;
        long now = System.nanoTime();
        if (err != null && (done == total || now - lastPrint >= INTERVAL_NANOS)) {
            lastPrint = now;
            double elapsed = (now - start) / 1e9;
            String eta = done == total ? "done" : "ETA " + clock(elapsed / done * (total - done));
            err.printf("%s: %d/%d runs (%d%%), %s elapsed, %s%n", label, done, total, 100 * done / total,
                    clock(elapsed), eta);
            err.flush();
        }
    }

    synchronized double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** {@code h:mm:ss} or {@code m:ss}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
