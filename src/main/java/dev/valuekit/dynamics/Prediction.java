package dev.valuekit.dynamics;

/** A batch of one-step predictions, row-aligned with the inputs. */
public record Prediction(double[][] nextObs, double[] reward, boolean[] terminated) {
    public int rows() { return reward.length; }
}
