package dev.valuekit.table;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fast parser must agree bit for bit with the JDK's correctly rounded Double.parseDouble. */
class DecimalParserTest {
    private static void same(String s) {
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(DecimalParser.parse(s)), s);
    }

    @Test
    void hardCases() {
        for (String s : new String[] {
            "0", "-0", "0.0", "-0.0", "1", "+1", "1.", ".5", "3.0", "1e0", "1E5", "1e-05", "-1.5e+16",
            "9007199254740992", "9007199254740993", "9007199254740995", "18014398509481985",
            "0.9909858703613281", "0.14956976473331451", "-0.00010393502452643588", "7.980313239386305e-05",
            "1.7976931348623157e308", "1.7976931348623159e308", "2.2250738585072014e-308", "2.2250738585072011e-308",
            "4.9e-324", "5e-324", "2.4e-324", "1e-400", "1e400", "123456789012345678901234567890",
            "0.1", "0.2", "0.30000000000000004", "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124", "7.2057594037927933e16", "1e23", "8.98846567431158e307",
            "0.000000000000000000000000000000000000000000001", "100000000000000000000000", "4.35679e-05",
        }) {
            same(s);
        }
    }

    @Test
    void randomDoublesFloatsAndDigitStrings() {
        Random r = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(d)) {
                same(Double.toString(d));
                same(NumberText.toString(d));
            }
            double f = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(12) - 6));
            same(NumberText.toString(f));
            StringBuilder sb = new StringBuilder();
            if (r.nextBoolean()) sb.append('-');
            int nd = 1 + r.nextInt(20);
            for (int k = 0; k < nd; k++) sb.append((char) ('0' + r.nextInt(10)));
            if (r.nextBoolean()) sb.insert(sb.length() - r.nextInt(nd), '.');
            if (r.nextBoolean()) sb.append('e').append(r.nextInt(700) - 350);
            same(sb.toString());
        }
    }

    @Test
    void rejectsNonNumbers() {
        for (String s : new String[] {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "1x", "0x10", "1,5", "1 ", "--1"}) {
            assertThrows(NumberFormatException.class, () -> DecimalParser.parse(s), s);
        }
    }
}
