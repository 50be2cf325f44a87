package org.bcikit.decoders.perturbation;

import org.bcikit.manifold.geometry.PrincipalAngles;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The control space of a decoder: the row space of {@code M2} in unit space, i.e. the activity
 * directions that move the cursor (Sadtler et al. 2014). A WMP keeps it inside the intrinsic
 * manifold; an OMP moves it out.
 */
final class ControlSpace {

    private ControlSpace() {
    }

    /**
     * Principal angles in degrees, ascending, between the row spaces of two 2 x q gains, by
     * {@link PrincipalAngles#between} (small angles from their sines: acos of a cosine near 1
     * cannot resolve angles much below 1e-8 rad).
     */
    static double[] principalAnglesDegrees(DMatrixRMaj m2a, DMatrixRMaj m2b) {
        double[] rad = PrincipalAngles.between(CommonOps_DDRM.transpose(m2a, null), CommonOps_DDRM.transpose(m2b, null));
        double[] deg = new double[rad.length];
        for (int i = 0; i < rad.length; i++) {
            deg[i] = Math.toDegrees(rad[i]);
        }
        return deg;
    }
}
