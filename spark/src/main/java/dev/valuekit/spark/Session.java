package dev.valuekit.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The Spark session of one valuekit-spark run, started on first use so that {@code --help} and the
 * subcommands that run on the driver alone never start Spark. A session that was already running
 * (a test's, a notebook's) is used as it is and left running.
 */
final class Session implements AutoCloseable {
    private final SparkSettings settings;
    private SparkSession spark;
    private boolean owned;

    Session(SparkSettings settings) { this.settings = settings; }

    synchronized SparkSession spark(String appName) {
        if (spark != null) return spark;
        SparkSession active = SparkSession.getActiveSession().getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
        if (active != null) {
            spark = active;
            return spark;
        }
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        // spark-submit passes its --master as the spark.master property; ours wins, local[*] otherwise.
        if (settings.master() != null) b.master(settings.master());
        else if (System.getProperty("spark.master") == null) b.master(SparkSettings.DEFAULT_MASTER);
        b.config("spark.ui.showConsoleProgress", "false");
        for (Map.Entry<String, String> e : settings.conf().entrySet()) b.config(e.getKey(), e.getValue());
        spark = b.getOrCreate();
        owned = true;
        return spark;
    }

    JavaSparkContext context(String appName) {
        return JavaSparkContext.fromSparkContext(spark(appName).sparkContext());
    }

    @Override
    public synchronized void close() {
        if (spark != null && owned) spark.stop();
        spark = null;
    }
}
