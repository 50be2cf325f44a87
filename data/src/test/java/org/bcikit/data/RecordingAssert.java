package org.bcikit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.ejml.data.DMatrixRMaj;

/** Bit-for-bit comparison of two recordings' contents. */
public final class RecordingAssert {

    private RecordingAssert() {
    }

    public static void assertSameContent(Recording expected, Recording actual, boolean startTimes) {
        assertEquals(expected.unitIds(), actual.unitIds());
        assertEquals(expected.binWidth(), actual.binWidth());
        assertEquals(expected.trials().size(), actual.trials().size());
        for (int i = 0; i < expected.trials().size(); i++) {
            Trial e = expected.trials().get(i);
            Trial a = actual.trials().get(i);
            String where = "trial " + i;
            assertArrayEquals(e.counts().data, a.counts().data, where + " counts");
            assertSameMatrix(e.cursorPosition(), a.cursorPosition(), where + " cursor position");
            assertSameMatrix(e.cursorVelocity(), a.cursorVelocity(), where + " cursor velocity");
            assertEquals(e.target(), a.target(), where + " target");
            assertEquals(e.outcome(), a.outcome(), where + " outcome");
            if (startTimes) {
                assertEquals(e.startTime(), a.startTime(), where + " start time");
            }
        }
    }

    private static void assertSameMatrix(DMatrixRMaj e, DMatrixRMaj a, String what) {
        if (e == null) {
            assertNull(a, what);
            return;
        }
        assertEquals(e.numRows, a.numRows, what);
        assertArrayEquals(e.data, a.data, what);
    }
}
