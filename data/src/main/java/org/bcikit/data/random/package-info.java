/**
 * Seeded random draws that several modules make the same way: Fisher-Yates shuffles and fills
 * with scaled standard normal numbers. Each takes the caller's {@link java.util.SplittableRandom}
 * and fixes the order of the draws, so a seed means the same numbers wherever it is used.
 */
package org.bcikit.data.random;
