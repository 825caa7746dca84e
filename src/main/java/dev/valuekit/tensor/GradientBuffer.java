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

    /**
     * A buffer of {@code like}'s shape and precision (the output the gradient is for), reallocated only
     * when they change (contents undefined).
     */
    INDArray of(INDArray like) {
        if (buffer == null || !Arrays.equals(buffer.shape(), like.shape()) || buffer.dataType() != like.dataType()) {
            buffer = Nd4j.create(like.dataType(), like.shape(), 'c');
        }
        return buffer;
    }

    /** The buffer for {@code like} holding {@code values} (row-major). */
    INDArray store(double[] values, INDArray like) {
        INDArray b = of(like);
        HostMath.of(b).storeDoubles(values, b);
        return b;
    }
}
