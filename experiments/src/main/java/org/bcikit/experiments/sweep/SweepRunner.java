package org.bcikit.experiments.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.NumericalFailureException;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.api.SharedWork;
import org.bcikit.experiments.results.ResultsFolder;
import org.bcikit.experiments.results.RunStore;

/**
 * Runs a plan's runs (or one shard's) on a thread pool and stores each as it finishes. Every run's
 * numbers depend only on its condition and seeds ({@link org.bcikit.experiments.api.RunSeeds}), never on the thread that runs
 * it, so any thread count gives identical run files. With {@code resume}, runs whose files are
 * already complete are read back instead of run again: a killed sweep loses only the runs that were
 * in flight.
 *
 * <p>Runs that share work ({@link org.bcikit.experiments.api.Experiment#sharedWorkKey}) get it from one
 * {@link SharedWork} memo for the runs this call does; a partner that is not among them (finished
 * before a resume, or in another shard) is not waited for: its work is simply done again, to the same
 * numbers.
 */
public final class SweepRunner {

    /**
     * @param threads worker threads (at least 1)
     * @param shard   which slice of the runs to do
     * @param resume  keep finished runs already in the folder
     * @param err     where progress goes; null for quiet
     */
    public record Options(int threads, Shard shard, boolean resume, PrintStream err) {

        /** All cores, whole sweep, fresh start, progress on stderr. */
        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), Shard.ALL, false, System.err);
        }
    }

    /** What a sweep did: its runs (this shard's, in run order), how many ran and were reused, wall time. */
    public record Outcome(List<RunRecord> runs, int ran, int reused, double seconds) {
    }

    private SweepRunner() {
    }

    /** Runs {@code plan}'s runs in {@code shard} into {@code folder}. */
    public static <P> Outcome run(ExperimentPlan<P> plan, ResultsFolder folder, Options options) throws IOException {
        RunStore store = folder.runs();
        List<RunContext> todo = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        List<RunRecord> results = new ArrayList<>();
        for (int k = 0; k < plan.runCount(); k++) {
            if (!options.shard().includes(k)) {
                continue;
            }
            RunContext c = plan.run(k);
            Optional<RunRecord> done = options.resume() ? store.read(c) : Optional.empty();
            results.add(done.orElse(null));
            if (done.isEmpty()) {
                todo.add(c);
                slots.add(results.size() - 1);
            }
        }
        int reused = results.size() - todo.size();
        String label = plan.name() + (options.shard().isAll() ? "" : " shard " + options.shard());
        if (options.err() != null) {
            options.err().printf("%s: %d runs (%d conditions x %d seeds%s) on %d threads%s%n", label, results.size(),
                    plan.conditions().size(), plan.seeds(), options.shard().isAll() ? "" : ", this shard's slice",
                    options.threads(), reused > 0 ? "; " + reused + " already done" : "");
        }
        Progress progress = new Progress(options.err(), label, todo.size());
        AtomicBoolean failed = new AtomicBoolean();
        AtomicInteger ran = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
            Thread t = new Thread(r, "bcikit-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Object> keys = new ArrayList<>();
            for (RunContext c : todo) {
                keys.add(plan.experiment().sharedWorkKey(plan.conditions().get(c.conditionIndex()).parameters(), c));
            }
            SharedWork memo = SharedWork.expecting(keys);
            List<Future<RunRecord>> futures = new ArrayList<>(Collections.nCopies(todo.size(), null));
            for (int i : submissionOrder(keys, Math.max(1, options.threads()))) {
                RunContext c = todo.get(i).withSharedWork(memo);
                futures.set(i, pool.submit(() -> {
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        RunRecord r = runOne(plan, c);
                        store.write(r);
                        ran.incrementAndGet();
                        progress.runFinished();
                        return r;
                    } catch (RunFailed e) {
                        store.writeFailure(c, e.getMessage());
                        failed.set(true);
                        throw e;
                    } catch (Exception | Error e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            Throwable first = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.set(slots.get(i), futures.get(i).get());
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (first != null) {
                throw rethrow(first);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(results, ran.get(), reused, progress.elapsedSeconds());
    }

    /**
     * The order runs are handed to the pool: runs with equal keys form a group, and groups are taken
     * {@code threads} at a time and interleaved (first member of each, then the second of each, ...).
     * So partners run close together, and the memo holds about {@code threads} keys at once, yet the
     * threads start on different keys, so none waits while a partner does the shared work. Order
     * affects only when a run happens, never its numbers.
     */
    static List<Integer> submissionOrder(List<Object> keys, int threads) {
        List<List<Integer>> groups = new ArrayList<>();
        Map<Object, List<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Object k = keys.get(i);
            List<Integer> g = k == null ? null : byKey.get(k);
            if (g == null) {
                g = new ArrayList<>();
                groups.add(g);
                if (k != null) {
                    byKey.put(k, g);
                }
            }
            g.add(i);
        }
        List<Integer> order = new ArrayList<>(keys.size());
        for (int start = 0; start < groups.size(); start += threads) {
            List<List<Integer>> window = groups.subList(start, Math.min(groups.size(), start + threads));
            int longest = window.stream().mapToInt(List::size).max().orElse(0);
            for (int member = 0; member < longest; member++) {
                for (List<Integer> g : window) {
                    if (member < g.size()) {
                        order.add(g.get(member));
                    }
                }
            }
        }
        return order;
    }

    private static <P> RunRecord runOne(ExperimentPlan<P> plan, RunContext c) throws Exception {
        long t0 = System.nanoTime();
        P parameters = plan.conditions().get(c.conditionIndex()).parameters();
        Measurements m;
        try {
            m = plan.experiment().run(parameters, c);
        } catch (InvalidInputException e) {
            throw e;
        } catch (NumericalFailureException e) {
            // the run's own (learned) model failed, not the spec: a failed run, exit 1
            throw new RunFailed("run " + c.condition() + " seed " + c.seedIndex() + " failed, a numerical failure "
                    + "(not bad input): " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("run " + c.condition() + " seed " + c.seedIndex() + " failed: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        return new RunRecord(c, m.scalars(), m.curves(), (System.nanoTime() - t0) / 1e9);
    }

    /** A run that could not finish for a reason of its own; its reason is stored beside the run files. */
    static final class RunFailed extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RunFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RunFailed) {
            return (RunFailed) t;
        }
        if (t instanceof InvalidInputException) {
            return (InvalidInputException) t;
        }
        if (t instanceof IOException) {
            return new UncheckedIOException((IOException) t);
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t.getMessage() == null ? t.toString() : t.getMessage(), t);
    }
}
