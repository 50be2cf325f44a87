/**
 * Which format a file is and the one entry point that reads any of them: {@link
 * org.bcikit.data.format.Recordings#read} dispatches on the extension or an explicit format to
 * the CSV, NPY, NWB and MAT readers.
 */
package org.bcikit.data.format;
