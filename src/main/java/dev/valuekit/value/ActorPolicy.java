package dev.valuekit.value;

import dev.valuekit.policy.Policy;

import java.util.random.RandomGenerator;

/** An agent's actor as a policy: its mean action c + h·tanh(μ), or a draw from it when {@code sample}. */
public final class ActorPolicy implements Policy, ActionSource {
    private final TanhGaussianActor actor;
    private final boolean sample;
    private final String spec;
    private double[] lastLogProb;

    public ActorPolicy(TanhGaussianActor actor, boolean sample, String spec) {
        this.actor = actor;
        this.sample = sample;
        this.spec = spec;
    }

    @Override public String spec() { return spec + (sample ? " (sampled)" : " (mean)"); }

    @Override public double[] act(double[] obs, RandomGenerator rng) { return actions(obs, 1, rng); }

    @Override public double[] actions(double[] obs, int n, RandomGenerator rng) {
        TanhGaussianActor.Sample s = actor.sample(obs, n, sample ? rng : null);
        lastLogProb = s.logProb();
        double[] a = s.action();
        for (int i = 0; i < a.length; i++) a[i] = (float) a[i];   // actions are float32 values
        return a;
    }

    @Override public double[] lastLogProb() { return sample ? lastLogProb : null; }
}
