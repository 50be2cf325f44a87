/**
 * A results folder: the runs store, results.json and curves.csv, the report, and the figures
 * drawn from summarised results (learning curves, distributions, parameter sweeps).
 */
package org.bcikit.experiments.results;
