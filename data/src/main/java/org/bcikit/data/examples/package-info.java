/**
 * The real sessions shipped inside the jar, so that a fresh clone can run the real-data commands
 * without {@code ../shared}: {@link org.bcikit.data.examples.ExampleSession} names them, extracts
 * one to a readable file and gives its credit and licence.
 */
package org.bcikit.data.examples;
