package dev.valuekit.adapt;

import dev.valuekit.common.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The adapter families: which singular components seed the trainable factors. */
public enum AdapterMethod {
    /** Random A (Kaiming-uniform, as PEFT), B = 0: the base weight is untouched. */
    LORA,
    /** The r principal components (Meng et al.; PEFT {@code init_lora_weights="pissa"}). */
    PISSA,
    /** The r minor components (Wang et al.). */
    MILORA,
    /** The r minor components (Yoon et al., CVPR 2025); training differs from MiLoRA, the init does not. */
    SOMA,
    /** Kronecker factors from the r leading terms of the Kronecker-product SVD (Chong & Qu 2025). */
    SOKA;

    /** True when the method needs the smallest singular components, which only a full SVD gives. */
    public boolean usesMinorComponents() { return this == MILORA || this == SOMA; }

    /** True when initialisation moves part of W into the adapter, so the frozen residual differs from W. */
    public boolean changesBase() { return this != LORA; }

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static AdapterMethod parse(String s) {
        for (AdapterMethod m : values()) if (m.id().equalsIgnoreCase(s.trim())) return m;
        throw new BadInputException("unknown adapter method '" + s + "'",
                "choose one of " + Arrays.stream(values()).map(AdapterMethod::id).collect(Collectors.joining(", ")));
    }
}
