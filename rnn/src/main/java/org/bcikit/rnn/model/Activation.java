package org.bcikit.rnn.model;

/**
 * A unit's pointwise nonlinearity {@code phi} with its derivative, as used by the learner models
 * (science.md §5.2–5.3). Each constant gives the value, the derivative at a pre-activation, and
 * the derivative written in terms of the value where that is cheaper (tanh: {@code 1 - phi^2}),
 * so a backward pass can reuse stored activities instead of recomputing the nonlinearity.
 */
public enum Activation {

    /**
     * {@code max(0, x)}, the rate RNN of Rajeswaran et al. 2024; derivative 1 for {@code x > 0},
     * else 0 (the subgradient 0 at the kink).
     */
    RELU {
        @Override
        public double value(double x) {
            return x > 0 ? x : 0.0;
        }

        @Override
        public double derivative(double x) {
            return x > 0 ? 1.0 : 0.0;
        }

        @Override
        public double derivativeFromValue(double phi, double x) {
            return x > 0 ? 1.0 : 0.0;
        }
    },

    /** {@code tanh(x)}; derivative {@code 1 - tanh(x)^2}. */
    TANH {
        @Override
        public double value(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x) {
            double t = Math.tanh(x);
            return 1.0 - t * t;
        }

        @Override
        public double derivativeFromValue(double phi, double x) {
            return 1.0 - phi * phi;
        }
    },

    /**
     * {@code softplus(x) = ln(1 + e^x)}, computed without overflow; derivative the logistic
     * {@code 1 / (1 + e^-x)}.
     */
    SOFTPLUS {
        @Override
        public double value(double x) {
            // max(x, 0) + log1p(exp(-|x|)) never overflows and keeps full precision at both tails
            return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
        }

        @Override
        public double derivative(double x) {
            if (x >= 0) {
                return 1.0 / (1.0 + Math.exp(-x));
            }
            double e = Math.exp(x);
            return e / (1.0 + e);
        }

        @Override
        public double derivativeFromValue(double phi, double x) {
            // softplus' = 1 - exp(-softplus(x)), exact and cheaper than a second exp of x
            return -Math.expm1(-phi);
        }
    };

    /** {@code phi(x)}. */
    public abstract double value(double x);

    /** {@code phi'(x)}. */
    public abstract double derivative(double x);

    /**
     * {@code phi'(x)} given {@code phi = phi(x)} already computed; equals {@link #derivative(double)}
     * but may use {@code phi} to avoid a second transcendental call.
     */
    public abstract double derivativeFromValue(double phi, double x);
}
