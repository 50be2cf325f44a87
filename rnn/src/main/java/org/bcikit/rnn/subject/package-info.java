/**
 * Networks as subjects of the closed-loop cursor task: a fixed-point RNN or a rate RNN that sees
 * the task each bin and, for the rate RNN, learns trial by trial through the decoder.
 */
package org.bcikit.rnn.subject;
