/**
 * The contract between an experiment type and the machinery: specs and their strict binding, the
 * resolved plan and its conditions, run seeds, what a run measures, and the summarised results a
 * type draws.
 */
package org.bcikit.experiments.api;
