/**
 * NumPy {@code .npy} arrays (format 1.0-3.0, any numeric dtype and byte order) and recordings
 * stored as a stacked counts matrix with an optional JSON sidecar.
 */
package org.bcikit.data.npy;
