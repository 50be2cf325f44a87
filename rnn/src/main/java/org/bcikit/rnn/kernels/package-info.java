/**
 * The float32 batch kernels (plain loops and the JDK vector API) and the batched fixed-point
 * trainer that runs on them, for speed where exact double gradients are not needed.
 */
package org.bcikit.rnn.kernels;
