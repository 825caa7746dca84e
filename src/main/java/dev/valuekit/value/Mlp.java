package dev.valuekit.value;

import dev.valuekit.tensor.Activation;

/** Architecture of a critic or actor network: hidden widths and their activation. */
public record Mlp(int[] hidden, Activation activation) {
    public Mlp {
        boolean ok = hidden.length > 0;
        for (int h : hidden) ok &= h >= 1;
        if (!ok) throw new dev.valuekit.common.BadInputException("--hidden and --layers must be >= 1", "e.g. --hidden 256 --layers 3");
    }

    /** {@code layers} hidden layers of width {@code width}. */
    public static Mlp of(int layers, int width, Activation act) {
        int[] h = new int[layers];
        java.util.Arrays.fill(h, width);
        return new Mlp(h, act);
    }
}
