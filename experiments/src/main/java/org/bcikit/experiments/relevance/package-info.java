/**
 * The {@code relevance} experiment type: Insel, Guerguiev &amp; Richards 2018's Pavlovian
 * protocols on their E/I relevance network, with intact and disrupted inhibition.
 */
package org.bcikit.experiments.relevance;
