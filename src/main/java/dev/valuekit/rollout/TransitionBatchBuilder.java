package dev.valuekit.rollout;

import dev.valuekit.table.Batch;
import dev.valuekit.table.ColumnType;
import dev.valuekit.table.Field;
import dev.valuekit.table.Schema;
import dev.valuekit.table.Transitions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects transitions into batches of {@link Transitions#schema} plus {@code source}.
 */
final class TransitionBatchBuilder {
    private final Schema schema;
    private final int obsDim;
    private final int actDim;
    private final int capacity;
    private final String source;
    private long[] episode;
    private long[] step;
    private double[][] obs;
    private double[][] act;
    private double[] reward;
    private double[][] nextObs;
    private boolean[] terminated;
    private boolean[] truncated;
    private int rows;

    TransitionBatchBuilder(int obsDim, int actDim, int capacity, String source) {
        this.schema = schema(obsDim, actDim);
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.capacity = capacity;
        this.source = source;
        allocate();
    }

    /** The transitions schema with a source column. */
    static Schema schema(int obsDim, int actDim) {
        List<Field> f = new ArrayList<>(Transitions.schema(obsDim, actDim).fields());
        f.add(new Field("source", ColumnType.STRING));
        return new Schema(f);
    }

    private void allocate() {
        episode = new long[capacity];
        step = new long[capacity];
        obs = new double[obsDim][capacity];
        act = new double[actDim][capacity];
        reward = new double[capacity];
        nextObs = new double[obsDim][capacity];
        terminated = new boolean[capacity];
        truncated = new boolean[capacity];
        rows = 0;
    }

    Schema schema() { return schema; }

    boolean isFull() { return rows == capacity; }

    boolean isEmpty() { return rows == 0; }

    void add(long ep, long t, double[] o, double[] a, double r, double[] next, boolean term, boolean trunc) {
        episode[rows] = ep;
        step[rows] = t;
        for (int i = 0; i < obsDim; i++) obs[i][rows] = o[i];
        for (int j = 0; j < actDim; j++) act[j][rows] = a[j];
        reward[rows] = r;
        for (int i = 0; i < obsDim; i++) nextObs[i][rows] = next[i];
        terminated[rows] = term;
        truncated[rows] = trunc;
        rows++;
    }

    /** The rows collected so far as a batch; the builder starts afresh. */
    Batch take() {
        Object[] cols = new Object[schema.size()];
        int c = 0;
        cols[c++] = episode;
        cols[c++] = step;
        for (double[] col : obs) cols[c++] = col;
        for (double[] col : act) cols[c++] = col;
        cols[c++] = reward;
        for (double[] col : nextObs) cols[c++] = col;
        cols[c++] = terminated;
        cols[c++] = truncated;
        String[] src = new String[rows];
        Arrays.fill(src, source);
        cols[c] = src;
        Batch b = new Batch(schema, rows, cols);
        allocate();
        return b;
    }
}
