package dev.valuekit.table;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumberTextTest {
    private static String f(float v) {
        byte[] b = new byte[40];
        return new String(b, 0, NumberText.appendFloat(b, 0, v), StandardCharsets.US_ASCII);
    }

    private static String l(long v) {
        byte[] b = new byte[40];
        return new String(b, 0, NumberText.appendLong(b, 0, v), StandardCharsets.US_ASCII);
    }

    @Test
    void doublesAreWrittenAsPythonReprWrites() {
        // Expected strings are Python's repr() of the same values.
        assertEquals("0.0", NumberText.toString(0.0));
        assertEquals("-0.0", NumberText.toString(-0.0));
        assertEquals("1.0", NumberText.toString(1.0));
        assertEquals("-2.5", NumberText.toString(-2.5));
        assertEquals("100.0", NumberText.toString(100.0));
        assertEquals("0.1", NumberText.toString(0.1));
        assertEquals("0.0001", NumberText.toString(1e-4));
        assertEquals("1e-05", NumberText.toString(1e-5));
        assertEquals("7.980313239386305e-05", NumberText.toString(7.980313239386305e-05));
        assertEquals("0.9909858703613281", NumberText.toString(0.9909858703613281));
        assertEquals("-0.02237093363995464", NumberText.toString(-0.02237093363995464));
        assertEquals("12345678.0", NumberText.toString(12345678.0));
        assertEquals("1234567890123456.0", NumberText.toString(1234567890123456.0));
        assertEquals("1e+16", NumberText.toString(1e16));
        assertEquals("1.5e+300", NumberText.toString(1.5e300));
        assertEquals("2.2250738585072014e-308", NumberText.toString(Double.MIN_NORMAL));
        assertEquals("nan", NumberText.toString(Double.NaN));
        assertEquals("inf", NumberText.toString(Double.POSITIVE_INFINITY));
        assertEquals("-inf", NumberText.toString(Double.NEGATIVE_INFINITY));
    }

    @Test
    void floatsUseTheShortestFloatDigits() {
        assertEquals("0.1", f(0.1f));
        assertEquals("0.9909859", f(0.9909858703613281f)); // numpy: str(np.float32(...))
        assertEquals("3.0", f(3f));
        assertEquals("1e-05", f(1e-5f));
    }

    @Test
    void formattedDoublesReadBackExactly() {
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 50_000; i++) {
            double v = i % 2 == 0 ? Double.longBitsToDouble(rnd.nextLong()) : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
            if (!Double.isFinite(v)) continue;
            String s = NumberText.toString(v);
            assertEquals(v, NumberText.parse(s), s);
        }
    }

    @Test
    void longs() {
        assertEquals("0", l(0));
        assertEquals("-42", l(-42));
        assertEquals("9223372036854775807", l(Long.MAX_VALUE));
        assertEquals("-9223372036854775808", l(Long.MIN_VALUE));
    }

    @Test
    void parsesNumbersAndNonFiniteSpellings() {
        assertEquals(1.5, NumberText.parse("1.5"));
        assertEquals(-1e-5, NumberText.parse("-1e-05"));
        assertEquals(3.0, NumberText.parse("3."));
        assertTrue(Double.isNaN(NumberText.parse("nan")));
        assertTrue(Double.isNaN(NumberText.parse("NaN")));
        assertEquals(Double.NEGATIVE_INFINITY, NumberText.parse("-inf"));
        assertEquals(Double.POSITIVE_INFINITY, NumberText.parse("Infinity"));
        assertThrows(NumberFormatException.class, () -> NumberText.parse("abc"));
        assertThrows(NumberFormatException.class, () -> NumberText.parse("0x1p3"));
        assertThrows(NumberFormatException.class, () -> NumberText.parse("1f"));
        assertThrows(NumberFormatException.class, () -> NumberText.parse(" 1"));
        assertThrows(NumberFormatException.class, () -> NumberText.parse(""));
        assertFalse(NumberText.isNumber("a1"));
        assertTrue(NumberText.isInteger("-12"));
        assertFalse(NumberText.isInteger("1.0"));
    }

    @Test
    void fastShortestDigitsEqualTheExactBigDecimalSearch() {
        java.util.Random rnd = new java.util.Random(3);
        byte[] fast = new byte[24];
        byte[] exact = new byte[24];
        for (int i = 0; i < 30_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong() & Long.MAX_VALUE);
                case 1 -> Math.abs((float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(10) - 5)));
                case 2 -> Math.abs(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20));
                default -> Math.abs(Math.round(rnd.nextGaussian() * 1e6) / Math.pow(10, rnd.nextInt(8)));
            };
            if (!Double.isFinite(v) || v == 0) continue;
            long a = ShortestDouble.digits(v, fast);
            long b = ShortestDouble.exact(v, false, exact);
            assertEquals(b, a, "digit count/exponent of " + v);
            assertEquals(new String(exact, 0, (int) (b & 0xFF)), new String(fast, 0, (int) (a & 0xFF)), "digits of " + v);
        }
    }

    @Test
    void shorterThanJdk17WhereItOverdoes() {
        // JDK 17's Double.toString gives 5.1008478817413152E16 here; Python's repr is shorter.
        assertEquals("5.100847881741315e+16", NumberText.toString(Double.longBitsToDouble(0x4366a6fe1e8e3d04L)));
        assertEquals("6.281341552734375", NumberText.toString(6.281341552734375));
        assertEquals("5e-324", NumberText.toString(Double.MIN_VALUE));
    }

    @Test
    void fastShortestFloatDigitsEqualTheExactSearch() {
        java.util.Random rnd = new java.util.Random(4);
        byte[] fast = new byte[24];
        byte[] exact = new byte[24];
        for (int i = 0; i < 30_000; i++) {
            float v = Math.abs(i % 2 == 0 ? Float.intBitsToFloat(rnd.nextInt())
                    : (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 6)));
            if (!Float.isFinite(v) || v == 0) continue;
            long a = ShortestDouble.digits(v, fast);
            long b = ShortestDouble.exact(v, true, exact);
            assertEquals(b, a, "digit count/exponent of " + v);
            assertEquals(new String(exact, 0, (int) (b & 0xFF)), new String(fast, 0, (int) (a & 0xFF)), "digits of " + v);
        }
        // JDK 17's Float.toString gives 3.91087584E8 and 4.01692319E15 here; NumPy prints 8 digits.
        assertEquals("391087580.0", f(Float.intBitsToFloat(0x4dba7c2f)));
        assertEquals("4016923200000000.0", f(Float.intBitsToFloat(0x596455ed)));
        assertEquals("1e-45", f(Float.MIN_VALUE));
        assertEquals("3.4028235e+38", f(Float.MAX_VALUE));
    }
}
