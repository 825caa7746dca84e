package dev.valuekit.adapt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.valuekit.adapt.Matrices.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PissaConversionTest {
    @ParameterizedTest
    @EnumSource(value = AdapterMethod.class, names = {"PISSA", "MILORA", "SOMA"})
    void convertedLoraOnTheUnmodifiedBaseEqualsTheTunedLayer(AdapterMethod method) {
        INDArray w = Matrices.gaussian(40, 30, 4);
        int r = 5;
        LowRankAdapter init = (LowRankAdapter) AdapterInit.init("l", w, AdapterOptions.of(method, r, 1).withAlpha(10));
        // stand-in for training: perturb both factors
        LowRankAdapter tuned = init.withFactors(init.a().add(Matrices.gaussian(r, 30, 7).muli(0.1)),
                init.b().add(Matrices.gaussian(40, r, 8).muli(0.1)));
        LowRankAdapter lora = PissaConversion.toLora(init, tuned);
        assertEquals(2 * r, lora.rank());
        assertEquals(20.0, lora.alpha());
        assertEquals(init.scaling(), lora.scaling());
        assertArrayEquals(new long[] {2 * r, 30}, lora.a().shape());
        assertArrayEquals(new long[] {40, 2 * r}, lora.b().shape());
        INDArray onBase = w.add(lora.delta());   // base + s·B′·A′
        INDArray tunedLayer = tuned.merged();    // W_res + s·B·A
        double err = maxAbsDiff(onBase, tunedLayer);
        assertTrue(err < 1e-12, "error " + err);
    }

    @Test
    void untrainedConversionIsANoOpOnTheBase() {
        INDArray w = Matrices.gaussian(12, 9, 1);
        LowRankAdapter init = (LowRankAdapter) AdapterInit.init("l", w, AdapterOptions.of(AdapterMethod.PISSA, 3, 1));
        assertTrue(Matrices.maxAbs(PissaConversion.toLora(init, init).delta()) < 1e-14);
    }
}
