package org.bcikit.experiments.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SharedWorkTest {

    @Test
    void partnersAskingAtOnceGetOneComputationAndTheEntryIsDroppedAfterTheLast() throws Exception {
        int threads = 8;
        List<Object> keys = new ArrayList<>(Collections.nCopies(threads, "net"));
        keys.addAll(List.of("other", "other"));
        SharedWork memo = SharedWork.expecting(keys);
        assertEquals(2, memo.held());
        AtomicInteger computed = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> got = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return memo.get("net", () -> {
                        computed.incrementAndGet();
                        double[] work = new double[200_000];
                        for (int i = 1; i < work.length; i++) {
                            work[i] = Math.sqrt(work[i - 1] + i);
                        }
                        return work;
                    });
                }));
            }
            double[] first = got.get(0).get();
            for (Future<double[]> f : got) {
                assertSame(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, computed.get());
        assertEquals(1, memo.held(), "\"net\" is dropped once its 8 runs have it; \"other\" waits for its two");
    }

    @Test
    void aKeyOfOneRunIsNotKeptAndAnEvictedKeyIsComputedAfresh() {
        SharedWork memo = SharedWork.expecting(java.util.Arrays.asList("alone", "pair", "pair", null));
        assertEquals(1, memo.held());
        assertNotSame(memo.get("alone", Object::new), memo.get("alone", Object::new));
        Object a = memo.get("pair", Object::new);
        assertSame(a, memo.get("pair", Object::new));
        assertEquals(0, memo.held());
        assertNotSame(a, memo.get("pair", Object::new));
        assertNotSame(memo.get(null, Object::new), memo.get(null, Object::new));
        assertNotSame(SharedWork.NONE.get("x", Object::new), SharedWork.NONE.get("x", Object::new));
    }

    @Test
    void aFailedComputationFailsEveryPartnerWithoutRunningAgain() {
        SharedWork memo = SharedWork.expecting(List.of("k", "k"));
        AtomicInteger computed = new AtomicInteger();
        IllegalStateException first = assertThrows(IllegalStateException.class, () -> memo.get("k", () -> {
            computed.incrementAndGet();
            throw new IllegalStateException("diverged");
        }));
        IllegalStateException second = assertThrows(IllegalStateException.class,
                () -> memo.get("k", () -> computed.incrementAndGet()));
        assertSame(first, second);
        assertEquals(1, computed.get());
        assertEquals(0, memo.held());
    }

    @Test
    void aRunContextIsTheSameRunWhicheverMemoItCarries() {
        RunContext bare = new RunContext(1, "lazy/WMP", 2, 3L, 4L);
        RunContext shared = bare.withSharedWork(SharedWork.expecting(List.of("a", "a")));
        assertEquals(bare, shared);
        assertEquals(bare.hashCode(), shared.hashCode());
        assertSame(SharedWork.NONE, bare.sharedWork());
    }
}
