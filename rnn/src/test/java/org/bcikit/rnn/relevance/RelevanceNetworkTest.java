package org.bcikit.rnn.relevance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RelevanceNetworkTest {

    private static final RelevanceConfig SMALL = RelevanceConfig.published().withSize(4, 2, 1);

    @Test
    void divisiveInhibitionMatchesTheClosedForm() {
        double[][] wxe = {{0.2, 0.0, 0.5, 1.0}, {0.4, 0.3, 0.0, 0.1}};
        double[] wxi = {0.5, 1.0, 0.25, 2.0};
        double[] wie = {0.4, 0.8};
        RelevanceNetwork net = RelevanceNetwork.of(SMALL, new double[4], wxe, wxi, wie, 3.0);
        double[] x = {1, 2, 0, 1};
        // I = (0.5 + 2 + 0 + 2 + 3) * 0.02 = 0.15; drives 1.2 and 1.1
        assertEquals(0.15, net.inhibition(x), 1e-12);
        double[] rates = net.excitatoryRates(x, 1.0);
        assertEquals(1.2 / (0.4 * 0.15 + 0.1), rates[0], 1e-12);
        assertEquals(1.1 / (0.8 * 0.15 + 0.1), rates[1], 1e-12);
        double[] disrupted = net.excitatoryRates(x, 0.9);
        assertEquals(0.9 * rates[0] + 0.1 * 1.2, disrupted[0], 1e-12);
        assertEquals(0.9 * rates[1] + 0.1 * 1.1, disrupted[1], 1e-12);
    }

    @Test
    void tdErrorOfAHandSetSequence() {
        // S = 2, 1, -1 with the US on at the second step: δ = γS(t) − S(t−1) + A·US(t−1)
        assertEquals(0.4 * 1 - 2, TemporalDifference.error(1.4, 0, 0.4, 1, 2), 1e-12);
        assertEquals(1.4 + 0.4 * -1 - 1, TemporalDifference.error(1.4, 1, 0.4, -1, 1), 1e-12);
        // a constant relevance with no US decays: δ = −(1 − γ) S, so learning drives S to 0
        assertEquals(-0.6 * 3, TemporalDifference.error(1.4, 0, 0.4, 3, 3), 1e-12);
    }

    @Test
    void pretrainingBringsRestingRelevanceToTheSetPointAndKeepsWeightsNonNegative() {
        RelevanceConfig c = RelevanceConfig.published().withSize(300, 200, 30).withPretraining(30);
        SplittableRandom random = new SplittableRandom(3);
        RelevanceSimulation sim = new RelevanceSimulation(PlasticSite.INPUT_TO_INHIBITORY, 1.0);
        RelevanceNetwork net = sim.pretrain(RelevanceNetwork.initial(c, random), random);
        StimulusSchedule quiet = new StimulusSchedule.Builder(c.dt(), 0.2).until(10).build();
        RelevanceRun run = sim.run(net, quiet, random);
        double s = 0;
        for (float v : run.relevance()) {
            s += v;
        }
        s /= run.relevance().length;
        // untrained, |E| is about 12 above H at this size; after pre-training it sits within 1 of it
        assertTrue(Math.abs(s) < 1.0, "resting relevance " + s);
        assertTrue(run.network().smallestWeight() >= 0.0);
    }

    @Test
    void everySiteKeepsWeightsNonNegative() {
        RelevanceConfig c = RelevanceConfig.published().withSize(200, 100, 20).withPretraining(5);
        for (PlasticSite site : PlasticSite.values()) {
            SplittableRandom random = new SplittableRandom(5);
            RelevanceSimulation sim = new RelevanceSimulation(site, 0.9);
            RelevanceNetwork net = sim.pretrain(RelevanceNetwork.initial(c, random), random);
            RelevanceRun run = sim.run(net, Protocols.learningToIgnore(c.dt(), 120, random), random);
            assertTrue(run.network().smallestWeight() >= 0.0, site.toString());
        }
    }

    @Test
    void poissonSamplerHasTheRightMean() {
        SplittableRandom random = new SplittableRandom(11);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sum += RelevanceSimulation.poisson(0.4, Math.exp(-0.4), random);
        }
        // s.e. of the mean is sqrt(0.4 / n) = 0.0014
        assertEquals(0.4, sum / n, 0.006);
    }
}
