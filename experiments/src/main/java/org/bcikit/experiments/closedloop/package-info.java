/**
 * Closed-loop experiment types: simulated sessions of Sadtler et al. 2014 with a learning rate
 * RNN, and co-adaptation with an adaptive decoder over days (Rajeswaran et al. 2024).
 */
package org.bcikit.experiments.closedloop;
