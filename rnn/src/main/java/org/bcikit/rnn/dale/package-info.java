/**
 * Dale's-law networks: column E/I (ColEI) and Dale's ANN (DANN) weight structures, their
 * published initialisations and DANN's corrected updates (science.md section 5.4).
 */
package org.bcikit.rnn.dale;
