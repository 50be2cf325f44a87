package org.bcikit.rnn.adaptation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.manifold.geometry.PrincipalAngles;
import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.dale.ColEiWeights;
import org.bcikit.rnn.learning.ExponentiatedGradient;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The protocol of Payeur, Orsborn and Lajoie 2023 (science.md §5.1) on small seeded runs. */
class StaticPerturbationProtocolTest {

    private static final int N = 100;
    private static final int SEEDS = 4;
    private static final int STEPS = 100;

    private static StaticBciSetup setup(double exponent, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DenseWeights w = new DenseWeights(Initialisation.gaussian(N, exponent, rng));
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6), w, 1e-2, 0, rng);
        return StaticBciSetup.prepare(net, new GradientDescent(1e-2), 500, 6);
    }

    /** Per seed, performance after STEPS steps at lr 1e-3: [seed][0] WMP, [seed][1] OMP. */
    private static double[][] performance(double exponent) {
        double[][] out = new double[SEEDS][2];
        for (int seed = 0; seed < SEEDS; seed++) {
            StaticBciSetup s = setup(exponent, seed + 1);
            MatchedPerturbations.Selection sel = MatchedPerturbations.select(s, 500, new SplittableRandom(seed + 100));
            int i = 0;
            for (ReadoutPerturbation p : new ReadoutPerturbation[] {sel.wmp(), sel.omp()}) {
                StaticGaussianNetwork net = s.network().copy();
                net.setReadout(p.readout());
                StaticAdaptationResult r = new StaticAdaptation(STEPS, STEPS, 10)
                        .run(net, new GradientDescent(1e-3), s.decoder(), s.activity());
                assertTrue(r.completed(), r.stopReason());
                double[] perf = r.performance();
                assertEquals(STEPS + 1, perf.length);
                assertEquals(perf[STEPS], r.last().performance(), 1e-12);
                out[seed][i++] = perf[STEPS];
            }
        }
        return out;
    }

    private static double meanAdvantage(double[][] perf) {
        double s = 0;
        for (double[] p : perf) {
            s += (p[0] - p[1]) / perf.length;
        }
        return s;
    }

    @Test
    void lazyNetworksAdaptFasterToWithinManifoldPerturbationsRichOnesDoNot() {
        double lazy = meanAdvantage(performance(Initialisation.LAZY_EXPONENT));
        double rich = meanAdvantage(performance(Initialisation.RICH_EXPONENT));
        // measured: lazy WMP - OMP = +0.27 (WMP about 0.72, OMP 0.45), rich = +0.004 (both about 0.12)
        assertTrue(lazy > 0.15, "lazy WMP advantage " + lazy);
        assertTrue(Math.abs(rich) < 0.05, "rich WMP advantage " + rich);
    }

    @Test
    void decoderReproducesAReadoutThatLiesInTheManifoldAndWmpsStayInIt() {
        StaticBciSetup s = setup(Initialisation.LAZY_EXPONENT, 7);
        ManifoldDecoder dec = s.decoder();
        DMatrixRMaj c = dec.axes();
        DMatrixRMaj cct = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.multTransB(c, c, cct);
        assertTrue(CommonOps_DDRM.identity(6).equals(cct) || maxAbsDiff(cct, CommonOps_DDRM.identity(6)) < 1e-10);
        // a readout D0 C is recovered exactly: D = D0 C Q C^T (C Q C^T)^-1 = D0
        DMatrixRMaj d0 = new DMatrixRMaj(new double[][] {{1, -2, 0.5, 0, 3, 1}, {0.2, 0, -1, 4, 0, 2}});
        DMatrixRMaj v = new DMatrixRMaj(2, N);
        CommonOps_DDRM.mult(d0, c, v);
        assertTrue(maxAbsDiff(ManifoldDecoder.fit(s.activity(), v, 6).factorReadout(), d0) < 1e-9);
        MatchedPerturbations.Selection sel = MatchedPerturbations.select(s, 200, new SplittableRandom(3));
        assertEquals(719, sel.wmpCandidates());
        // the WMP reads the same 6-dimensional manifold; the OMP reads another subspace
        DMatrixRMaj ct = CommonOps_DDRM.transpose(c, null);
        DMatrixRMaj wmpRows = CommonOps_DDRM.transpose(sel.wmp().readout(), null);
        DMatrixRMaj ompRows = CommonOps_DDRM.transpose(sel.omp().readout(), null);
        assertTrue(PrincipalAngles.largest(ct, wmpRows) < 1e-6);
        assertTrue(PrincipalAngles.largestDegrees(ct, ompRows) > 30);
        // the chosen pair starts about equally hard, harder than the intuitive decoder
        assertEquals(sel.wmp().loss(), sel.omp().loss(), 0.3 * sel.omp().loss());
        assertTrue(sel.omp().loss() > 2 * s.intuitive().total());
        // initial training lowered the loss
        assertTrue(s.trainingLoss()[500] < 0.5 * s.trainingLoss()[0]);
    }

    private static double maxAbsDiff(DMatrixRMaj a, DMatrixRMaj b) {
        double m = 0;
        for (int i = 0; i < a.data.length; i++) {
            m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
        }
        return m;
    }

    @Test
    void anUnstableRunStopsAndIsRecorded() {
        StaticBciSetup s = setup(Initialisation.LAZY_EXPONENT, 2);
        StaticGaussianNetwork net = s.network().copy();
        MatchedPerturbations.Selection sel = MatchedPerturbations.select(s, 100, new SplittableRandom(5));
        net.setReadout(sel.omp().readout());
        StaticAdaptationResult r = new StaticAdaptation(2000, 50, 1).run(net, new GradientDescent(0.5), s.decoder(),
                s.activity());
        assertTrue(r.unstable(), "expected instability at learning rate 0.5");
        assertEquals(r.stoppedAt(), r.loss().length);
        assertTrue(r.stopReason().contains("spectral radius"));
        assertTrue(EigenvalueSpectrum.of(net.recurrent().effective()).spectralRadius() >= 1.0);
    }

    @Test
    void daleNetworksAdaptWithExponentiatedGradientAndKeepTheirSigns() {
        SplittableRandom rng = new SplittableRandom(12);
        ColEiWeights w = ColEiWeights.initialise(40, 0.2, 0.5, rng);
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6), w, 1e-2, 0, rng);
        StaticBciSetup s = StaticBciSetup.prepare(net, ExponentiatedGradient.plain(1e-2), 300, 6);
        assertTrue(s.trainingLoss()[300] < 0.8 * s.trainingLoss()[0], "initial training with EG learned");
        MatchedPerturbations.Selection sel = MatchedPerturbations.select(s, 200, rng);
        StaticGaussianNetwork adapting = s.network().copy();
        adapting.setReadout(sel.wmp().readout());
        StaticAdaptationResult r = new StaticAdaptation(200, 100, 10).run(adapting, ExponentiatedGradient.plain(1e-2),
                s.decoder(), s.activity());
        assertTrue(r.completed(), r.stopReason());
        assertTrue(r.performance()[200] > 0.05, "EG adaptation improved: " + r.performance()[200]);
        ColEiWeights adapted = (ColEiWeights) adapting.recurrent();
        DMatrixRMaj eff = adapted.effective();
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                assertTrue(eff.get(i, j) * adapted.sign(j) >= 0, "Dale's law broken at " + i + "," + j);
            }
        }
    }

    @Test
    void adaptationCanStopAtAFractionOfTheInitialLoss() {
        SplittableRandom rng = new SplittableRandom(13);
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(30, Initialisation.LAZY_EXPONENT, rng)), 1e-2, 0, rng);
        StaticBciSetup s = StaticBciSetup.prepare(net, new GradientDescent(1e-2), 100, 6);
        StaticGaussianNetwork adapting = s.network().copy();
        adapting.setReadout(MatchedPerturbations.select(s, 100, rng).omp().readout());
        StaticAdaptationResult r = new StaticAdaptation(5000, 1000, 10).untilLossFraction(0.75)
                .run(adapting, new GradientDescent(1e-2), s.decoder(), s.activity());
        assertTrue(r.reachedTarget() && r.completed() && !r.unstable(), r.stopReason());
        double[] l = r.loss();
        assertTrue(l[l.length - 1] <= 0.75 * l[0] && l[l.length - 2] > 0.75 * l[0]);
        assertEquals(l.length, r.stoppedAt());
        assertEquals(l.length - 1, r.last().step());
    }
}
