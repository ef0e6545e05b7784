package dev.weir.sim.scenario;

/**
 * Reads {@code cross_traffic}: {@code none}, {@code constant {kbps}} or
 * {@code onoff {kbps, on_s, off_s}} (starts on). Absent means none.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
final class CrossTrafficReader {
    private static final double US_PER_S = 1e6; // unit conversion

    private CrossTrafficReader() {
    }

    /** The cross traffic (NONE when absent); meaningless when problems were recorded. */
    static Scenario.CrossTraffic read(FieldReader cross) {
        if (!cross.isPresent()) {
            return Scenario.CrossTraffic.NONE;
        }
        String type = cross.choice("type", null, "none", "constant", "onoff");
        if (type == null) {
            return Scenario.CrossTraffic.NONE; // the type problem is recorded; other fields depend on it
        }
        if (type.equals("none")) {
            cross.allowOnly("type");
            return Scenario.CrossTraffic.NONE;
        }
        double kbps = cross.number("kbps", 1, CapacityReader.MAX_KBPS, "kbps");
        if (type.equals("constant")) {
            cross.allowOnly("type", "kbps");
            return new Scenario.CrossTraffic(type, ScenarioLoader.bps(kbps), 0, 0);
        }
        cross.allowOnly("type", "kbps", "on_s", "off_s");
        double onS = cross.number("on_s", 0.001, CapacityReader.MAX_TIME_S, "s");
        double offS = cross.number("off_s", 0.001, CapacityReader.MAX_TIME_S, "s");
        return new Scenario.CrossTraffic(type, ScenarioLoader.bps(kbps), ScenarioLoader.us(onS, US_PER_S),
                ScenarioLoader.us(offS, US_PER_S));
    }
}
