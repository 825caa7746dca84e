package dev.valuekit.adapt;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a trained base-changing adapter (PiSSA, MiLoRA, SoMA) into a plain LoRA that applies to the
 * unmodified base W, as PEFT's save_pretrained(path_initial_model_for_weight_conversion=...) does:
 * W = W_res + s·B₀·A₀ and the tuned layer is W_res + s·B·A, so the tuned layer is
 * W + s·(B·A − B₀·A₀) = W + s·[B, −B₀]·[A; A₀]. Rank and alpha double, keeping s = alpha / r.
 */
public final class PissaConversion {
    private PissaConversion() {}

    /** @param initial the adapter as initialised; @param tuned the same adapter after training */
    public static LowRankAdapter toLora(LowRankAdapter initial, LowRankAdapter tuned) {
        if (initial.rank() != tuned.rank() || initial.alpha() != tuned.alpha()) {
            throw new IllegalArgumentException("initial and tuned adapters differ in rank or alpha");
        }
        var a = Nd4j.vstack(tuned.a(), initial.a());
        var b = Nd4j.hstack(tuned.b(), initial.b().neg());
        return new LowRankAdapter(AdapterMethod.LORA, 2 * initial.rank(), 2 * initial.alpha(), a, b,
                initial.merged(), tuned.maxReconstructionError());
    }
}
