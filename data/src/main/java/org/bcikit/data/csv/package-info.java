/**
 * bcikit's long CSV layout (one row per trial and bin) and plain numeric CSV matrices: reading,
 * writing, and the CSV dialect they share.
 */
package org.bcikit.data.csv;
