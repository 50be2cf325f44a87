package org.bcikit.rnn.learning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.bcikit.rnn.model.FixedPointRnn;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;

/**
 * An update rule that trains only biases: it passes the bias parameters, and nothing else, to an
 * inner {@link Optimizer}, so every weight stays exactly at its (random) initial value. Williams
 * et al. 2024 ("Expressivity of neural networks with random weights and learned biases") show
 * that networks with random fixed weights and learned biases are universal approximators, and
 * that recurrent ones can then produce many dynamical systems — a form of plasticity that changes
 * excitability rather than synapses (science.md §5.5).
 *
 * <p>The biases are recognised by name (as update rules key their state), so the rule also trains
 * the biases of a copy of the network; any {@link Optimizer} (GD, momentum, Adam, ...) can be
 * wrapped.
 */
public final class BiasOnly implements Optimizer {

    private final Optimizer inner;
    private final Set<String> biases;
    private final List<Parameter> selected = new ArrayList<>();

    /**
     * Trains the parameters named like {@code biases} with {@code inner}; other parameters passed to
     * {@link #step} are left alone.
     */
    public BiasOnly(Optimizer inner, Collection<Parameter> biases) {
        if (inner == null || biases == null || biases.isEmpty()) {
            throw new IllegalArgumentException("bias-only: need an optimiser and at least one bias parameter");
        }
        this.inner = inner;
        this.biases = biases.stream().map(Parameter::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Trains the biases of {@code net} only. */
    public static BiasOnly of(FixedPointRnn net, Optimizer inner) {
        return new BiasOnly(inner, List.of(net.bias()));
    }

    @Override
    public void step(List<Parameter> parameters) {
        selected.clear();
        for (Parameter p : parameters) {
            if (biases.contains(p.name())) {
                selected.add(p);
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("bias-only: none of the " + parameters.size()
                    + " parameters passed is one of its biases");
        }
        inner.step(selected);
    }
}
