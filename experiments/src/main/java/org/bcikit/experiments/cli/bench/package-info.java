/**
 * The {@code bcikit bench} commands: speed measured against the scikit-learn and PyTorch
 * baselines of {@code ../shared/bench}, one JSON line each. Speed is measured here, never in tests.
 */
package org.bcikit.experiments.cli.bench;
