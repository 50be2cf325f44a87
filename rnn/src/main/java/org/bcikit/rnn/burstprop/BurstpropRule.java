package org.bcikit.rnn.burstprop;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The rate form of burstprop for one pattern (Payeur, Guerguiev, Zenke, Richards &amp; Naud, Nat
 * Neurosci 24:1010, 2021, doi:10.1038/s41593-021-00857-x; science.md §11). Events
 * {@code e = σ(W x + b)} carry the forward pass. Each pattern is seen twice, without and with the
 * teacher:
 * <ul>
 * <li>output: baseline burst probability {@code p = p_b}, taught {@code p_t = p_b ((y - e)(1 - e) + 1)};
 *     bursts {@code b = p e};</li>
 * <li>hidden: {@code p = σ(β u)} with dendritic input {@code u = (Y b_above) ⊙ (1 - e) - Z b_pre}.</li>
 * </ul>
 * <p>Our reading of "p_t the same with teacher bursts" for the hidden layer: its baseline {@code p}
 * uses the output's baseline bursts as {@code b_above}, its taught {@code p_t} the output's taught
 * bursts, and in both phases {@code b_pre} is the output's baseline (pre-teaching) bursts, so Z
 * subtracts the drive the hidden dendrites receive without a teacher and only the teacher-evoked
 * change in bursts reaches them as signal. Hidden units have no teacher of their own: their
 * "teacher bursts" are those the output's taught bursts evoke through Y. Each layer then moves by
 * {@code δ = -(b_t - b)}, {@code ΔW = -η δ x^T} ({@code x} the layer's input events), and Z learns
 * to silence the baseline dendrite, {@code ΔZ = -η_Z (-u b_pre^T)}, u being the baseline phase's.
 *
 * <p>Why it approximates backprop: at the output {@code b_t - b = p_b e (1 - e)(y - e)}, exactly
 * {@code -p_b} times the squared error's gradient at the output's drive; at a hidden unit the
 * difference of burst probabilities is {@code σ'(β u) β (1 - e) (Y (b_t - b)_above)} to first order,
 * which with {@code Y = W2^T} is backprop's hidden delta up to the per-unit factor
 * {@code σ'(β u)}. A smaller slope β makes that factor more uniform and the first order more exact,
 * hence a smaller angle to backprop.
 *
 * <p>Writes directions in the sign of a gradient ({@link TwoLayerUpdate}); holds its work vectors,
 * so one instance serves one thread.
 */
public final class BurstpropRule {

    private final double baselineBurst;
    private final double slope;
    private final DMatrixRMaj hidden;
    private final DMatrixRMaj output;
    private final DMatrixRMaj burstsBaseline;
    private final DMatrixRMaj burstsTaught;
    private final DMatrixRMaj cancel;
    private final DMatrixRMaj drive;
    private final DMatrixRMaj dendriteBaseline;
    private final DMatrixRMaj dendriteTaught;
    private final DMatrixRMaj delta;
    private final DMatrixRMaj deltaHidden;

    /** A rule with output baseline burst probability {@code baselineBurst} and dendritic slope {@code slope}. */
    public BurstpropRule(TwoLayerNetwork network, double baselineBurst, double slope) {
        this.baselineBurst = baselineBurst;
        this.slope = slope;
        int h = network.hidden();
        int o = network.outputs();
        hidden = new DMatrixRMaj(h, 1);
        output = new DMatrixRMaj(o, 1);
        burstsBaseline = new DMatrixRMaj(o, 1);
        burstsTaught = new DMatrixRMaj(o, 1);
        cancel = new DMatrixRMaj(h, 1);
        drive = new DMatrixRMaj(h, 1);
        dendriteBaseline = new DMatrixRMaj(h, 1);
        dendriteTaught = new DMatrixRMaj(h, 1);
        delta = new DMatrixRMaj(o, 1);
        deltaHidden = new DMatrixRMaj(h, 1);
    }

    /**
     * Burstprop's directions at pattern ({@code x}, {@code target}): overwrites {@code update} with
     * {@code δ x^T} per layer and {@code recurrent} (hidden x outputs) with {@code -u b_pre^T}.
     * Returns the pattern's squared error {@code ½ |y - e|²}.
     */
    public double update(TwoLayerNetwork network, DMatrixRMaj x, DMatrixRMaj target, TwoLayerUpdate update,
            DMatrixRMaj recurrent) {
        network.forward(x, hidden, output);
        double loss = 0;
        for (int o = 0; o < output.numRows; o++) {
            double e = output.data[o];
            double err = target.data[o] - e;
            loss += 0.5 * err * err;
            double taught = baselineBurst * (err * (1 - e) + 1);
            burstsBaseline.data[o] = baselineBurst * e;
            burstsTaught.data[o] = taught * e;
            delta.data[o] = -(burstsTaught.data[o] - burstsBaseline.data[o]);
        }
        CommonOps_DDRM.mult(network.recurrent(), burstsBaseline, cancel);
        dendrite(network.feedback(), burstsBaseline, dendriteBaseline);
        dendrite(network.feedback(), burstsTaught, dendriteTaught);
        for (int i = 0; i < hidden.numRows; i++) {
            double e = hidden.data[i];
            double p = 1 / (1 + Math.exp(-slope * dendriteBaseline.data[i]));
            double pt = 1 / (1 + Math.exp(-slope * dendriteTaught.data[i]));
            deltaHidden.data[i] = -(pt * e - p * e);
        }
        CommonOps_DDRM.multTransB(delta, hidden, update.dW2);
        update.db2.setTo(delta);
        CommonOps_DDRM.multTransB(deltaHidden, x, update.dW1);
        update.db1.setTo(deltaHidden);
        CommonOps_DDRM.multTransB(-1, dendriteBaseline, burstsBaseline, recurrent);
        return loss;
    }

    /** {@code u = (Y bursts) ⊙ (1 - e) - Z b_pre}, with the hidden events and {@code Z b_pre} already computed. */
    private void dendrite(DMatrixRMaj feedback, DMatrixRMaj bursts, DMatrixRMaj u) {
        CommonOps_DDRM.mult(feedback, bursts, drive);
        for (int i = 0; i < u.numRows; i++) {
            u.data[i] = drive.data[i] * (1 - hidden.data[i]) - cancel.data[i];
        }
    }
}
