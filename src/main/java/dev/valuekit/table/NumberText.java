package dev.valuekit.table;

/**
 * Numbers as CSV text. Output follows Python's {@code repr} (what pandas and NumPy write): the
 * shortest digits that read back to the same value, plain notation for exponents -4..15 and
 * {@code 1e-05} style otherwise, {@code nan}/{@code inf}. Matching it makes tables written by
 * Python tools round-trip through valuekit byte for byte. Digits come from {@link ShortestDouble}
 * (float32 values get their own shortest digits, as NumPy prints them).
 */
final class NumberText {
    private NumberText() {}

    /** Appends {@code v} to {@code buf} at {@code pos}; returns the new position (needs 32 bytes free). */
    static int appendDouble(byte[] buf, int pos, double v) {
        if (Double.isNaN(v)) return ascii(buf, pos, "nan");
        if (Double.isInfinite(v)) return ascii(buf, pos, v > 0 ? "inf" : "-inf");
        if (v == 0) return ascii(buf, pos, Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0.0");
        double a = Math.abs(v);
        if (a < 1e16 && a == Math.rint(a)) { // integral: digits, then ".0"
            pos = appendLong(buf, pos, (long) v);
            buf[pos++] = '.';
            buf[pos++] = '0';
            return pos;
        }
        byte[] digits = SCRATCH.get();
        long r = ShortestDouble.digits(a, digits);
        if (v < 0) buf[pos++] = '-';
        return layout(buf, pos, digits, (int) (r & 0xFF), (int) (r >> 8) - 512);
    }

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[24]);

    /** As {@link #appendDouble} with the shortest digits of a float32 value. */
    static int appendFloat(byte[] buf, int pos, float v) {
        if (Float.isNaN(v)) return ascii(buf, pos, "nan");
        if (Float.isInfinite(v)) return ascii(buf, pos, v > 0 ? "inf" : "-inf");
        if (v == 0) return ascii(buf, pos, Float.floatToRawIntBits(v) < 0 ? "-0.0" : "0.0");
        byte[] digits = SCRATCH.get();
        long r = ShortestDouble.digits(Math.abs(v), digits);
        if (v < 0) buf[pos++] = '-';
        return layout(buf, pos, digits, (int) (r & 0xFF), (int) (r >> 8) - 512);
    }

    /** Python-repr text of a double, as a String (tests, messages). */
    static String toString(double v) {
        byte[] b = new byte[32];
        int n = appendDouble(b, 0, v);
        return new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }

    static int appendLong(byte[] buf, int pos, long v) {
        if (v == Long.MIN_VALUE) return ascii(buf, pos, "-9223372036854775808");
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return pos;
    }

    private static int ascii(byte[] buf, int pos, String s) {
        for (int i = 0; i < s.length(); i++) buf[pos++] = (byte) s.charAt(i);
        return pos;
    }

    /** Lays out digits d1..dnd (no trailing zeros) of 0.d1d2... x 10^decpt as Python's repr does. */
    private static int layout(byte[] buf, int pos, byte[] digits, int nd, int decpt) {
        int exp10 = decpt - 1;
        if (exp10 < -4 || exp10 >= 16) {
            buf[pos++] = digits[0];
            if (nd > 1) {
                buf[pos++] = '.';
                System.arraycopy(digits, 1, buf, pos, nd - 1);
                pos += nd - 1;
            }
            buf[pos++] = 'e';
            buf[pos++] = (byte) (exp10 < 0 ? '-' : '+');
            int a = Math.abs(exp10);
            if (a >= 100) buf[pos++] = (byte) ('0' + a / 100);
            buf[pos++] = (byte) ('0' + (a / 10) % 10);
            buf[pos++] = (byte) ('0' + a % 10);
            return pos;
        }
        if (decpt <= 0) {
            buf[pos++] = '0';
            buf[pos++] = '.';
            for (int z = 0; z < -decpt; z++) buf[pos++] = '0';
            System.arraycopy(digits, 0, buf, pos, nd);
            return pos + nd;
        }
        for (int k = 0; k < decpt; k++) buf[pos++] = k < nd ? digits[k] : (byte) '0';
        buf[pos++] = '.';
        if (nd > decpt) {
            System.arraycopy(digits, decpt, buf, pos, nd - decpt);
            pos += nd - decpt;
        } else {
            buf[pos++] = '0';
        }
        return pos;
    }

    /** True for an optional sign followed by decimal digits only. */
    static boolean isInteger(String s) {
        int n = s.length();
        int i = (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) ? 1 : 0;
        if (i >= n || n - i > 18) return false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /**
     * Parses a decimal number, or the NaN/infinity spellings of Python, pandas, R and Java. Throws
     * NumberFormatException when the text is not a number (callers name the cell in their message).
     */
    static double parse(CharSequence s) {
        int n = s.length();
        if (n == 0) throw new NumberFormatException("empty");
        char first = s.charAt(0);
        char last = s.charAt(n - 1);
        if ((last >= '0' && last <= '9') || last == '.') {
            if (first <= ' ') throw new NumberFormatException(s.toString());
            return DecimalParser.parse(s);
        }
        String t = s.toString().toLowerCase(java.util.Locale.ROOT);
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) t = t.substring(1);
        switch (t) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "infinity":
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                throw new NumberFormatException(s.toString());
        }
    }

    /** Whether {@link #parse} accepts the text (type inference only; not on the hot path). */
    static boolean isNumber(String s) {
        if (s.isEmpty()) return false;
        char c = s.charAt(0);
        if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'n' || c == 'N' || c == 'i' || c == 'I')) {
            return false;
        }
        try {
            parse(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** 0/1/true/false (any case) as a boolean, or null. */
    static Boolean parseBool(String s) {
        switch (s) {
            case "0", "0.0", "false", "False", "FALSE" -> { return Boolean.FALSE; }
            case "1", "1.0", "true", "True", "TRUE" -> { return Boolean.TRUE; }
            default -> { return null; }
        }
    }
}
