package dev.valuekit.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.SafetensorsFile;
import dev.valuekit.artifact.SafetensorsReader;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.AtomicOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PeftExportTest {
    @Test
    void writesPeftNamesShapesAndConfigForAConvertedPissaAdapter(@TempDir Path dir) throws Exception {
        INDArray w1 = Matrices.gaussian(16, 12, 1), w2 = Matrices.gaussian(12, 16, 2);
        LowRankAdapter p1 = (LowRankAdapter) AdapterInit.init("fc1", w1, AdapterOptions.of(AdapterMethod.PISSA, 4, 1).withAlpha(8));
        LowRankAdapter p2 = (LowRankAdapter) AdapterInit.init("fc2", w2, AdapterOptions.of(AdapterMethod.PISSA, 4, 1).withAlpha(8));
        List<PeftExport.Layer> layers = List.of(
                new PeftExport.Layer("net.fc1", PissaConversion.toLora(p1, p1)),
                new PeftExport.Layer("net.fc2", PissaConversion.toLora(p2, p2)));
        try (AtomicOutput wo = AtomicOutput.open(dir.resolve(PeftExport.WEIGHTS_FILE).toString(), OutputStream.nullOutputStream());
             AtomicOutput co = AtomicOutput.open(dir.resolve(PeftExport.CONFIG_FILE).toString(), OutputStream.nullOutputStream())) {
            PeftExport.write(wo, co, layers, "base.safetensors", DType.F32);
            wo.commit();
            co.commit();
        }
        SafetensorsFile f = SafetensorsReader.read(dir.resolve(PeftExport.WEIGHTS_FILE));
        assertEquals("pt", f.metadata().get("format"));
        Tensor a = f.tensors().get("base_model.model.net.fc1.lora_A.weight");
        Tensor b = f.tensors().get("base_model.model.net.fc1.lora_B.weight");
        assertEquals(DType.F32, a.dtype());
        assertArrayEquals(new long[] {8, 12}, a.shape());
        assertArrayEquals(new long[] {16, 8}, b.shape());
        assertArrayEquals(new long[] {8, 16}, f.tensors().get("base_model.model.net.fc2.lora_A.weight").shape());
        assertEquals(4, f.tensors().size());
        JsonNode c = new ObjectMapper().readTree(dir.resolve(PeftExport.CONFIG_FILE).toFile());
        assertEquals("LORA", c.get("peft_type").asText());
        assertEquals(8, c.get("r").asInt());
        assertEquals(16, c.get("lora_alpha").asInt());
        assertEquals("net.fc1", c.get("target_modules").get(0).asText());
        assertEquals(true, c.get("init_lora_weights").asBoolean());
    }

    @Test
    void aBaseChangingAdapterMustBeConvertedFirst() {
        LowRankAdapter p = (LowRankAdapter) AdapterInit.init("fc", Matrices.gaussian(6, 6, 1), AdapterOptions.of(AdapterMethod.PISSA, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new PeftExport.Layer("fc", p));
    }
}
