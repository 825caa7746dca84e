package dev.valuekit.table;

import java.math.BigInteger;

/**
 * Correctly rounded decimal-to-double conversion without allocation, for CSV reading. JDK 17's
 * {@code Double.parseDouble} falls back to big-integer arithmetic for the 16-17 digit numbers that
 * NumPy and pandas write, which made it the bottleneck of CSV input. This uses Clinger's exact fast
 * path and the Eisel-Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021),
 * and hands the rare undecidable inputs (more than 19 digits, subnormals, halfway ties the
 * 128-bit product cannot settle) to {@code Double.parseDouble}.
 */
final class DecimalParser {
    static final int MIN_Q = -342;
    static final int MAX_Q = 308;
    /** Truncated 128-bit mantissas of 5^q (q in MIN_Q..MAX_Q), high and low 64 bits. */
    static final long[] HI = new long[MAX_Q - MIN_Q + 1];
    static final long[] LO = new long[MAX_Q - MIN_Q + 1];
    private static final double[] EXACT_POW10 = new double[23];

    static {
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int q = MIN_Q; q <= MAX_Q; q++) {
            BigInteger c;
            if (q >= 0) {
                c = BigInteger.valueOf(5).pow(q);
                int shift = 128 - c.bitLength();
                c = shift >= 0 ? c.shiftLeft(shift) : c.shiftRight(-shift);
            } else {
                BigInteger p = BigInteger.valueOf(5).pow(-q);
                int z = p.bitLength();
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(p).add(BigInteger.ONE);
                while (c.compareTo(two128) >= 0) c = c.shiftRight(1);
            }
            HI[q - MIN_Q] = c.shiftRight(64).longValue();
            LO[q - MIN_Q] = c.and(mask).longValue();
        }
        double p = 1;
        for (int i = 0; i < EXACT_POW10.length; i++) {
            EXACT_POW10[i] = p;
            p *= 10;
        }
    }

    private DecimalParser() {}

    /**
     * Parses {@code [+-]digits[.digits][(e|E)[+-]digits]} (at least one digit). Throws
     * NumberFormatException for anything else.
     */
    static double parse(CharSequence s) {
        int n = s.length();
        int i = 0;
        boolean neg = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long w = 0;
        int digits = 0;       // significant digits accumulated in w
        int anyDigits = 0;
        int dropped = 0;      // significant digits beyond 19 (then we fall back)
        int scale = 0;        // digits after the point that went into w
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                anyDigits++;
                if (digits == 0 && c == '0') {
                    if (point) scale++;
                    continue;
                }
                if (digits < 19) {
                    w = w * 10 + (c - '0');
                    digits++;
                    if (point) scale++;
                } else {
                    dropped++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (anyDigits == 0) throw new NumberFormatException(s.toString());
        int exp = 0;
        if (i < n) {
            char c = s.charAt(i);
            if (c != 'e' && c != 'E') throw new NumberFormatException(s.toString());
            i++;
            boolean eneg = false;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                eneg = s.charAt(i) == '-';
                i++;
            }
            if (i >= n) throw new NumberFormatException(s.toString());
            for (; i < n; i++) {
                char d = s.charAt(i);
                if (d < '0' || d > '9') throw new NumberFormatException(s.toString());
                if (exp < 100_000) exp = exp * 10 + (d - '0');
            }
            if (eneg) exp = -exp;
        }
        if (dropped > 0) return Double.parseDouble(s.toString());
        if (w == 0) return neg ? -0.0 : 0.0;
        int q = exp - scale;
        if (w > 0 && w < (1L << 53) && q >= -22 && q <= 22) { // w is unsigned: 19 digits may pass 2^63
            // Clinger: both operands exact, so one correctly rounded operation.
            double d = w;
            d = q < 0 ? d / EXACT_POW10[-q] : d * EXACT_POW10[q];
            return neg ? -d : d;
        }
        long bits = eiselLemire(w, q);
        if (bits < 0) return Double.parseDouble(s.toString());
        return Double.longBitsToDouble(neg ? bits | Long.MIN_VALUE : bits);
    }

    /** The bits of w * 10^q (w > 0), or -1 when this method cannot decide the rounding. */
    static long eiselLemire(long w, int q) {
        if (q < MIN_Q || q > MAX_Q) return -1;
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        long retExp2 = ((217706L * q) >> 16) + 64 + 1023 - lz;
        long tHi = HI[q - MIN_Q];
        long xHi = unsignedMultiplyHigh(w, tHi);
        long xLo = w * tHi;
        if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + w, w) < 0) {
            long tLo = LO[q - MIN_Q];
            long yHi = unsignedMultiplyHigh(w, tLo);
            long yLo = w * tLo;
            long mergedHi = xHi;
            long mergedLo = xLo + yHi;
            if (Long.compareUnsigned(mergedLo, xLo) < 0) mergedHi++;
            if ((mergedHi & 0x1FF) == 0x1FF && mergedLo + 1 == 0 && Long.compareUnsigned(yLo + w, w) < 0) return -1;
            xHi = mergedHi;
            xLo = mergedLo;
        }
        long msb = xHi >>> 63;
        long mantissa = xHi >>> (msb + 9);
        retExp2 -= 1 ^ msb;
        if (xLo == 0 && (xHi & 0x1FF) == 0 && (mantissa & 3) == 1) return -1; // halfway: undecidable here
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if ((mantissa >>> 53) > 0) {
            mantissa >>>= 1;
            retExp2 += 1;
        }
        if (retExp2 - 1 < 0 || retExp2 - 1 >= 0x7FF - 1) return -1; // subnormal or overflow
        return (retExp2 << 52) | (mantissa & 0x000FFFFFFFFFFFFFL);
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
