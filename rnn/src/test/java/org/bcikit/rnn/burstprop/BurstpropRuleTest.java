package org.bcikit.rnn.burstprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

class BurstpropRuleTest {

    private final DMatrixRMaj x = new DMatrixRMaj(2, 1, true, 1, 0);
    private final DMatrixRMaj t = new DMatrixRMaj(1, 1, true, 1);

    /** At the output, taught minus baseline bursts are exactly -p_b times the gradient at the drive. */
    @Test
    void outputDirectionIsTheGradientScaledByTheBaselineBurstProbability() {
        TwoLayerNetwork net = TwoLayerNetwork.random(2, 6, 1, 1.0, new SplittableRandom(3));
        TwoLayerUpdate burst = new TwoLayerUpdate(net);
        TwoLayerUpdate grad = new TwoLayerUpdate(net);
        new BurstpropRule(net, 0.2, 1.0).update(net, x, t, burst, new DMatrixRMaj(6, 1));
        new BackpropGradient(net).gradient(net, x, t, grad);
        CommonOps_DDRM.scale(0.2, grad.secondLayer());
        assertTrue(NormOps_DDRM.normF(grad.secondLayer()) > 1e-3);
        for (int i = 0; i < 6; i++) {
            assertEquals(grad.secondLayer().data[i], burst.secondLayer().data[i], 1e-12);
        }
    }

    /**
     * The published check (Payeur et al. 2021): with Y = W2^T the angle between burstprop's and
     * backprop's first-layer directions is below 90 degrees and shrinks as the dendritic slope does,
     * on each of several random networks with a recurrent Z that leaves a baseline drive.
     */
    @Test
    void angleToBackpropIsAcuteAndShrinksWithTheDendriticSlope() {
        Patterns xor = Patterns.xor();
        for (int seed = 0; seed < 5; seed++) {
            TwoLayerNetwork net = TwoLayerNetwork.random(2, 8, 1, 2.0, new SplittableRandom(seed));
            CommonOps_DDRM.transpose(net.w2(), net.feedback());
            double previous = -1;
            for (double slope : new double[] {0.05, 0.5, 5, 20}) {
                double angle = new UpdateComparison(net, 0.2, slope).firstLayerDegrees(net, xor);
                assertTrue(angle < 90, "seed " + seed + " slope " + slope + ": " + angle);
                assertTrue(angle > previous, "seed " + seed + " slope " + slope + ": " + angle + " <= " + previous);
                previous = angle;
            }
            assertTrue(new UpdateComparison(net, 0.2, 0.05).firstLayerDegrees(net, xor) < 1, "seed " + seed);
        }
    }

    /** Steps along -(-u b_pre^T) drive the baseline dendritic input u to zero on a repeated pattern. */
    @Test
    void recurrentWeightsCancelTheBaselineDrive() {
        TwoLayerNetwork net = TwoLayerNetwork.random(2, 4, 1, 3.0, new SplittableRandom(5));
        BurstpropRule rule = new BurstpropRule(net, 0.2, 1.0);
        TwoLayerUpdate update = new TwoLayerUpdate(net);
        DMatrixRMaj dZ = new DMatrixRMaj(4, 1);
        rule.update(net, x, t, update, dZ);
        double first = NormOps_DDRM.normF(dZ);
        for (int k = 0; k < 2000; k++) {
            CommonOps_DDRM.addEquals(net.recurrent(), -20, dZ);
            rule.update(net, x, t, update, dZ);
        }
        assertTrue(first > 1e-3, "baseline drive " + first);
        assertTrue(NormOps_DDRM.normF(dZ) < 1e-6 * first, "left " + NormOps_DDRM.normF(dZ) + " of " + first);
    }
}
