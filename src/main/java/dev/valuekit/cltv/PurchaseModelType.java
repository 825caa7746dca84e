package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;

import java.util.List;

/** The purchase models valuekit fits, their names in files and flags, and their parameters. */
public enum PurchaseModelType {
    BGNBD("bgnbd", "BG/NBD", List.of("r", "alpha", "a", "b")),
    MBGNBD("mbgnbd", "MBG/NBD", List.of("r", "alpha", "a", "b")),
    PARETONBD("paretonbd", "Pareto/NBD", List.of("r", "alpha", "s", "beta"));

    private final String label;
    private final String title;
    private final List<String> parameterNames;

    PurchaseModelType(String label, String title, List<String> parameterNames) {
        this.label = label;
        this.title = title;
        this.parameterNames = parameterNames;
    }

    public String label() { return label; }

    /** The name in the literature, for messages. */
    public String title() { return title; }

    public List<String> parameterNames() { return parameterNames; }

    /** The model with parameters p (IllegalArgumentException unless all are positive). */
    public PurchaseModel create(double[] p) {
        return switch (this) {
            case BGNBD -> new BgNbd(p[0], p[1], p[2], p[3]);
            case MBGNBD -> new MbgNbd(p[0], p[1], p[2], p[3]);
            case PARETONBD -> new ParetoNbd(p[0], p[1], p[2], p[3]);
        };
    }

    /** The type named s, or null when s names no purchase model. */
    public static PurchaseModelType of(String s) {
        for (PurchaseModelType t : values()) if (t.label.equals(s)) return t;
        return null;
    }

    public static PurchaseModelType parse(String s) {
        PurchaseModelType t = of(s);
        if (t == null) throw new BadInputException("unknown purchase model '" + s + "'", "use bgnbd, mbgnbd or paretonbd");
        return t;
    }
}
