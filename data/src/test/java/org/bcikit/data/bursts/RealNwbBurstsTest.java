package org.bcikit.data.bursts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.SharedData;
import org.bcikit.data.nwb.NwbReader;
import org.bcikit.data.nwb.NwbSpikeTimes;
import org.junit.jupiter.api.Test;

class RealNwbBurstsTest {

    private static final String ALM = "sub-anm369963_ses-20170228.nwb";
    private static final String THALAMUS = "sub_anm00239123_ses_20170627T093549_ecephys_and_ogen.nwb";
    private static final String MTL = "sub-4_ses-4_ecephys+image.nwb";

    private static List<BurstStatistics> stats(NwbSpikeTimes s) {
        BurstDetector d = new BurstDetector(BurstDetector.DEFAULT_THETA);
        List<BurstStatistics> out = new ArrayList<>();
        for (int u = 0; u < s.units(); u++) {
            out.add(BurstStatistics.overTrain(d.segment(s.spikeTimes(u))));
        }
        return out;
    }

    @Test
    void everyUnitOfTheThreeFilesHasFiniteBurstCodes() throws IOException {
        int[] units = {1, 4, 35};
        long[] spikes = {1679, 34057, 214278};
        String[] files = {ALM, THALAMUS, MTL};
        for (int f = 0; f < files.length; f++) {
            NwbSpikeTimes s = new NwbReader().spikeTimes(SharedData.nwb(files[f]));
            List<BurstStatistics> st = stats(s);
            assertEquals(units[f], st.size(), files[f]);
            assertEquals(spikes[f], st.stream().mapToLong(BurstStatistics::spikes).sum(), files[f]);
            for (BurstStatistics b : st) {
                assertTrue(b.burstFraction() >= 0 && b.burstFraction() <= 1, files[f] + " " + b);
                assertTrue(b.poissonBurstFraction() > 0 && b.poissonBurstFraction() < 1, files[f] + " " + b);
                assertTrue(b.eventRate() > 0 && b.eventRate() <= b.firingRate(), files[f] + " " + b);
                double inBursts = b.bursts() > 0 ? b.bursts() * b.spikesPerBurst() : 0;
                assertEquals(b.spikes(), b.events() - b.bursts() + inBursts, 1e-6, files[f] + " " + b);
            }
        }
    }

    @Test
    void trialTablesGiveStartTimesAndConditions() throws IOException {
        NwbSpikeTimes alm = new NwbReader().spikeTimes(SharedData.nwb(ALM));
        assertEquals(1, alm.unsortedUnits());
        assertEquals(178, alm.trials());
        assertEquals("type", alm.conditionColumn());
        assertTrue(List.of(alm.trialLabels("type")).contains("lick left"));
        double[] start = alm.trialTimes("start_time");
        double[] stop = alm.trialTimes("stop_time");
        for (int i = 0; i < 178; i++) {
            assertTrue(stop[i] > start[i], "NaN stops filled as the binned reader does, row " + i);
        }
        NwbSpikeTimes mtl = new NwbReader().spikeTimes(SharedData.nwb(MTL));
        assertFalse(mtl.hasTrials());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> mtl.trialTimes("start_time"));
        assertTrue(e.getMessage().contains("recognition_table (180 rows)"), e.getMessage());
        NwbSpikeTimes rec = new NwbReader("recognition_table").spikeTimes(SharedData.nwb(MTL));
        assertEquals(180, rec.trials());
        e = assertThrows(InvalidInputException.class, () -> rec.trialTimes("no_such_column"));
        assertTrue(e.getMessage().contains("start_time, stop_time"), e.getMessage());
    }
}
