/**
 * The experiment spec format: what a spec file says ({@code ExperimentSpec}), its strict JSON
 * binding and reading, and the checks on bound values that name the JSON path. Below the
 * experiment contract, so that an experiment type's parameters are checked the same way everywhere.
 */
package org.bcikit.experiments.spec;
