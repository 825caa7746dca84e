package dev.valuekit.dynamics;

import dev.valuekit.fit.EpochRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.DType;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoints in a directory, one file {@code checkpoint.safetensors} (a {@code dynamics} artifact
 * whose spec holds the training state and whose tensors add the optimiser moments ({@code adam.m.*},
 * {@code adam.v.*}) and best weights ({@code best.*})). A checkpoint belongs to one set of training
 * arguments: {@code fingerprint} names them, and a checkpoint made with others is refused rather
 * than silently mixed in. Writes are atomic, so an interrupted save leaves the previous checkpoint.
 */
public final class FileCheckpointStore implements CheckpointStore {
    public static final String FILE = "checkpoint.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String fingerprint;
    private final ProgressListener listener;

    public FileCheckpointStore(Path dir, String fingerprint) {
        this(dir, fingerprint, ProgressListener.NONE);
    }

    /** @param log told when temporaries of an interrupted save are cleaned up */
    public FileCheckpointStore(Path dir, String fingerprint, ProgressListener log) {
        this.dir = dir;
        this.fingerprint = fingerprint;
        this.listener = log;
    }

    public Path file() { return dir.resolve(FILE); }

    @Override
    public TrainingState load(DynamicsNetwork net) {
        Path f = file();
        if (!Files.isRegularFile(f)) return null;
        Artifact a = Artifacts.read(f, DynamicsArtifacts.KIND);
        JsonNode c = a.spec() == null ? null : a.spec().get("checkpoint");
        if (c == null) throw BadInputException.inFile("not a train-model checkpoint", f.toString(), "use an empty --checkpoint directory");
        if (!fingerprint.equals(c.path("fingerprint").asText())) {
            throw BadInputException.inFile("the checkpoint was made by a run with different arguments or data", f.toString(),
                    "rerun with the same arguments to resume, or give a new --checkpoint directory");
        }
        String src = f.toString();
        Map<String, double[][]> moments = new LinkedHashMap<>();
        Map<String, double[]> best = new LinkedHashMap<>();
        for (Param p : net.params().list()) {
            p.set(a.tensor(p.name(), src).data());
            if (a.tensors().containsKey("adam.m." + p.name())) {
                moments.put(p.name(), new double[][] {a.tensor("adam.m." + p.name(), src).data(),
                        a.tensor("adam.v." + p.name(), src).data()});
            }
            if (a.tensors().containsKey("best." + p.name())) best.put(p.name(), a.tensor("best." + p.name(), src).data());
        }
        List<EpochRecord> log = new ArrayList<>();
        for (JsonNode r : c.get("log")) {
            log.add(new EpochRecord(r.get("epoch").asInt(), doubles(r.get("train_loss")), doubles(r.get("train_mse")),
                    doubles(r.get("holdout_loss")), doubles(r.get("holdout_mse")), r.get("seconds").asDouble()));
        }
        return new TrainingState(c.get("epoch").asInt(), c.get("adam_steps").asLong(), moments,
                doubles(c.get("best_mse")), best, c.get("since_improvement").asInt(), log);
    }

    @Override
    public void save(DynamicsNetwork net, TrainingState s) throws IOException {
        Files.createDirectories(dir);
        DType dt = net.precision() == Precision.F64 ? DType.F64 : DType.F32;
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        for (Param p : net.params().list()) t.put(p.name(), new Tensor(p.name(), dt, p.shape(), p.toDoubleArray()));
        s.adamMoments().forEach((name, mv) -> {
            long[] shape = net.params().get(name).shape();
            t.put("adam.m." + name, new Tensor("adam.m." + name, dt, shape, mv[0]));
            t.put("adam.v." + name, new Tensor("adam.v." + name, dt, shape, mv[1]));
        });
        s.bestValues().forEach((name, v) -> t.put("best." + name, new Tensor("best." + name, dt, net.params().get(name).shape(), v)));
        ObjectNode spec = JSON.createObjectNode();
        ObjectNode c = spec.putObject("checkpoint");
        c.put("fingerprint", fingerprint);
        c.put("epoch", s.epoch());
        c.put("adam_steps", s.adamSteps());
        c.put("since_improvement", s.sinceImprovement());
        put(c.putArray("best_mse"), s.bestMse());
        ArrayNode log = c.putArray("log");
        for (EpochRecord r : s.log()) {
            ObjectNode o = log.addObject();
            o.put("epoch", r.epoch());
            put(o.putArray("train_loss"), r.trainLoss());
            put(o.putArray("train_mse"), r.trainMse());
            put(o.putArray("holdout_loss"), r.holdoutLoss());
            put(o.putArray("holdout_mse"), r.holdoutMse());
            o.put("seconds", r.seconds());
        }
        try (AtomicOutput out = AtomicOutput.open(file().toString(), null, listener)) {
            Artifacts.write(out, new Artifact(DynamicsArtifacts.KIND, spec, null, t));
            out.commit();
        }
    }

    // JSON has no NaN: non-finite values (no holdout, infinite initial best) are stored as null
    private static void put(ArrayNode a, double[] v) {
        for (double d : v) { if (Double.isFinite(d)) a.add(d); else a.addNull(); }
    }

    private static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) d[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
        return d;
    }
}
