package dev.valuekit.value;

import dev.valuekit.tensor.Precision;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between row-major double arrays and dense c-order ND4J arrays of a network's precision. */
final class Nd {
    private Nd() {}

    static INDArray of(Precision precision, double[] data, long... shape) {
        if (precision == Precision.F64) return Nd4j.create(data, shape, 'c');
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
        return Nd4j.create(f, shape, 'c');
    }

    static double[] doubles(INDArray a) {
        return a.data().asDouble();
    }
}
