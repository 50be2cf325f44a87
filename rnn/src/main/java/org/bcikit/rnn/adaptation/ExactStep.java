package org.bcikit.rnn.adaptation;

import java.util.List;

import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticLoss;
import org.bcikit.rnn.model.WoodburyDescent;

/**
 * One exact-gradient learning step of a static network's recurrent weights (Payeur, Orsborn and
 * Lajoie 2023, science.md §5.1), split into {@link #evaluate()} (loss and dL/dW at the current W)
 * and {@link #update()} (the optimiser's step). Plain GD on dense weights without a mask, what the
 * paper's protocol does, takes the O(N^2) {@link WoodburyDescent}; anything else (momentum, other
 * optimisers, Dale structures, masks) takes {@link StaticGaussianNetwork#backward()} and the
 * optimiser. Both give the same loss, gradient and update (to rounding).
 */
final class ExactStep {

    /** Updates between full refactorisations of the tracked inverse. */
    static final int REFACTOR_EVERY = 50;

    private final StaticGaussianNetwork network;
    private final Optimizer optimizer;
    private final List<Parameter> plastic;
    private final WoodburyDescent fast;

    private ExactStep(StaticGaussianNetwork network, Optimizer optimizer, WoodburyDescent fast) {
        this.network = network;
        this.optimizer = optimizer;
        this.plastic = network.recurrent().parameters();
        this.fast = fast;
    }

    /** The step of {@code optimizer} on {@code network}'s recurrent weights (the network is mutated by updates). */
    static ExactStep of(StaticGaussianNetwork network, Optimizer optimizer) {
        boolean plainGd = optimizer instanceof GradientDescent gd && gd.momentum() == 0;
        WoodburyDescent fast = plainGd && WoodburyDescent.supports(network)
                ? new WoodburyDescent(network, ((GradientDescent) optimizer).learningRate(), REFACTOR_EVERY)
                : null;
        return new ExactStep(network, optimizer, fast);
    }

    /** Whether this step takes the O(N^2) Woodbury path. */
    boolean fast() {
        return fast != null;
    }

    /** The exact loss at the current weights; fills the recurrent gradient. */
    StaticLoss evaluate() {
        return fast != null ? fast.evaluate() : network.backward();
    }

    /**
     * Tells {@code check} the rank-2 change of W made by the last {@link #update()} on the Woodbury
     * path (so its certificate is kept up to date in O(N^2)); nothing on the general path, whose
     * checks form the certificate afresh.
     */
    void report(StabilityCheck check) {
        if (fast != null) {
            check.stepped(fast.learningRate(), fast.gradientLeft(), fast.gradientRight(),
                    network.recurrent().effective());
        }
    }

    /** Applies the optimiser's step with the gradient of the last {@link #evaluate()}. */
    void update() {
        if (fast != null) {
            fast.update();
        } else {
            optimizer.step(plastic);
        }
        network.recurrent().refresh();
    }
}
