package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a NumPy {@code .npz} archive (a zip of {@code .npy} arrays, stored or deflated, as
 * {@code np.savez} and {@code np.savez_compressed} write it) holding D4RL-layout arrays. Only plain
 * numeric and bool arrays of one or two dimensions are read; object arrays (pickles) are refused,
 * never unpickled.
 */
final class NpzTransitions {
    /** More than this many bytes in one array is refused before allocating (a damaged header). */
    private static final long MAX_ARRAY_BYTES = (long) Integer.MAX_VALUE - 8;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpzTransitions() {}

    static TableReader open(InputStream in, String source, ReadOptions o) {
        Map<String, OfflineArray> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.isDirectory()) continue;
                String name = e.getName();
                if (!name.endsWith(".npy")) {
                    throw BadInputException.inFile("zip entry '" + name + "' is not a .npy array", source,
                            "an .npz archive holds only NumPy arrays (np.savez)");
                }
                String key = name.substring(0, name.length() - 4);
                arrays.put(key, npy(zip, key, source));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException b) throw b;
            throw BadInputException.inFile("truncated or corrupt npz archive (" + e.getMessage() + ")", source,
                    "the file is incomplete or damaged; write it again with np.savez");
        }
        if (arrays.isEmpty()) throw BadInputException.inFile("empty npz archive", source, "save the data set's arrays with np.savez");
        OfflineTransitions.Arrays a = OfflineTransitions.d4rl(arrays, source);
        return new InMemoryTableReader(OfflineTransitions.fromD4rl(a, o.allowNonFinite(), o.listener()), source, o);
    }

    /** One .npy array (format versions 1 to 3). */
    static OfflineArray npy(InputStream in, String name, String source) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || (magic[0] & 0xFF) != 0x93 || !new String(magic, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw bad(name, source, "not a .npy array (no \\x93NUMPY magic)");
        }
        int major = magic[6];
        byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
        if (lenBytes.length < (major == 1 ? 2 : 4) || major < 1 || major > 3) throw bad(name, source, "unsupported .npy version " + major);
        long headerLen = major == 1 ? ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF
                : ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        if (headerLen > 1 << 20) throw bad(name, source, "header of " + headerLen + " bytes");
        byte[] headerBytes = in.readNBytes((int) headerLen);
        if (headerBytes.length < headerLen) throw bad(name, source, "header ends early");
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, source, "descr");
        boolean fortran = "True".equals(group(FORTRAN, header, name, source, "fortran_order"));
        String shapeText = group(SHAPE, header, name, source, "shape").trim();
        if (descr.contains("O")) {
            throw BadInputException.inFile("array '" + name + "' holds Python objects (dtype " + descr + ")", source,
                    "save plain numeric arrays (e.g. np.asarray(x, dtype=np.float32)); valuekit never unpickles data");
        }
        long[] shape = shape(shapeText, name, source);
        if (shape.length > 2) throw bad(name, source, shape.length + "-dimensional array: flatten it to (steps, values)");
        Dtype t = Dtype.parse(descr, name, source);
        long rows = shape.length == 0 ? 1 : shape[0];
        long width = shape.length == 2 ? shape[1] : 1;
        long count = rows * width;
        if (count * t.size > MAX_ARRAY_BYTES || rows > Integer.MAX_VALUE) throw bad(name, source, "array too large (" + rows + "x" + width + ")");
        byte[] data = in.readNBytes((int) (count * t.size));
        if (data.length < count * t.size) throw bad(name, source, "data ends early: " + data.length + " of " + count * t.size + " bytes");
        ByteBuffer buf = ByteBuffer.wrap(data).order(t.order);
        double[] values = new double[(int) count];
        for (int i = 0; i < count; i++) {
            // Fortran order stores column by column; valuekit's arrays are row-major.
            int at = fortran && width > 1 ? (int) ((i % width) * rows + i / width) : i;
            values[i] = t.read(buf, at);
        }
        return new OfflineArray(name, (int) rows, (int) width, values, t.kind == 'f' && t.size == 4);
    }

    private static String group(Pattern p, String header, String name, String source, String what) {
        Matcher m = p.matcher(header);
        if (!m.find()) throw bad(name, source, "header without '" + what + "'");
        return m.group(1);
    }

    private static long[] shape(String text, String name, String source) {
        if (text.isEmpty()) return new long[0];
        String[] parts = text.split(",");
        int n = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw bad(name, source, "shape (" + text + ") is not a list of sizes");
            }
            if (out[i] < 0) throw bad(name, source, "negative size in shape (" + text + ")");
        }
        return out;
    }

    static BadInputException bad(String name, String source, String what) {
        return BadInputException.inFile("array '" + name + "': " + what, source, "write the array again with np.save/np.savez");
    }

    /** A NumPy scalar type: kind (f, i, u, b), byte size and order. */
    private record Dtype(char kind, int size, ByteOrder order) {
        static Dtype parse(String descr, String name, String source) {
            if (descr.length() < 3) throw bad(name, source, "unsupported dtype '" + descr + "'");
            char endian = descr.charAt(0);
            char kind = descr.charAt(1);
            int size;
            try {
                size = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw bad(name, source, "unsupported dtype '" + descr + "'");
            }
            boolean ok = switch (kind) {
                case 'f' -> size == 4 || size == 8;
                case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
                case 'b' -> size == 1;
                default -> false;
            };
            if (!ok || "<>|=".indexOf(endian) < 0) {
                throw bad(name, source, "unsupported dtype '" + descr + "': use float32/float64, integers or bool");
            }
            return new Dtype(kind, size, endian == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }

        double read(ByteBuffer b, int index) {
            int at = index * size;
            return switch (kind) {
                case 'f' -> size == 4 ? b.getFloat(at) : b.getDouble(at);
                case 'b' -> b.get(at) != 0 ? 1 : 0;
                case 'u' -> switch (size) {
                    case 1 -> b.get(at) & 0xFF;
                    case 2 -> b.getShort(at) & 0xFFFF;
                    case 4 -> b.getInt(at) & 0xFFFFFFFFL;
                    default -> unsigned(b.getLong(at));
                };
                default -> switch (size) {
                    case 1 -> b.get(at);
                    case 2 -> b.getShort(at);
                    case 4 -> b.getInt(at);
                    default -> b.getLong(at);
                };
            };
        }

        private static double unsigned(long v) {
            return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
        }
    }
}
