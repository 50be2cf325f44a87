/**
 * Output of {@code bcikit bursts}: the burst code of recorded units (Naud &amp; Sprekeler, PNAS
 * 115:E6329, 2018) as CSV tables and figures; the analysis itself is {@code org.bcikit.data.bursts}.
 */
package org.bcikit.experiments.bursts;
