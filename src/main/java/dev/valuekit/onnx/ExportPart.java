package dev.valuekit.onnx;

import java.util.Locale;

/** Which function of a model file an ONNX export computes ({@code --part}). */
public enum ExportPart {
    /** An agent's deterministic action c + h·tanh(μ(s)). */
    ACTOR,
    /** Q(s, a) of a q model's or an agent's critics, aggregated as the file's critic target, and per critic. */
    CRITIC,
    /** V(s) of a value model, or Q(s, μ(s)) of an agent (its actor supplies the action). */
    VALUE,
    /** A learned dynamics model's elite-mean next observation and reward, and every elite's mean and variance. */
    DYNAMICS,
    /** A ZILN or OptDist customer-value model's p_purchase and predicted_ltv. */
    CLTV;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** The label: what --part takes and --help lists. */
    @Override public String toString() { return label(); }
}
