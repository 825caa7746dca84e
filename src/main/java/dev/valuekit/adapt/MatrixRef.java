package dev.valuekit.adapt;

/**
 * One adaptable weight matrix of a model file, always seen as W [out, in] (PyTorch orientation).
 * A 2-D tensor is one matrix as stored ({@code member} −1). A valuekit ensemble weight
 * {@code T} [members, in, out] (member m computes x·T[m]) holds one matrix per member, W = T[m]ᵀ,
 * named {@code T[m]}: e.g. {@code dynamics.layer.3.weight[0]}.
 */
public record MatrixRef(String tensor, int member) {
    public boolean isMember() { return member >= 0; }

    /** The matrix's name in reports, adapter files and {@code --tensors}. */
    public String key() { return member < 0 ? tensor : tensor + "[" + member + "]"; }

    /**
     * The module name in a PEFT export: the tensor name without {@code .weight}, and for an ensemble
     * member {@code .members.m} (as if the members were a PyTorch ModuleList of nn.Linear).
     */
    public String peftModule() {
        String base = tensor.endsWith(".weight") ? tensor.substring(0, tensor.length() - ".weight".length()) : tensor;
        return member < 0 ? base : base + ".members." + member;
    }

    /** Parses a key written by {@link #key()}. */
    public static MatrixRef parse(String key) {
        if (key.endsWith("]")) {
            int open = key.lastIndexOf('[');
            if (open > 0) {
                try {
                    return new MatrixRef(key.substring(0, open), Integer.parseInt(key.substring(open + 1, key.length() - 1)));
                } catch (NumberFormatException e) {
                    // not a member index: a plain tensor name that happens to end in ']'
                }
            }
        }
        return new MatrixRef(key, -1);
    }

    @Override public String toString() { return key(); }
}
