package dev.valuekit.value;

import dev.valuekit.tensor.Activation;

/** Architecture of a critic or actor network: hidden widths and their activation. */
public record Mlp(int[] hidden, Activation activation) {
    public Mlp {
        if (hidden.length == 0) throw new IllegalArgumentException("at least one hidden layer");
        for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden widths must be positive");
    }

    /** {@code layers} hidden layers of width {@code width}. */
    public static Mlp of(int layers, int width, Activation act) {
        int[] h = new int[layers];
        java.util.Arrays.fill(h, width);
        return new Mlp(h, act);
    }
}
