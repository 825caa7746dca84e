package dev.valuekit.env;

/** NumPy's float remainder ({@code a % b} in Python): fmod, shifted to carry the divisor's sign. */
final class FloorMod {
    private FloorMod() {}

    static double of(double a, double b) {
        double mod = a % b; // Java's % on doubles is C's fmod: exact
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) mod += b;
        } else {
            mod = Math.copySign(0.0, b);
        }
        return mod;
    }
}
