/**
 * The {@code bcikit} command and its subcommands. Commands only parse, call the library, and
 * print; the work lives in the packages below.
 */
package org.bcikit.experiments.cli;
