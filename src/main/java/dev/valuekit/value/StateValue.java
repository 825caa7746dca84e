package dev.valuekit.value;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Transitions;

import java.util.Arrays;

/**
 * A fitted value as a function of the observation alone, with its gradient: V(s) for a {@code value}
 * artifact; Q(s, μ(s)) for an {@code agent}, μ being the actor's mean action. A plain {@code q} model
 * has no action to put at s and is refused.
 *
 * <p>The gradient is the partial derivative in the observation with the action held fixed at μ(s)
 * (as cvoelcker/jax_mbpo does for VaGraM: the critic's sensitivity, not the actor's), through the
 * critics' input normaliser (raw units), aggregated over critics as the artifact's critic target.
 */
public final class StateValue implements dev.valuekit.dynamics.VagramValue {
    private static final int CHUNK = 4096;

    private final FittedValue fitted;

    private StateValue(FittedValue fitted) { this.fitted = fitted; }

    /** @throws BadInputException for a q model without an actor */
    public static StateValue of(FittedValue v) {
        if (v.kind().equals(ValueArtifacts.Q)) {
            throw BadInputException.inFile("a q model has no action to evaluate Q(s', a') at", v.source(),
                    "give a value model (fit-value --target v) or an agent (fit-value --method sac), whose actor supplies a'");
        }
        return new StateValue(v);
    }

    public FittedValue fitted() { return fitted; }

    @Override public String kind() { return fitted.kind(); }
    public int obsDim() { return fitted.obsColumns().length; }

    /** V of each row of {@code obs} ({@code n × obsDim}). */
    public double[] values(double[] obs, int n) {
        double[] v = new double[n];
        for (int s = 0; s < n; s += CHUNK) {
            int b = Math.min(CHUNK, n - s);
            double[] part = fitted.value(input(slice(obs, s, b), b), b);
            System.arraycopy(part, 0, v, s, b);
        }
        return v;
    }

    /** ∂V/∂s of each row of {@code obs}, {@code n × obsDim} row-major, raw observation units. */
    public double[] gradient(double[] obs, int n) {
        if (fitted.actions() > 0) {
            throw BadInputException.inFile("a discrete-action agent's value has no gradient through its action", fitted.source(),
                    "give a value model (fit-value --target v) fitted on the same data");
        }
        int d = obsDim();
        double[] g = new double[n * d];
        for (int s = 0; s < n; s += CHUNK) {
            int b = Math.min(CHUNK, n - s);
            double[] ones = new double[b];
            Arrays.fill(ones, 1.0);
            double[] x = input(slice(obs, s, b), b);
            int in = x.length / b;
            double[] gx = fitted.critics().inputGradient(x, b, fitted.aggregation(), ones, null);
            for (int i = 0; i < b; i++) System.arraycopy(gx, i * in, g, (s + i) * d, d);
        }
        return g;
    }

    /**
     * ∂V/∂s' at each transition's next observation (obs + Δobs, the dynamics targets), {@code rows × obsDim}:
     * VaGraM's raw weights before clipping.
     */
    @Override public double[] gradientAtNextObs(Transitions data) {
        int d = data.obsDim(), n = data.rows();
        double[] next = new double[n * d];
        for (int i = 0; i < d * n; i++) {
            // obs + (next_obs - obs), not next_obs: the point the trained model's mean aims at, rounding included
            double o = data.obs()[i];
            next[i] = o + (data.nextObs()[i] - o);
        }
        return gradient(next, n);
    }

    /** The critics' input for observation rows: obs, or obs ⊕ μ(obs) for an agent (its greedy action when discrete). */
    private double[] input(double[] obs, int n) {
        if (fitted.actor() == null && fitted.actions() == 0) return obs;
        double[] a = fitted.actions() > 0 ? fitted.greedyActions(obs, n) : fitted.actor().meanAction(obs, n);
        return Transitions.concatRows(obs, a, n);
    }

    private double[] slice(double[] obs, int start, int rows) {
        int d = obsDim();
        return Arrays.copyOfRange(obs, start * d, (start + rows) * d);
    }

    /**
     * Checks that the value reads exactly these observation columns (same names, same order).
     * @throws BadInputException naming the value file otherwise
     */
    @Override public void requireColumns(String[] obsColumns, String dataSource) {
        if (!Arrays.equals(fitted.obsColumns(), obsColumns)) {
            throw BadInputException.inFile("the value model reads observation columns " + String.join(",", fitted.obsColumns())
                    + " but " + dataSource + " has " + String.join(",", obsColumns), fitted.source(),
                    "fit the value on data with the same observation columns (valuekit fit-value -i DATA)");
        }
    }
}
