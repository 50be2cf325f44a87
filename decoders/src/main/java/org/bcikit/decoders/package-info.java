/**
 * What a BCI decoder is (counts in, cursor velocity out, in the rig's linear-dynamical form where
 * it has one) and the least-squares tools and checks the decoders share.
 */
package org.bcikit.decoders;
