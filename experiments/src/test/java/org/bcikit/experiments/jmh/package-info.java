/**
 * JMH benchmarks of the kernels whose speed the README reports: the covariance pass of factor
 * analysis, the static network's exact-gradient step and the float32 rate-network kernels. They
 * are compiled with the tests, so an API change that breaks them fails {@code mvn verify}, but
 * never run there (timings belong on an idle machine): {@code bin/jmh} runs them.
 */
package org.bcikit.experiments.jmh;
