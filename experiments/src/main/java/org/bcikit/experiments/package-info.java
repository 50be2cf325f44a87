/**
 * bcikit's catalogue of experiment types and built-in specs, kept above the type packages so the
 * machinery below never has to name a type.
 */
package org.bcikit.experiments;
