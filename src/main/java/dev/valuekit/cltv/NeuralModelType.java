package dev.valuekit.cltv;

/** The neural CLTV models: one ZILN network, or OptDist's L ZILN sub-networks with a selector. */
public enum NeuralModelType {
    ZILN("ziln"), OPTDIST("optdist");

    private final String label;

    NeuralModelType(String label) { this.label = label; }

    public String label() { return label; }

    /** The type named {@code s}, or null when it is not a neural model. */
    public static NeuralModelType of(String s) {
        for (NeuralModelType t : values()) if (t.label.equals(s)) return t;
        return null;
    }
}
