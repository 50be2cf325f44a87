/**
 * MATLAB {@code .mat} files, v5/v7 (MFL) and v7.3 (HDF5), and the layouts bcikit recognises in
 * them: the generic one and the Batista/Yu/Chase rig session of Golub et al. 2018 with its stored
 * decoders.
 */
package org.bcikit.data.mat;
