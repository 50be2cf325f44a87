package org.bcikit.experiments.api;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Work that several runs of a sweep have in common, done once and handed to each of them: the
 * memo behind {@link RunContext#shared}. The runner announces, before it starts, the key of every
 * run it is about to do ({@link Experiment#sharedWorkKey}); a key announced for two or more runs is
 * memoised, any other is computed by its one run. An entry is dropped when the last run announced
 * for it has taken it, so memory follows the runs in flight, not the length of the sweep.
 *
 * <p>Thread safety: the first run to ask for a key computes it while holding that key's lock;
 * partners asking meanwhile wait for it and get the same value (computed once, never twice). A
 * failed computation is handed to every partner as the same exception. Other keys are not held up.
 *
 * <p>The value is shared, not copied: it must be immutable, or every run must copy what it changes.
 * Since a value depends only on its key (the experiment builds the key from everything the work
 * reads, including the paired seed), a run gets the same numbers whether it computed the value,
 * took it from a partner, or ran alone in another shard or after {@code --resume}.
 */
public final class SharedWork {

    /** A memo that shares nothing: every run computes its own value (a run outside a sweep). */
    public static final SharedWork NONE = new SharedWork(Map.of());

    private final Map<Object, Entry> entries;

    private SharedWork(Map<Object, Entry> entries) {
        this.entries = entries;
    }

    /**
     * A memo for runs with these keys (one per run; null for a run that shares nothing). Each run
     * must ask for its key exactly once.
     */
    public static SharedWork expecting(Collection<?> keys) {
        Map<Object, Integer> counts = new HashMap<>();
        for (Object k : keys) {
            if (k != null) {
                counts.merge(k, 1, Integer::sum);
            }
        }
        Map<Object, Entry> entries = new ConcurrentHashMap<>();
        counts.forEach((k, n) -> {
            if (n > 1) {
                entries.put(k, new Entry(n));
            }
        });
        return new SharedWork(entries);
    }

    /**
     * The value for {@code key}: computed by {@code work} for the first run that asks, the same
     * object for its partners. {@code work} must depend on nothing but what {@code key} holds.
     */
    public <T> T get(Object key, Supplier<T> work) {
        Entry e = key == null ? null : entries.get(key);
        if (e == null) {
            return work.get();
        }
        Object value;
        synchronized (e) {
            if (!e.done) {
                try {
                    e.value = work.get();
                } catch (RuntimeException x) {
                    e.failure = x;
                }
                e.done = true;
            }
            if (--e.remaining == 0) {
                entries.remove(key);
            }
            if (e.failure != null) {
                throw e.failure;
            }
            value = e.value;
        }
        @SuppressWarnings("unchecked")
        T t = (T) value;
        return t;
    }

    /** Keys still held (announced for runs that have not yet asked). */
    public int held() {
        return entries.size();
    }

    /** One key's value and how many announced runs are still to take it; guarded by its own lock. */
    private static final class Entry {
        int remaining;
        boolean done;
        Object value;
        RuntimeException failure;

        Entry(int remaining) {
            this.remaining = remaining;
        }
    }
}
