package dev.valuekit.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The d(loss)/d(output) array a loss hands back, reused while the shape stays the same: losses run
 * every minibatch, and a fresh native array each time would churn off-heap memory for nothing.
 */
final class GradientBuffer {
    private INDArray buffer;

    /** The buffer for {@code shape}, reallocated only when the shape changes (contents undefined). */
    INDArray of(long[] shape) {
        if (buffer == null || !Arrays.equals(buffer.shape(), shape)) {
            buffer = Nd4j.create(Nd4jRuntime.precision().dataType(), shape, 'c');
        }
        return buffer;
    }

    /** The buffer for {@code shape} holding {@code values} (row-major). */
    INDArray store(double[] values, long[] shape) {
        INDArray b = of(shape);
        HostMath.of(b).storeDoubles(values, b);
        return b;
    }
}
