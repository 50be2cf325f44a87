/**
 * The recording every reader produces and every later stage consumes: a {@link
 * org.bcikit.data.Recording} of {@link org.bcikit.data.Trial}s with targets and outcomes, the
 * read options, and the one exception type for input bcikit cannot use.
 */
package org.bcikit.data;
