package dev.valuekit.env;

import java.util.Arrays;

/**
 * The actions an environment accepts: a box of float32 values, or one integer in {@code 0..n-1}
 * (carried as a single integer-valued double, the transitions schema's discrete form).
 */
public final class ActionSpace {
    private final int discreteN;
    private final double[] low;
    private final double[] high;

    private ActionSpace(int discreteN, double[] low, double[] high) {
        this.discreteN = discreteN;
        this.low = low;
        this.high = high;
    }

    /** A continuous box; bounds are rounded to float32 as Gymnasium's float32 Box does. */
    public static ActionSpace box(double[] low, double[] high) {
        if (low.length != high.length || low.length == 0) throw new IllegalArgumentException("bad box bounds");
        double[] lo = new double[low.length];
        double[] hi = new double[high.length];
        for (int j = 0; j < low.length; j++) {
            lo[j] = (float) low[j];
            hi[j] = (float) high[j];
        }
        return new ActionSpace(0, lo, hi);
    }

    public static ActionSpace discrete(int n) {
        if (n < 1) throw new IllegalArgumentException("n < 1");
        return new ActionSpace(n, new double[] {0}, new double[] {n - 1});
    }

    public boolean isDiscrete() { return discreteN > 0; }

    /** Number of discrete actions; 0 for a box. */
    public int n() { return discreteN; }

    /** Number of action columns (1 for a discrete space). */
    public int dim() { return low.length; }

    public double low(int j) { return low[j]; }
    public double high(int j) { return high[j]; }

    /**
     * Why {@code action} is not acceptable, or null when it is. Box actions outside the bounds are
     * accepted (the environment clips them, as Gymnasium does); a discrete action must be an integer
     * in range.
     */
    public String invalidReason(double[] action) {
        if (action.length != dim()) return "expected " + dim() + " action values, got " + action.length;
        if (!isDiscrete()) {
            for (double v : action) if (Double.isNaN(v)) return "action is NaN";
            return null;
        }
        double a = action[0];
        if (a != Math.rint(a) || a < 0 || a >= discreteN) {
            return "discrete action " + a + " is not one of 0.." + (discreteN - 1);
        }
        return null;
    }

    /** "discrete 0..1" or "box [-2, 2]" for messages and help. */
    public String describe() {
        if (isDiscrete()) return "discrete 0.." + (discreteN - 1);
        StringBuilder sb = new StringBuilder("box");
        for (int j = 0; j < low.length; j++) sb.append(" [").append(fmt(low[j])).append(", ").append(fmt(high[j])).append(']');
        return sb.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString((float) v);
    }

    @Override public String toString() { return describe(); }

    @Override public boolean equals(Object o) {
        return o instanceof ActionSpace s && s.discreteN == discreteN && Arrays.equals(s.low, low) && Arrays.equals(s.high, high);
    }

    @Override public int hashCode() { return 31 * discreteN + Arrays.hashCode(low) + 7 * Arrays.hashCode(high); }
}
