package dev.valuekit.cltv.bench;

import dev.valuekit.common.AtomicOutput;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ColumnType;
import dev.valuekit.table.Field;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.table.WriteOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a large synthetic customer table for bench/cltv-speed.sh (not a unit test): customer_id,
 * x0..x{F-1} ~ N(0, 1), and ltv = 0 with probability sigmoid(−x0), otherwise
 * exp(1 + 0.5·x1 − 0.3·x2 + 0.5·N(0, 1)) — the distribution bench/peers/ziln.py draws too.
 * Usage: CustomerTableGen ROWS FEATURES SEED OUT.arrow
 */
public final class CustomerTableGen {
    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        int features = Integer.parseInt(args[1]);
        SplittableRandom rng = new SplittableRandom(Long.parseLong(args[2]));
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("customer_id", ColumnType.STRING));
        for (int j = 0; j < features; j++) fields.add(new Field("x" + j, ColumnType.FLOAT64));
        fields.add(new Field("ltv", ColumnType.FLOAT64));
        int chunk = 65536;
        try (AtomicOutput out = AtomicOutput.open(args[3], System.out);
             TableWriter w = Tables.create(out, new Schema(fields), WriteOptions.defaults())) {
            for (long start = 0; start < rows; start += chunk) {
                int n = (int) Math.min(chunk, rows - start);
                String[] id = new String[n];
                double[][] x = new double[features][n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    id[i] = Long.toString(start + i + 1);
                    for (int j = 0; j < features; j++) x[j][i] = rng.nextGaussian();
                    boolean buys = rng.nextDouble() < 1 / (1 + Math.exp(-x[0][i]));
                    y[i] = buys ? Math.exp(1 + 0.5 * x[1][i] - 0.3 * x[2][i] + 0.5 * rng.nextGaussian()) : 0;
                }
                Batch.Builder b = new Batch.Builder(n).addString("customer_id", id);
                for (int j = 0; j < features; j++) b.addDouble("x" + j, x[j]);
                w.write(b.addDouble("ltv", y).build());
            }
            w.finish();
        }
    }
}
