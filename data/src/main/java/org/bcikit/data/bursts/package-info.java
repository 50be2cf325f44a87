/**
 * The burst code of recorded spike trains (Naud &amp; Sprekeler, PNAS 115:E6329, 2018): events,
 * bursts and singlets by an inter-spike-interval threshold, per-unit event rate and burst
 * fraction beside the Poisson null, and their time course aligned to trial events.
 */
package org.bcikit.data.bursts;
