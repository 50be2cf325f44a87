/**
 * What several commands share: the input options ({@code --example}, {@code --format},
 * {@code --bin-width}, {@code --fields}, {@code --trials}), the samples-matrix reader of the manifold
 * and bench commands, and {@code --version}.
 */
package org.bcikit.experiments.cli.options;
