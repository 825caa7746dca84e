package dev.valuekit.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Precision ↔ ND4J data type. Kept out of {@link Precision}'s public methods: Picocli reflects on that enum
 * while parsing every command line, and a DataType in its signatures would load ND4J classes for --help.
 */
public final class DataTypes {
    private DataTypes() {}

    public static DataType of(Precision p) { return p == Precision.F32 ? DataType.FLOAT : DataType.DOUBLE; }

    /** The precision of arrays of {@code t}: FLOAT is f32, anything else f64. */
    public static Precision precisionOf(DataType t) { return t == DataType.FLOAT ? Precision.F32 : Precision.F64; }
}
