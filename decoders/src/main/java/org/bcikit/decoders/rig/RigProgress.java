package org.bcikit.decoders.rig;

import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.mat.RigSession;
import org.bcikit.decoders.AffineDecoder;
import org.ejml.data.DMatrixRMaj;

/**
 * Progress toward the target under one decoder in one epoch of a rig session (Golub et al. 2018,
 * Nat Neurosci 21:607, Fig. 2; science.md §6): per bin {@code progress = v . d}, with {@code v}
 * the raw decoded velocity {@code M2 u_t + m0} of the mapping and {@code d} the unit vector from
 * cursor to target. Under the perturbed mapping it is what the subject achieved; under the
 * intuitive mapping it is what the same activity would have achieved with the old decoder.
 * Velocities are in workspace units per second (mm/s on the rig).
 *
 * @param mapping       {@code intuitive} or {@code perturbed}
 * @param epoch         {@code before} or {@code after} learning
 * @param anglesDegrees target directions, in the order of the session's clouds
 * @param perTarget     mean progress of each target's bins
 * @param mean          mean progress over every bin of the epoch
 * @param bins          number of bins
 */
public record RigProgress(String mapping, String epoch, double[] anglesDegrees, double[] perTarget, double mean,
        int bins) {

    /** Progress under both mappings in both epochs: intuitive/before, perturbed/before, intuitive/after, perturbed/after. */
    public static List<RigProgress> of(RigSession session, RigDecoders decoders) {
        List<RigProgress> out = new ArrayList<>();
        for (RigSession.Epoch e : List.of(session.before(), session.after())) {
            out.add(of(e, "intuitive", decoders.intuitive()));
            out.add(of(e, "perturbed", decoders.perturbed()));
        }
        return out;
    }

    /** Progress of {@code decoder} (named {@code mapping}) over the clouds of {@code epoch}. */
    public static RigProgress of(RigSession.Epoch epoch, String mapping, AffineDecoder decoder) {
        List<RigSession.Cloud> clouds = epoch.clouds();
        double[] angles = new double[clouds.size()];
        double[] per = new double[clouds.size()];
        double sum = 0;
        int bins = 0;
        for (int k = 0; k < clouds.size(); k++) {
            RigSession.Cloud c = clouds.get(k);
            DMatrixRMaj p = progress(RigDecoders.rawVelocities(decoder, c.spikes()), c.cursorToTargetDirection());
            double s = 0;
            for (int t = 0; t < p.numRows; t++) {
                s += p.data[t];
            }
            angles[k] = c.angleDegrees();
            per[k] = p.numRows > 0 ? s / p.numRows : Double.NaN;
            sum += s;
            bins += p.numRows;
        }
        return new RigProgress(mapping, epoch.name(), angles, per, bins > 0 ? sum / bins : Double.NaN, bins);
    }

    /** Per-bin {@code v_t . d_t} for velocities and directions (both T x 2); new T x 1. */
    public static DMatrixRMaj progress(DMatrixRMaj velocity, DMatrixRMaj direction) {
        if (velocity.numRows != direction.numRows || velocity.numCols != 2 || direction.numCols != 2) {
            throw new InvalidInputException("progress: expected T x 2 velocities and directions, got "
                    + velocity.numRows + " x " + velocity.numCols + " and " + direction.numRows + " x " + direction.numCols);
        }
        DMatrixRMaj p = new DMatrixRMaj(velocity.numRows, 1);
        for (int t = 0; t < velocity.numRows; t++) {
            p.data[t] = velocity.unsafe_get(t, 0) * direction.unsafe_get(t, 0)
                    + velocity.unsafe_get(t, 1) * direction.unsafe_get(t, 1);
        }
        return p;
    }
}
