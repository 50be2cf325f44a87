/**
 * Burstprop, the rate form (Payeur, Guerguiev, Zenke, Richards &amp; Naud, Nat Neurosci 24:1010,
 * 2021; science.md §11): a two-layer sigmoid network whose units multiplex events (the forward
 * signal) and bursts (the learning signal). A teacher nudges the output units' burst probability;
 * the change in bursts travels down through feedback weights Y to the hidden units' dendrites, and
 * each layer's weights follow the difference between taught and baseline bursts. Y is fixed random
 * or learned with the forward update (Kolen–Pollack); a backprop gradient on the same network is the
 * reference, and XOR the task that needs the hidden layer.
 */
package org.bcikit.rnn.burstprop;
