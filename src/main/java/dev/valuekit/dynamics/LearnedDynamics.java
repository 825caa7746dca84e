package dev.valuekit.dynamics;

import dev.valuekit.env.ActionSpace;
import dev.valuekit.env.Environments;

import java.util.random.RandomGenerator;

/**
 * A trained probabilistic ensemble as a {@link DynamicsModel}. Each row is predicted by a random elite
 * (drawn per row and step, as MBPO does) or by the elites' mean ({@code memberMean}); the next
 * observation and reward are drawn from that prediction's Gaussian, or are its mean when
 * {@code deterministic}. Random draws happen row by row in order, so a seeded generator gives
 * repeatable rollouts.
 */
public final class LearnedDynamics implements DynamicsModel {
    private final String name;
    private final DynamicsSpec spec;
    private final DynamicsNetwork net;
    private final TerminationRule rule;
    private final boolean memberMean;
    private final boolean deterministic;

    public LearnedDynamics(String name, DynamicsSpec spec, DynamicsNetwork net, boolean memberMean, boolean deterministic) {
        this.name = name;
        this.spec = spec;
        this.net = net;
        this.memberMean = memberMean;
        this.deterministic = deterministic;
        this.rule = spec.termination().kind() == Termination.Kind.ENV
                ? new TerminationRule(Environments.create(spec.termination().env())) : null;
    }

    /** The same model predicting with the elites' mean and/or without sampling. */
    public LearnedDynamics with(boolean memberMean, boolean deterministic) {
        return new LearnedDynamics(name, spec, net, memberMean, deterministic);
    }

    public DynamicsSpec spec() { return spec; }
    public DynamicsNetwork network() { return net; }
    public boolean probabilistic() { return net.probabilistic(); }
    @Override public ActionSpace actionSpace() { return spec.actionSpace(); }

    @Override public String name() { return name; }
    @Override public int obsDim() { return spec.obsDim(); }
    @Override public int actDim() { return spec.actDim(); }

    @Override
    public Prediction predict(double[][] obs, double[][] act, RandomGenerator rng) {
        return step(obs, act, rng).prediction();
    }

    public EnsembleStep step(double[][] obs, double[][] act, RandomGenerator rng) {
        int n = obs.length, d = spec.obsDim(), k = spec.actDim(), in = d + k, t = d + 1;
        double[] x = new double[n * in];
        for (int r = 0; r < n; r++) {
            System.arraycopy(obs[r], 0, x, r * in, d);
            System.arraycopy(act[r], 0, x, r * in + d, k);
        }
        DynamicsNetwork.Output out = net.predict(x, n);
        int[] elites = spec.elites();
        int e = elites.length;
        double[][] mean = new double[e][];
        double[][] lv = out.logVar() == null ? null : new double[e][];
        for (int i = 0; i < e; i++) {
            mean[i] = out.mean()[elites[i]];
            if (lv != null) lv[i] = out.logVar()[elites[i]];
        }
        double[][] next = new double[n][d];
        double[] reward = new double[n];
        boolean[] terminated = new boolean[n];
        int[] member = new int[n];
        double[] mu = new double[t], var = new double[t];
        for (int r = 0; r < n; r++) {
            double pTerm = 0;
            if (memberMean) {
                java.util.Arrays.fill(mu, 0);
                java.util.Arrays.fill(var, 0);
                for (int i = 0; i < e; i++) {
                    for (int j = 0; j < t; j++) {
                        mu[j] += mean[i][r * t + j] / e;
                        if (lv != null) var[j] += Math.exp(lv[i][r * t + j]) / e;
                    }
                    if (out.terminalProbability() != null) pTerm += out.terminalProbability()[elites[i]][r] / e;
                }
                member[r] = -1;
            } else {
                int i = rng.nextInt(e);
                for (int j = 0; j < t; j++) {
                    mu[j] = mean[i][r * t + j];
                    var[j] = lv == null ? 0 : Math.exp(lv[i][r * t + j]);
                }
                if (out.terminalProbability() != null) pTerm = out.terminalProbability()[elites[i]][r];
                member[r] = elites[i];
            }
            if (!deterministic && lv != null) {
                for (int j = 0; j < t; j++) mu[j] += Math.sqrt(var[j]) * rng.nextGaussian();
            }
            for (int j = 0; j < d; j++) next[r][j] = obs[r][j] + mu[j];
            reward[r] = mu[d];
            terminated[r] = switch (spec.termination().kind()) {
                case LEARNED -> pTerm > 0.5;
                case ENV -> rule.isTerminal(next[r]);
                case NONE -> false;
            };
        }
        return new EnsembleStep(new Prediction(next, reward, terminated), member, t, mean, lv);
    }
}
