package dev.valuekit.onnx;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds one ONNX graph node by node on ND4J's generated binding of onnx.proto (the {@code onnx.Onnx}
 * classes in nd4j-api, on its shaded protobuf runtime): valuekit already ships both, so writing ONNX adds
 * no dependency. Values are named {@code hint_N} with a running N, so names never collide and the same
 * model always gives the same bytes. Inputs and outputs are {@link Port}s, whose leading dimension is the symbolic {@link #BATCH}.
 */
final class OnnxGraph {
    /** Opset of the default domain: 17 has every operator used here with the attribute forms used here. */
    static final int OPSET = 17;
    /** ai.onnx.ml opset (LabelEncoder with string keys, for categorical CLTV columns). */
    static final int ML_OPSET = 3;
    static final String ML_DOMAIN = "ai.onnx.ml";
    /** IR version 8 is the one that goes with opset 17 (ONNX 1.12). */
    static final long IR_VERSION = 8;
    /** The symbolic leading dimension of every input and output: any number of rows. */
    static final String BATCH = "batch";

    static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    static final int INT64 = TensorProto.DataType.INT64_VALUE;
    static final int STRING = TensorProto.DataType.STRING_VALUE;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final List<Port> inputs = new ArrayList<>();
    private final List<Port> outputs = new ArrayList<>();
    private int counter;
    private boolean usesMl;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A graph input described by {@code p}; returns its name. */
    String input(Port p) {
        graph.addInput(valueInfo(p));
        inputs.add(p);
        return p.name();
    }

    /** Exposes {@code value} as the graph output described by {@code p} (through an Identity node). */
    void output(String value, Port p) {
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(p.name() + "_out").addInput(value).addOutput(p.name()));
        graph.addOutput(valueInfo(p));
        outputs.add(p);
    }

    List<Port> inputs() { return List.copyOf(inputs); }
    List<Port> outputs() { return List.copyOf(outputs); }

    /** A float constant (initializer) of the given shape, rounded to float32. */
    String constant(String hint, double[] data, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : data) b.putFloat((float) v);
        return initializer(hint, FLOAT, b.array(), shape);
    }

    /** An int64 constant (initializer) of the given shape. */
    String constantLong(String hint, long[] data, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : data) b.putLong(v);
        return initializer(hint, INT64, b.array(), shape);
    }

    /** A float scalar constant (shape []). */
    String scalar(String hint, double v) {
        return constant(hint, new double[] {v});
    }

    private String initializer(String hint, int type, byte[] raw, long[] shape) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(raw));
        for (long d : shape) t.addDims(d);
        graph.addInitializer(t);
        return name;
    }

    /** One node of the default domain with a single output; returns the output's name. */
    String op(String opType, List<String> inputs, AttributeProto... attributes) {
        return node("", opType, inputs, attributes);
    }

    /** One node of the ai.onnx.ml domain with a single output. */
    String mlOp(String opType, List<String> inputs, AttributeProto... attributes) {
        usesMl = true;
        return node(ML_DOMAIN, opType, inputs, attributes);
    }

    private String node(String domain, String opType, List<String> inputs, AttributeProto... attributes) {
        String out = fresh(opType.toLowerCase(java.util.Locale.ROOT));
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(out).setDomain(domain).addOutput(out);
        inputs.forEach(n::addInput);
        for (AttributeProto a : attributes) n.addAttribute(a);
        graph.addNode(n);
        return out;
    }

    String op(String opType, String input, AttributeProto... attributes) {
        return op(opType, List.of(input), attributes);
    }

    String op(String opType, String a, String b) {
        return op(opType, List.of(a, b));
    }

    static AttributeProto attr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto attrs(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) a.addInts(x);
        return a.build();
    }

    static AttributeProto attrStrings(String name, List<String> v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        for (String s : v) a.addStrings(ByteString.copyFrom(s, StandardCharsets.UTF_8));
        return a.build();
    }

    /** The model: this graph, the opsets it uses, producer and the metadata_props (in the map's order). */
    byte[] model(String docString, String producerVersion, Map<String, String> metadata) {
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("valuekit")
                .setProducerVersion(producerVersion)
                .setDomain("dev.valuekit")
                .setModelVersion(1)
                .setDocString(docString)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        if (usesMl) m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(ML_OPSET));
        m.setGraph(graph);
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build().toByteArray();
    }

    private String fresh(String hint) {
        return hint + "_" + counter++;
    }

    private static ValueInfoProto valueInfo(Port p) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : p.shape()) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Number n) dim.setDimValue(n.longValue()); else dim.setDimParam(d.toString());
            shape.addDim(dim);
        }
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(p.elemType()).setShape(shape);
        String doc = p.meaning() + (p.columns().isEmpty() ? "" : "; columns " + String.join(", ", p.columns()));
        return ValueInfoProto.newBuilder().setName(p.name()).setDocString(doc).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
