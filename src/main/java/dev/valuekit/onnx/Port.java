package dev.valuekit.onnx;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One input or output of an exported graph: its name, element type ({@code float32}, {@code int64} or
 * {@code string}), shape (the leading {@code batch} dimension is symbolic), the table columns its last axis
 * holds (in order; empty when the tensor is one column, named like the tensor) and what it means.
 */
public record Port(String name, String type, List<Object> shape, List<String> columns, String meaning) {
    public Port {
        shape = List.copyOf(shape);
        columns = List.copyOf(columns);
    }

    /** A float32 {@code [batch, columns]} tensor. */
    static Port matrix(String name, List<String> columns, String meaning) {
        return new Port(name, "float32", List.of(OnnxGraph.BATCH, columns.size()), columns, meaning);
    }

    /** A float32 {@code [batch]} tensor (one value per row). */
    static Port vector(String name, String meaning) {
        return new Port(name, "float32", List.of(OnnxGraph.BATCH), List.of(), meaning);
    }

    int elemType() {
        return switch (type) {
            case "float32" -> OnnxGraph.FLOAT;
            case "int64" -> OnnxGraph.INT64;
            case "string" -> OnnxGraph.STRING;
            default -> throw new IllegalStateException("no ONNX type for " + type);
        };
    }

    /** The description stored in the model's metadata. */
    ObjectNode toJson(ObjectNode o) {
        o.put("name", name).put("type", type);
        var s = o.putArray("shape");
        for (Object d : shape) {
            if (d instanceof Number n) s.add(n.longValue()); else s.add(d.toString());
        }
        var c = o.putArray("columns");
        columns.forEach(c::add);
        o.put("meaning", meaning);
        return o;
    }

    /** {@code name [batch, 3] float32}, for messages and help. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(" [");
        for (int i = 0; i < shape.size(); i++) sb.append(i > 0 ? ", " : "").append(shape.get(i));
        return sb.append("] ").append(type).toString();
    }
}
