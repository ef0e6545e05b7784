package dev.weir.sim.scenario;

/** Number formatting for messages and descriptions. Immutable and thread-safe. */
final class Units {
    private Units() {
    }

    /** Whole numbers without a decimal point ({@code 500}), others as Java prints them ({@code 0.5}). */
    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
