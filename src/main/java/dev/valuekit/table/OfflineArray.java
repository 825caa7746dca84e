package dev.valuekit.table;

/**
 * One numeric array of an offline-RL data set (D4RL/Minari HDF5, NumPy npz), read whole: {@code rows}
 * × {@code width} values row-major as doubles (1-D arrays have width 1; bools are 0/1).
 *
 * @param float32 the stored type was single precision (the columns made from it are FLOAT32)
 */
record OfflineArray(String name, int rows, int width, double[] values, boolean float32) {
    OfflineArray {
        if ((long) rows * width != values.length) {
            throw new IllegalArgumentException(name + ": " + rows + "x" + width + " != " + values.length);
        }
    }

    double get(int row, int col) { return values[row * width + col]; }
}
