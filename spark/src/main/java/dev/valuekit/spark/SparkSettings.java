package dev.valuekit.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options valuekit-spark adds to valuekit's: {@code --master URL} and {@code --conf key=value}
 * (repeatable), accepted anywhere on the line ({@code --master=URL} too) and removed before valuekit
 * parses the rest.
 *
 * @param master null = spark-submit's master when it set one, else {@code local[*]}
 */
public record SparkSettings(String master, Map<String, String> conf, String[] rest) {
    public static final String DEFAULT_MASTER = "local[*]";

    public static SparkSettings extract(String[] args) {
        String master = null;
        Map<String, String> conf = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--master") || a.equals("--conf")) {
                if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value: see 'valuekit-spark --help'");
                String v = args[++i];
                if (a.equals("--master")) master = v; else putConf(conf, v);
            } else if (a.startsWith("--master=")) {
                master = a.substring("--master=".length());
            } else if (a.startsWith("--conf=")) {
                putConf(conf, a.substring("--conf=".length()));
            } else if (a.equals("--")) {
                for (int j = i; j < args.length; j++) rest.add(args[j]);
                break;
            } else {
                rest.add(a);
            }
        }
        if (master != null && master.isBlank()) throw new IllegalArgumentException("--master is empty: give a URL such as local[4] or spark://host:7077");
        return new SparkSettings(master, conf, rest.toArray(new String[0]));
    }

    private static void putConf(Map<String, String> conf, String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("--conf '" + kv + "' is not key=value: e.g. --conf spark.executor.memory=4g");
        conf.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
}
