package dev.valuekit.artifact;

/** The safetensors element types valuekit reads and writes (little-endian IEEE 754). */
public enum DType {
    F32(4),
    F64(8);

    private final int bytes;

    DType(int bytes) { this.bytes = bytes; }

    /** Bytes per element. */
    public int bytes() { return bytes; }

    /** The type named by a safetensors header ("F32", "F64"), or null for any other name. */
    public static DType parse(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) return d;
        }
        return null;
    }
}
