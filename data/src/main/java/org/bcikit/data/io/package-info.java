/**
 * How bcikit writes every file: atomically (a temporary file renamed into place) and, for JSON,
 * through one configured mapper.
 */
package org.bcikit.data.io;
