/**
 * Update rules and optimisers: gradient descent, Adam, exponentiated gradient, mirror descent,
 * sign-constrained and bias-only updates, node perturbation, and the measures of what a rule
 * preserves (science.md section 5.5).
 */
package org.bcikit.rnn.learning;
