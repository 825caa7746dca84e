package dev.valuekit.table;

import dev.valuekit.common.BadInputException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads offline-RL data sets stored as HDF5 (with jhdf, pure Java): D4RL files (the arrays at the top
 * level) and Minari files ({@code episode_N} groups), into the transitions table. Arrays are read
 * whole: these files are data sets that training holds in memory anyway.
 */
final class Hdf5Transitions {
    static final byte[] MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
    private static final Pattern EPISODE = Pattern.compile("episode_(\\d+)");
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private Hdf5Transitions() {}

    /** The Minari layout's file inside a data-set directory, or null when {@code dir} is not one. */
    static Path minariFile(Path dir) {
        for (Path p : new Path[] {dir.resolve("data").resolve("main_data.hdf5"), dir.resolve("main_data.hdf5")}) {
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    static TableReader file(Path path, String source, ReadOptions o) {
        return read(() -> new HdfFile(path), source, o);
    }

    static TableReader bytes(byte[] data, String source, ReadOptions o) {
        return read(() -> HdfFile.fromBytes(data), source, o);
    }

    private interface Opener { HdfFile open(); }

    private static TableReader read(Opener opener, String source, ReadOptions o) {
        try (HdfFile h = opener.open()) {
            Batch table;
            if (h.getChildren().get("observations") instanceof Dataset) {
                OfflineTransitions.Arrays a = OfflineTransitions.d4rl(arrays(h, source), source);
                table = OfflineTransitions.fromD4rl(a, o.allowNonFinite(), o.listener());
            } else {
                table = minari(h, source, o);
            }
            return new InMemoryTableReader(table, source, o);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
            if (msg.length() > 120) msg = msg.substring(0, 120) + "...";
            throw BadInputException.inFile("truncated or corrupt HDF5 file (" + msg + ")", source,
                    "the file is incomplete or damaged; write it again");
        }
    }

    private static Batch minari(HdfFile h, String source, ReadOptions o) {
        List<Map.Entry<Long, Group>> episodes = new ArrayList<>();
        for (Node n : h) {
            Matcher m = EPISODE.matcher(n.getName());
            if (n instanceof Group g && m.matches()) episodes.add(Map.entry(Long.parseLong(m.group(1)), g));
        }
        if (episodes.isEmpty()) {
            throw BadInputException.inFile("HDF5 file is neither D4RL nor Minari", source,
                    "D4RL files hold observations, actions, rewards, terminals, timeouts at the top level; Minari files hold episode_N groups");
        }
        episodes.sort(Comparator.comparing(Map.Entry::getKey));
        List<OfflineTransitions.Arrays> arrays = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (Map.Entry<Long, Group> e : episodes) {
            String where = source + ":" + e.getValue().getName();
            Map<String, OfflineArray> named = arrays(e.getValue(), where);
            if (e.getValue().getChild("observations") instanceof Group) {
                throw BadInputException.inFile("observations is a group (a dict observation space)", where,
                        "valuekit reads flat (Box) observations; flatten the space before writing the data set");
            }
            arrays.add(new OfflineTransitions.Arrays(where,
                    OfflineTransitions.require(named, where, "observations"),
                    OfflineTransitions.require(named, where, "actions"),
                    OfflineTransitions.require(named, where, "rewards"),
                    OfflineTransitions.require(named, where, "terminations", "terminals"),
                    OfflineTransitions.require(named, where, "truncations", "timeouts"),
                    null));
            ids.add(e.getKey());
        }
        return OfflineTransitions.fromMinari(arrays, ids, o.allowNonFinite());
    }

    /** The numeric datasets directly inside {@code g} (strings, nested groups and others are skipped). */
    private static Map<String, OfflineArray> arrays(Group g, String source) {
        Map<String, OfflineArray> out = new LinkedHashMap<>();
        for (Node n : g) {
            if (n instanceof Dataset d && !d.isScalar() && !d.isCompound()) {
                OfflineArray a = array(d, source);
                if (a != null) out.put(n.getName(), a);
            }
        }
        return out;
    }

    private static OfflineArray array(Dataset d, String source) {
        int[] dims = d.getDimensions();
        String name = d.getName();
        Class<?> type = d.getJavaType();
        boolean numeric = type.isPrimitive() || type == BigInteger.class || type == String.class;
        if (!numeric || d.isVariableLength()) return null;
        if (dims.length == 0 || dims.length > 2) {
            throw BadInputException.inFile("'" + name + "' has " + dims.length + " dimensions", source,
                    "write per-step arrays as (steps,) or (steps, values)");
        }
        long rows = dims[0];
        long width = dims.length == 2 ? dims[1] : 1;
        if (rows * width > MAX_VALUES) throw BadInputException.inFile("'" + name + "' is too large (" + rows + "x" + width + ")", source, "use a smaller data set");
        Object flat = d.getDataFlat();
        int len = Array.getLength(flat);
        if (len != rows * width) throw BadInputException.inFile("'" + name + "' holds " + len + " values for shape " + rows + "x" + width, source, "write the array again");
        double[] v = new double[len];
        if (flat instanceof float[] f) {
            for (int i = 0; i < len; i++) v[i] = f[i];
            return new OfflineArray(name, (int) rows, (int) width, v, true);
        }
        if (flat instanceof String[] s) {
            // h5py stores numpy bools as an enum {FALSE, TRUE}, which jhdf returns by name.
            for (int i = 0; i < len; i++) {
                String t = s[i] == null ? "" : s[i].toUpperCase(Locale.ROOT);
                if (!t.equals("TRUE") && !t.equals("FALSE")) return null; // a text array, not data
                v[i] = t.equals("TRUE") ? 1 : 0;
            }
        } else if (flat instanceof double[] x) {
            v = x;
        } else if (flat instanceof boolean[] x) {
            for (int i = 0; i < len; i++) v[i] = x[i] ? 1 : 0;
        } else if (flat instanceof BigInteger[] x) {
            for (int i = 0; i < len; i++) v[i] = x[i].doubleValue();
        } else if (flat.getClass().isArray() && flat.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < len; i++) v[i] = ((Number) Array.get(flat, i)).doubleValue();
        } else {
            return null;
        }
        return new OfflineArray(name, (int) rows, (int) width, v, false);
    }
}
