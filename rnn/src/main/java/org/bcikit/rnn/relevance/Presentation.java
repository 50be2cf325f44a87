package org.bcikit.rnn.relevance;

/**
 * One stimulus presentation of a schedule: what was shown, in which phase, from which step, for how
 * many steps.
 *
 * @param stimulus {@code CS1}, {@code CS2}, {@code CS1+CS2} or {@code none} (a window with no stimulus)
 * @param phase    the protocol's phase, such as {@code pre-exposure} or {@code test}
 * @param onset    first step
 * @param steps    length in steps
 * @param paired   whether a US follows (or accompanies) it
 */
public record Presentation(String stimulus, String phase, int onset, int steps, boolean paired) {
}
