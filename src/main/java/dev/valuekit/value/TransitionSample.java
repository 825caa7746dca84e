package dev.valuekit.value;

import dev.valuekit.table.Transitions;

/** Sampled transitions, row-major: obs and nextObs {@code n × d}, act {@code n × k}. */
public record TransitionSample(int n, double[] obs, double[] act, double[] reward, double[] nextObs, boolean[] terminal) {
    /** obs ⊕ act per row, the input of a Q critic. */
    public double[] obsAct() { return Transitions.concatRows(obs, act, n); }
}
