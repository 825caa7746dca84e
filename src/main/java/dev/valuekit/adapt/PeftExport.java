package dev.valuekit.adapt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.SafetensorsWriter;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.AtomicOutput;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LoRA adapter in Hugging Face PEFT's on-disk layout: {@code adapter_model.safetensors} with
 * {@code base_model.model.<module>.lora_A.weight} [r, in] and {@code ...lora_B.weight} [out, r]
 * (metadata {@code format=pt}), and {@code adapter_config.json} (peft_type LORA, r, lora_alpha,
 * target_modules, init_lora_weights true, ...), loadable with {@code PeftModel.from_pretrained} on an
 * unmodified base. Base-changing adapters must be converted first ({@link PissaConversion}).
 */
public final class PeftExport {
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    public static final String CONFIG_FILE = "adapter_config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PeftExport() {}

    /** One adapted module (its dotted name in the base model, e.g. {@code model.layers.0.self_attn.q_proj}). */
    public record Layer(String module, LowRankAdapter adapter) {
        public Layer {
            if (adapter.method().changesBase()) {
                throw new IllegalArgumentException(module + ": a " + adapter.method().id()
                        + " adapter changes the base weight; convert it with PissaConversion.toLora first");
            }
        }
    }

    /** The state dict PEFT saves; values rounded to {@code dtype}. */
    public static LinkedHashMap<String, Tensor> tensors(List<Layer> layers, DType dtype) {
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        for (Layer l : layers) {
            String prefix = "base_model.model." + l.module() + ".";
            put(t, prefix + "lora_A.weight", l.adapter().a(), dtype);
            put(t, prefix + "lora_B.weight", l.adapter().b(), dtype);
        }
        return t;
    }

    /** adapter_config.json: every layer must share rank and alpha (PEFT's single r / lora_alpha). */
    public static ObjectNode config(List<Layer> layers, String baseModel) {
        if (layers.isEmpty()) throw new IllegalArgumentException("no layers to export");
        LowRankAdapter first = layers.get(0).adapter();
        for (Layer l : layers) {
            if (l.adapter().rank() != first.rank() || l.adapter().alpha() != first.alpha()) {
                throw new IllegalArgumentException("layers differ in rank or alpha; PEFT export needs one rank and one alpha");
            }
        }
        ObjectNode c = JSON.createObjectNode();
        c.put("peft_type", "LORA");
        c.putNull("task_type");
        if (baseModel == null) c.putNull("base_model_name_or_path");
        else c.put("base_model_name_or_path", baseModel);
        c.put("r", first.rank());
        double alpha = first.alpha();
        if (alpha == Math.rint(alpha)) c.put("lora_alpha", (long) alpha);
        else c.put("lora_alpha", alpha);
        ArrayNode targets = c.putArray("target_modules");
        for (Layer l : layers) targets.add(l.module());
        c.put("lora_dropout", 0.0);
        c.put("bias", "none");
        c.put("fan_in_fan_out", false);
        c.put("init_lora_weights", true);
        c.put("use_rslora", false);
        c.put("use_dora", false);
        c.putNull("modules_to_save");
        c.put("inference_mode", true);
        c.putObject("rank_pattern");
        c.putObject("alpha_pattern");
        return c;
    }

    /** Writes both files; the caller commits both outputs only after both writes succeeded. */
    public static void write(AtomicOutput weights, AtomicOutput config, List<Layer> layers, String baseModel, DType dtype)
            throws IOException {
        SafetensorsWriter.write(weights.stream(), Map.of("format", "pt"), tensors(layers, dtype).values());
        config.stream().write((JSON.writeValueAsString(config(layers, baseModel)) + "\n").getBytes(StandardCharsets.UTF_8));
        config.stream().flush();
    }

    private static void put(Map<String, Tensor> t, String name, INDArray a, DType dtype) {
        double[] d = Lapack.fresh(a).data().asDouble();
        if (dtype == DType.F32) for (int i = 0; i < d.length; i++) d[i] = (float) d[i];
        t.put(name, new Tensor(name, dtype, a.shape(), d));
    }
}
