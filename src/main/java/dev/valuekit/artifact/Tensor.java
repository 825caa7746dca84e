package dev.valuekit.artifact;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor: row-major {@code data} of the given {@code shape}. Values are held as doubles
 * whatever the dtype; for {@link DType#F32} every value must be exactly representable as a float
 * (the writer checks), so a file round-trips bit for bit. Arrays are shared, not copied: large
 * models are not duplicated in memory.
 */
public record Tensor(String name, DType dtype, long[] shape, double[] data) {
    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        long n = elements(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape)
                    + " holds " + n + " values but data has " + data.length);
        }
    }

    /** The number of values a shape holds (1 for a scalar, shape []). */
    public static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The number of values (parameters) in this tensor. */
    public long size() { return data.length; }

    /** Bytes this tensor takes in a file. */
    public long byteSize() { return (long) data.length * dtype.bytes(); }

    // Value semantics: records compare arrays by reference, which no caller wants.
    @Override public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override public String toString() {
        return "Tensor[" + name + ", " + dtype + ", " + Arrays.toString(shape) + "]";
    }
}
