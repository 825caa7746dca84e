package dev.valuekit.table;

/**
 * The shortest decimal digits that read back to a double, chosen closest to it (what Python's
 * repr and JDK 19+ print), without allocating. JDK 17's {@code Double.toString} computes them with
 * big-integer arithmetic and dominated CSV output. Method: scale the double to a 17-digit integer
 * with the 128-bit powers of ten of {@link DecimalParser} (error far below one unit, checked), then
 * find the fewest digits whose floor or ceiling candidate parses back to the same bits (Eisel-Lemire),
 * by bisection, since having an n-digit candidate implies having an (n+1)-digit one. Inputs it
 * cannot settle this way (subnormals, scaled values too close to an integer or a half, e.g. exact
 * short decimals like 0.5 are checked to be exact) go to an exact BigDecimal search instead. The
 * result equals Python's repr digits, which JDK 17's Double.toString sometimes is not (it can give
 * one digit too many).
 */
final class ShortestDouble {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private ShortestDouble() {}

    /**
     * Writes the digits of positive finite {@code v} (no trailing zeros) into {@code digits} and
     * returns {@code nd | (decpt + 512) << 8} with value = 0.d1d2..dnd x 10^decpt, or -1 to fall back.
     */
    static long digits(double v, byte[] digits) {
        return digits(v, false, digits);
    }

    /** As {@link #digits(double, byte[])} for a float32 value: its own shortest digits (at most 9). */
    static long digits(float v, byte[] digits) {
        return digits(v, true, digits);
    }

    private static long digits(double v, boolean single, byte[] digits) {
        // The 17-digit scaling is that of the value as a double (exact for a float); only the
        // round-trip test differs: back to float for single.
        long bits = single ? Float.floatToRawIntBits((float) v) : Double.doubleToRawLongBits(v);
        long dbits = Double.doubleToRawLongBits(v);
        int be = (int) (dbits >>> 52) & 0x7FF;
        if (be == 0 || be == 0x7FF) return exact(v, single, digits);
        long c = (dbits & 0xFFFFFFFFFFFFFL) | (1L << 52);
        int q = be - 1075;
        int e10 = (int) Math.floor((q + 52) * 0.30102999566398120);
        long d = 0;
        long f = 0;
        for (int attempt = 0; attempt < 3; attempt++) {
            int k = 16 - e10;
            if (k < DecimalParser.MIN_Q || k > DecimalParser.MAX_Q) return exact(v, single, digits);
            int p = (int) ((217706L * k) >> 16);
            int sh = 127 - p - q;
            if (sh < 118 || sh > 128) return exact(v, single, digits);
            long hi = DecimalParser.HI[k - DecimalParser.MIN_Q];
            long lo = DecimalParser.LO[k - DecimalParser.MIN_Q];
            long a0 = c * lo;
            long a1 = multiplyHighUnsigned(c, lo);
            long b0 = c * hi;
            long b1 = multiplyHighUnsigned(c, hi);
            long w1 = a1 + b0;
            long w2 = b1 + (Long.compareUnsigned(w1, a1) < 0 ? 1 : 0);
            int r = sh - 64;
            if (r == 64) {
                d = w2;
                f = w1;
            } else {
                d = (w2 << (64 - r)) | (w1 >>> r);
                f = (w1 << (64 - r)) | (a0 >>> r);
            }
            if (d < POW10[16]) e10--;
            else if (d >= POW10[17]) e10++;
            else break;
        }
        if (d < POW10[16] || d >= POW10[17]) return exact(v, single, digits);
        // The table's error moves x by less than c * 2^(64 - sh) < 2^(117 - sh) <= 1 unit of f.
        final long margin = 4;
        boolean exact = false;
        if (Long.compareUnsigned(f, margin) < 0 || Long.compareUnsigned(f, -margin) > 0) {
            // x is within the error of an integer: settle it only when x is exactly the integer d
            // (short decimals such as 0.5 or float32 values like 6.281341552734375).
            if (!isExactly(c, q, 16 - e10, d)) return exact(v, single, digits);
            exact = true;
            f = 0;
        }
        // x = d + f / 2^64 = v * 10^(16 - e10); find the fewest digits n with a candidate that round-trips.
        // Most data (e.g. float32 values widened to double) needs 16 or 17 digits: test 16 first.
        int maxN = single ? 9 : 17;
        int lowN = 1;
        int highN = maxN;
        if (candidate(d, maxN - 1, e10, bits, single) == 0) lowN = maxN;
        else highN = maxN - 1;
        while (lowN < highN) {
            int mid = (lowN + highN) >>> 1;
            int ok = candidate(d, mid, e10, bits, single);
            if (ok > 0) highN = mid;
            else lowN = mid + 1;
        }
        int n = lowN;
        int which = candidate(d, n, e10, bits, single);
        if (which <= 0) return exact(v, single, digits);
        long m = POW10[17 - n];
        long low = d / m;
        long chosen;
        if (which == 3) { // both round-trip: the one nearer v
            if (n == 17) {
                long half = Long.MIN_VALUE; // 2^63 as unsigned
                long dist = f - half;       // signed f - 2^63
                if (exact) chosen = low;
                else if (dist > -margin && dist < margin) return exact(v, single, digits);
                else chosen = dist < 0 ? low : low + 1;
            } else {
                long rem2 = 2 * (d - low * m);
                if (rem2 == m && exact) return exact(v, single, digits); // a true tie
                chosen = rem2 < m ? low : low + 1; // rem2 == m: x is past the midpoint since f > 0
            }
        } else {
            chosen = which == 1 ? low : low + 1;
        }
        int decpt = e10 + 1;
        int nd = n;
        if (chosen == POW10[n]) { // rounded up to 10^n
            chosen = 1;
            nd = 1;
            decpt++;
        }
        while (chosen % 10 == 0) {
            chosen /= 10;
            nd--;
        }
        for (int i = nd - 1; i >= 0; i--) {
            digits[i] = (byte) ('0' + chosen % 10);
            chosen /= 10;
        }
        return nd | ((long) (decpt + 512) << 8);
    }

    /** Whether c * 2^q * 10^k is exactly the integer d (decided for 0 <= k <= 27, else false). */
    private static boolean isExactly(long c, int q, int k, long d) {
        if (k < 0 || k > 27) return false;
        long p5 = 1;
        for (int i = 0; i < k; i++) p5 *= 5;
        long hi = multiplyHighUnsigned(c, p5);
        long lo = c * p5;
        int e = q + k; // x = (hi:lo) * 2^e
        if (e >= 0) return e < 64 && hi == 0 && (lo << e) >>> e == lo && (lo << e) == d;
        int s = -e;
        if (s >= 128) return false;
        if (s >= 64) return lo == 0 && (hi & ((1L << (s - 64)) - 1)) == 0 && (hi >>> (s - 64)) == d;
        if ((lo & ((1L << s) - 1)) != 0) return false;
        long value = (hi << (64 - s)) | (lo >>> s);
        return (hi >>> s) == 0 && value == d;
    }

    /** Exact (slow) shortest digits with BigDecimal, for what the fast path cannot settle. */
    static long exact(double v, boolean single, byte[] digits) {
        java.math.BigDecimal x = new java.math.BigDecimal(v);
        for (int n = 1; n <= 17; n++) {
            java.math.BigDecimal lo = x.round(new java.math.MathContext(n, java.math.RoundingMode.FLOOR));
            java.math.BigDecimal hi = x.round(new java.math.MathContext(n, java.math.RoundingMode.CEILING));
            boolean loOk = single ? lo.floatValue() == (float) v : lo.doubleValue() == v;
            boolean hiOk = single ? hi.floatValue() == (float) v : hi.doubleValue() == v;
            if (!loOk && !hiOk) continue;
            java.math.BigDecimal pick;
            if (loOk && hiOk) {
                int cmp = x.subtract(lo).compareTo(hi.subtract(x));
                if (cmp == 0) pick = lo.unscaledValue().testBit(0) ? hi : lo; // tie: even last digit
                else pick = cmp < 0 ? lo : hi;
            } else {
                pick = loOk ? lo : hi;
            }
            pick = pick.stripTrailingZeros();
            String s = pick.unscaledValue().toString();
            for (int i = 0; i < s.length(); i++) digits[i] = (byte) s.charAt(i);
            int decpt = s.length() - pick.scale();
            return s.length() | ((long) (decpt + 512) << 8);
        }
        throw new IllegalStateException("no 17-digit form of " + v);
    }

    /** 1 when floor, 2 when ceiling, 3 when both n-digit neighbours of x parse back to {@code bits}; 0 none; -1 undecided. */
    private static int candidate(long d, int n, int e10, long bits, boolean single) {
        long m = POW10[17 - n];
        long low = d / m;
        int q10 = e10 - n + 1;
        int result = 0;
        if (single) {
            if (parsesToFloat(low, q10, bits)) result |= 1;
            if (parsesToFloat(low + 1, q10, bits)) result |= 2;
            return result;
        }
        long lb = DecimalParser.eiselLemire(low, q10);
        long hb = DecimalParser.eiselLemire(low + 1, q10);
        if (lb == -1 || hb == -1) return exactFallback(low, q10, bits);
        if (lb == bits) result |= 1;
        if (hb == bits) result |= 2;
        return result;
    }

    /**
     * Whether w * 10^q10 rounds to the float with {@code fbits}. Via the correctly rounded double:
     * rounding that double to float is exact unless it sits exactly on a float halfway point (or
     * outside the normal float range), which goes to the JDK's parser.
     */
    private static boolean parsesToFloat(long w, int q10, long fbits) {
        long db = DecimalParser.eiselLemire(w, q10);
        double dd = Double.longBitsToDouble(db);
        if (db == -1 || (db & ((1L << 29) - 1)) == (1L << 28) || dd < Float.MIN_NORMAL || dd > Float.MAX_VALUE) {
            return Float.floatToRawIntBits(Float.parseFloat(w + "E" + q10)) == fbits;
        }
        return Float.floatToRawIntBits((float) dd) == fbits;
    }

    /** Eisel-Lemire could not decide (rare): ask the JDK's exact parser. */
    private static int exactFallback(long low, int q10, long bits) {
        int result = 0;
        if (Double.doubleToRawLongBits(Double.parseDouble(low + "E" + q10)) == bits) result |= 1;
        if (Double.doubleToRawLongBits(Double.parseDouble((low + 1) + "E" + q10)) == bits) result |= 2;
        return result;
    }

    private static long multiplyHighUnsigned(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
