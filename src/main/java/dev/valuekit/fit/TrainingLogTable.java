package dev.valuekit.fit;

import dev.valuekit.table.Batch;

import java.util.List;

/** The training log as a table: one row per epoch and member (long form, easy to filter and plot). */
public final class TrainingLogTable {
    private TrainingLogTable() {}

    public static Batch of(List<EpochRecord> log, int[] elites) {
        int members = log.isEmpty() ? 0 : log.get(0).trainLoss().length;
        int n = log.size() * members;
        long[] epoch = new long[n], member = new long[n];
        double[] trainLoss = new double[n], trainMse = new double[n], holdLoss = new double[n], holdMse = new double[n],
                seconds = new double[n];
        boolean[] elite = new boolean[n];
        boolean[] isElite = new boolean[members];
        for (int e : elites) isElite[e] = true;
        int i = 0;
        for (EpochRecord r : log) {
            for (int m = 0; m < members; m++, i++) {
                epoch[i] = r.epoch();
                member[i] = m;
                trainLoss[i] = r.trainLoss()[m];
                trainMse[i] = r.trainMse()[m];
                holdLoss[i] = r.holdoutLoss()[m];
                holdMse[i] = r.holdoutMse()[m];
                seconds[i] = r.seconds();
                elite[i] = isElite[m];
            }
        }
        return new Batch.Builder(n).addLong("epoch", epoch).addLong("member", member)
                .addDouble("train_loss", trainLoss).addDouble("train_mse", trainMse)
                .addDouble("holdout_loss", holdLoss).addDouble("holdout_mse", holdMse)
                .addBool("elite", elite).addDouble("epoch_seconds", seconds).build();
    }
}
