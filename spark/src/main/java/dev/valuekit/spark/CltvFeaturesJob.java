package dev.valuekit.spark;

import dev.valuekit.cltv.FeatureOptions;
import dev.valuekit.cltv.LogColumns;
import dev.valuekit.cltv.LogFormat;
import dev.valuekit.cltv.PeriodUnit;
import dev.valuekit.cltv.PurchaseDates;
import dev.valuekit.cltv.RfmFeatures;
import dev.valuekit.cltv.TransactionLog;
import dev.valuekit.cltv.TransactionLogReader;
import dev.valuekit.common.BadInputException;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.apache.spark.sql.functions.col;

/**
 * {@code predict-cltv features} on Spark: every part of the transaction log is read by a task with
 * valuekit's log reader; purchases are shuffled by customer into {@link #shufflePartitions} partitions, and each partition's customers go through {@link RfmFeatures#compute}, the CLI's
 * arithmetic. Within a customer the purchases keep their log order (part, then row), so same-day
 * amounts are summed in the same order and every feature equals the single-machine value bit for bit.
 * Each output part is sorted by customer id; a customer is in exactly one part.
 */
final class CltvFeaturesJob implements SparkJob {
    private static final StructType PURCHASES = new StructType()
            .add("customer", DataTypes.StringType, false)
            .add("part", DataTypes.IntegerType, false)
            .add("row", DataTypes.LongType, false)
            .add("day", DataTypes.LongType, false)
            .add("amount", DataTypes.DoubleType, false);

    @Override
    public Set<String> options() {
        return Set.of("--transactions", "--transactions-format", "--customer-column", "--date-column", "--amount-column",
                "--calibration-end", "--holdout-end", "--unit", "--windows", "--output", "--format");
    }

    /** The feature definition as plain values, rebuilt into {@link FeatureOptions} inside tasks. */
    private record Definition(long calibrationEnd, long holdoutEnd, PeriodUnit unit, double[] windows) implements java.io.Serializable {
        FeatureOptions options() {
            return new FeatureOptions(LocalDate.ofEpochDay(calibrationEnd), LocalDate.ofEpochDay(holdoutEnd), unit, windows);
        }
    }

    @Override
    public int run(JobContext job) throws Exception {
        PeriodUnit unit = job.option("--unit");
        FeatureOptions fo = new FeatureOptions(PurchaseDates.option(job.option("--calibration-end"), "--calibration-end"),
                PurchaseDates.option(job.option("--holdout-end"), "--holdout-end"), unit, job.option("--windows"));
        Definition def = new Definition(fo.calibrationEnd().toEpochDay(), fo.holdoutEnd().toEpochDay(), unit, fo.windows());
        InputParts log = InputParts.of(job.option("--transactions"), "--transactions");
        LogFormat format = job.option("--transactions-format");
        if (format == LogFormat.AUTO) format = TransactionLogReader.detect(Path.of(log.first()));
        LogColumns columns = new LogColumns(job.option("--customer-column"), job.option("--date-column"), job.option("--amount-column"));
        if (format == LogFormat.TABLE) requireColumns(log.first(), columns);
        PartitionedOutput out = PartitionedOutput.open(job.output());
        try {
            long[] counts = features(job.spark(), log, format, columns, def, out);
            if (counts[0] == 0) {
                throw BadInputException.inFile("no customer bought on or before the calibration end " + fo.calibrationEnd(),
                        log.name(), "choose a later --calibration-end");
            }
            out.commit();
            job.log().info("read " + counts[2] + " purchases from " + log.size() + " part(s) of " + log.name());
            if (counts[1] > 0) job.log().info(counts[1] + " customers first bought after the calibration end and are left out");
            job.log().info("wrote " + counts[0] + " customers (unit " + unit.label() + ", windows " + Arrays.toString(fo.windows())
                    + ") to " + out.name());
            return 0;
        } finally {
            out.abort();
        }
    }

    /** The driver's check, before any task runs: the first part has the three columns (same error as the CLI). */
    private static void requireColumns(String file, LogColumns c) throws Exception {
        try (TableReader r = Tables.open(file, null, ReadOptions.defaults())) {
            Schema s = r.schema();
            s.require(c.customer(), r.source());
            s.require(c.date(), r.source());
            s.require(c.amount(), r.source());
        }
    }

    /** Runs the job; returns {customers written, customers left out, purchases read}. */
    static long[] features(SparkSession spark, InputParts log, LogFormat format, LogColumns columns, Definition def,
                           PartitionedOutput out) {
        int parts = log.size();
        String[] names = {columns.customer(), columns.date(), columns.amount()};   // LogColumns is not Serializable
        JavaRDD<Row> purchases = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(IntStream.range(0, parts).boxed().toList(), parts)
                .flatMap(p -> purchases(log.files().get(p), p, format, new LogColumns(names[0], names[1], names[2])));
        int partitions = shufflePartitions(spark, parts);
        Dataset<Row> byCustomer = spark.createDataFrame(purchases, PURCHASES)
                .repartition(partitions, col("customer"))
                .sortWithinPartitions("customer", "part", "row");
        List<long[]> perPart = byCustomer.javaRDD()
                .mapPartitionsWithIndex((index, rows) -> List.of(customers(index, rows, def, log.name(), out)).iterator(), false)
                .collect();
        long[] total = new long[3];
        for (long[] c : perPart) for (int i = 0; i < 3; i++) total[i] += c[i];
        return total;
    }

    /**
     * {@code spark.sql.shuffle.partitions} when the user set it (--conf), else one per core and at least one
     * per input part: Spark's default of 200 would write 200 tiny files for a small log.
     */
    static int shufflePartitions(SparkSession spark, int inputParts) {
        String key = "spark.sql.shuffle.partitions";
        if (spark.sparkContext().getConf().contains(key)) return spark.sessionState().conf().numShufflePartitions();
        return Math.max(spark.sparkContext().defaultParallelism(), inputParts);
    }

    /** One log part as rows (customer, part, row, day, amount), read and checked by valuekit's reader. */
    private static Iterator<Row> purchases(String file, int part, LogFormat format, LogColumns columns) throws Exception {
        TransactionLog t;
        if (format == LogFormat.TABLE) {
            try (TableReader r = Tables.open(file, null, ReadOptions.defaults())) { t = TransactionLogReader.readTable(r, columns); }
        } else {
            t = TransactionLogReader.readWhitespace(Path.of(file), format);
        }
        int n = t.size();
        return IntStream.range(0, n)
                .mapToObj(i -> RowFactory.create(t.id(t.customerOf(i)), part, (long) i, (long) t.dayOf(i), t.amountOf(i))).iterator();
    }

    /** Features of one partition's customers (rows sorted by customer, part, row), written as part {@code index}. */
    private static long[] customers(int index, Iterator<Row> rows, Definition def, String source, PartitionedOutput out) throws Exception {
        List<String> id = new ArrayList<>();
        long[] day = new long[1024];
        double[] amount = new double[1024];
        int n = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (n == day.length) {
                day = Arrays.copyOf(day, 2 * n);
                amount = Arrays.copyOf(amount, 2 * n);
            }
            id.add(r.getString(0));
            day[n] = r.getLong(3);
            amount[n] = r.getDouble(4);
            n++;
        }
        if (n == 0) return new long[3];
        RfmFeatures.Result result = RfmFeatures.compute(new TransactionLog(source, id.toArray(new String[0]), day, amount, n), def.options());
        if (result.customers() > 0) {
            try (TableWriter w = out.part(index, result.table().schema())) {
                w.write(result.table());
                w.finish();
            }
        }
        return new long[]{result.customers(), result.laterCustomers(), n};
    }
}
