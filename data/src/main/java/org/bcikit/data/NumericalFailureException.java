package org.bcikit.data;

/**
 * A computation that did not reach an answer on inputs that were valid: an iteration that does
 * not converge, a matrix that is no longer positive definite, values that blow up. Not the user's
 * input at fault (that is {@link InvalidInputException}): inside a sweep it is a
 * failure of the run whose learned model caused it, and the command line exits 1, not 2. Where
 * the failing numbers do come straight from a file (a rig session's stored Kalman model), the
 * reader turns it into an {@code InvalidInputException} naming the field.
 */
public class NumericalFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NumericalFailureException(String message) {
        super(message);
    }
}
