package dev.valuekit.adapt;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.common.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * An adapter file as PEFT LoRA layers that apply to the unmodified base: LoRA as trained;
 * PiSSA, MiLoRA and SoMA through {@link PissaConversion} (rank and alpha doubled). Module names
 * follow {@link MatrixRef#peftModule()}.
 */
public final class AdapterExport {
    private AdapterExport() {}

    public static List<PeftExport.Layer> peftLayers(Artifact adapter, String source) {
        AdapterMethod method = AdapterMethod.parse(adapter.spec().path("method").asText());
        if (method == AdapterMethod.SOKA) {
            throw BadInputException.inFile("a soka adapter is a sum of Kronecker products, which PEFT's LoRA layout (B·A) cannot hold",
                    source, "merge it into the base instead: valuekit svd-adapt merge --model BASE --adapter " + source + " -o OUT");
        }
        List<PeftExport.Layer> out = new ArrayList<>();
        for (AdapterArtifact.Entry e : AdapterArtifact.factorsOnly(adapter, source)) {
            LowRankAdapter init = (LowRankAdapter) e.initial(), tuned = (LowRankAdapter) e.tuned();
            LowRankAdapter lora = method.changesBase() ? PissaConversion.toLora(init, tuned) : tuned;
            out.add(new PeftExport.Layer(MatrixRef.parse(e.layer()).peftModule(), lora));
        }
        return out;
    }
}
