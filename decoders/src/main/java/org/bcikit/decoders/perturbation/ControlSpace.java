package org.bcikit.decoders.perturbation;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * The control space of a decoder: the row space of {@code M2} in unit space, i.e. the activity
 * directions that move the cursor (Sadtler et al. 2014). A WMP keeps it inside the intrinsic
 * manifold; an OMP moves it out.
 */
final class ControlSpace {

    private ControlSpace() {
    }

    /** Principal angles in degrees, ascending, between the row spaces of two 2 x q gains. */
    static double[] principalAnglesDegrees(DMatrixRMaj m2a, DMatrixRMaj m2b) {
        DMatrixRMaj qa = orthonormalRows(m2a);
        DMatrixRMaj qb = orthonormalRows(m2b);
        DMatrixRMaj m = new DMatrixRMaj(qa.numCols, qb.numCols);
        CommonOps_DDRM.multTransA(qa, qb, m);
        double[] cos = SingularOps_DDRM.singularValues(m);
        double[] deg = new double[cos.length];
        for (int i = 0; i < cos.length; i++) {
            deg[i] = Math.toDegrees(Math.acos(Math.min(1, cos[i])));
        }
        Arrays.sort(deg);
        return deg;
    }

    /** An orthonormal basis (q x 2, columns) of the row space of {@code m2}. */
    private static DMatrixRMaj orthonormalRows(DMatrixRMaj m2) {
        DMatrixRMaj t = CommonOps_DDRM.transpose(m2, null);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(t.numRows, t.numCols);
        if (!qr.decompose(t)) {
            throw new org.bcikit.data.InvalidInputException("control space: QR decomposition of M2 failed");
        }
        return qr.getQ(null, true);
    }
}
