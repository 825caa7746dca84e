package dev.valuekit.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an exported graph in ONNX Runtime: float32 matrices and string vectors in, every output back as doubles. */
final class OrtRunner implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();

    OrtRunner(byte[] model) throws OrtException {
        session = env.createSession(model, new OrtSession.SessionOptions());
    }

    OrtSession session() { return session; }

    /** A float32 input {@code [rows, cols]} (cols 0: a vector {@code [rows]}) from row-major doubles. */
    OrtRunner floats(String name, double[] rowMajor, int rows, int cols) throws OrtException {
        float[] f = new float[rowMajor.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) rowMajor[i];
        long[] shape = cols == 0 ? new long[] {rows} : new long[] {rows, cols};
        inputs.put(name, OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape));
        return this;
    }

    OrtRunner strings(String name, String[] values) throws OrtException {
        inputs.put(name, OnnxTensor.createTensor(env, values, new long[] {values.length}));
        return this;
    }

    /** Runs once; outputs flattened row-major. */
    Map<String, double[]> run() throws OrtException {
        Map<String, double[]> out = new LinkedHashMap<>();
        try (OrtSession.Result r = session.run(inputs)) {
            for (Map.Entry<String, OnnxValue> e : r) {
                OnnxTensor t = (OnnxTensor) e.getValue();
                double[] d;
                switch (t.getInfo().type) {
                    case FLOAT -> {
                        FloatBuffer b = t.getFloatBuffer();
                        d = new double[b.remaining()];
                        for (int i = 0; i < d.length; i++) d[i] = b.get(i);
                    }
                    case INT64 -> {
                        long[] l = t.getLongBuffer().array();
                        d = new double[l.length];
                        for (int i = 0; i < d.length; i++) d[i] = l[i];
                    }
                    default -> throw new IllegalStateException("unexpected output type " + t.getInfo().type);
                }
                out.put(e.getKey(), d);
            }
        } finally {
            for (OnnxTensor t : inputs.values()) t.close();
            inputs.clear();
        }
        return out;
    }

    @Override public void close() throws OrtException {
        session.close();
    }
}
