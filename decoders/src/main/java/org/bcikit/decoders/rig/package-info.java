/**
 * A real rig session's decoders rebuilt from the parameters the rig stored, how closely they
 * reproduce everything it stored, and progress toward the target under each (Golub et al. 2018).
 */
package org.bcikit.decoders.rig;
