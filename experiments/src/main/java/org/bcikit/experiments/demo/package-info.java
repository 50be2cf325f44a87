/**
 * The {@code demo} experiment type: a fast mix of the static and closed-loop experiments behind
 * {@code bcikit demo}.
 */
package org.bcikit.experiments.demo;
