package dev.valuekit.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A named trainable tensor with its gradient. Values and gradients are dense c-order ND4J arrays of the
 * given precision; {@code weightDecay} is this parameter's own L2 coefficient (MBPO decays each layer's
 * weights differently and never the biases); a frozen parameter keeps its value and gets no gradient
 * computed (adapters train low-rank parts on top of frozen base weights).
 */
public final class Param {
    private final String name;
    private final INDArray value;
    private final INDArray grad;
    private boolean trainable = true;
    private double weightDecay;

    /** A parameter of the default precision for new networks ({@link Nd4jRuntime#defaultPrecision()}). */
    public Param(String name, long... shape) {
        this(name, Nd4jRuntime.defaultPrecision(), shape);
    }

    public Param(String name, Precision precision, long... shape) {
        Nd4jRuntime.ensure();
        this.name = name;
        this.value = Nd4j.create(DataTypes.of(precision), shape, 'c');
        this.grad = Nd4j.create(DataTypes.of(precision), shape, 'c');
    }

    /** The precision of this parameter's values. */
    public Precision precision() { return DataTypes.precisionOf(value.dataType()); }

    public String name() { return name; }
    public INDArray value() { return value; }
    public INDArray grad() { return grad; }
    public long[] shape() { return value.shape(); }
    public long size() { return value.length(); }
    public boolean trainable() { return trainable; }
    public Param trainable(boolean t) { this.trainable = t; return this; }
    public double weightDecay() { return weightDecay; }
    public Param weightDecay(double wd) { this.weightDecay = wd; return this; }

    /** Sets the gradient to zero (a memset: an ND4J op would cost more than the work). */
    public void zeroGrad() {
        org.bytedeco.javacpp.Pointer.memset(grad.data().addressPointer(), 0, grad.length() * grad.data().getElementSize());
    }

    /** The value as a row-major double array (for artifacts). */
    public double[] toDoubleArray() { return value.data().asDouble(); }

    /** Sets the value from a row-major array of {@link #size()} numbers. */
    public void set(double[] data) {
        if (data.length != value.length()) {
            throw new IllegalArgumentException(name + ": expected " + value.length() + " numbers, got " + data.length);
        }
        HostMath.of(value).storeDoubles(data, value);
    }
}
