/**
 * Running a plan: the thread pool, shards of a cluster job array, resume after a crash, and
 * progress on stderr.
 */
package org.bcikit.experiments.sweep;
