/**
 * Neurodata Without Borders 2.x files (HDF5, read with jHDF): the Units table's spike times
 * binned per trial, trial labels, and cursor or hand kinematics.
 */
package org.bcikit.data.nwb;
