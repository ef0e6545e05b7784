package dev.weir.sim.scenario;

import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.trace.CookedTrace;
import dev.weir.sim.trace.GymTrace;
import dev.weir.sim.trace.MahimahiTrace;
import dev.weir.sim.trace.PiecewiseCapacity;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code link.capacity}: {@code constant {kbps}}, {@code steps {steps: [{at_s, kbps}]}},
 * {@code alternating {high_kbps, low_kbps, period_s}} (starts high; each level lasts
 * {@code period_s}), or a trace file: {@code mahimahi {file, bin_ms = 10}}, {@code cooked {file}},
 * {@code gym {file}}.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
final class CapacityReader {
    /** Highest capacity a scenario may state, kbps (10 Gbps): higher is a unit mistake. */
    static final double MAX_KBPS = 10_000_000;
    /** Latest step time / longest period, seconds: the longest call (24 h). */
    static final double MAX_TIME_S = 86_400;
    private static final double BPS_PER_KBPS = 1000; // unit conversion
    private static final double US_PER_S = 1e6; // unit conversion
    private static final long US_PER_MS = 1000; // unit conversion

    private CapacityReader() {
    }

    /** The schedule, or null when {@code capacity} has problems (recorded). */
    static CapacitySchedule read(FieldReader capacity, TraceFiles files) {
        String type = capacity.choice("type", null, "constant", "steps", "alternating", "mahimahi", "cooked", "gym");
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "constant" -> constant(capacity);
            case "steps" -> steps(capacity);
            case "alternating" -> alternating(capacity);
            default -> trace(capacity, type, files);
        };
    }

    private static CapacitySchedule constant(FieldReader capacity) {
        capacity.allowOnly("type", "kbps");
        double kbps = capacity.number("kbps", 1, MAX_KBPS, "kbps");
        if (Double.isNaN(kbps)) {
            return null;
        }
        return PiecewiseCapacity.constant(bps(kbps), "constant " + Units.format(kbps) + " kbps");
    }

    private static CapacitySchedule steps(FieldReader capacity) {
        capacity.allowOnly("type", "steps");
        List<FieldReader> steps = capacity.objects("steps");
        long[] startUs = new long[steps.size()];
        long[] rateBps = new long[steps.size()];
        boolean valid = !steps.isEmpty();
        boolean anyPositive = false;
        double previousAtS = Double.NaN;
        for (int i = 0; i < steps.size(); i++) {
            FieldReader step = steps.get(i);
            step.allowOnly("at_s", "kbps");
            double atS = step.number("at_s", 0, MAX_TIME_S, "s");
            double kbps = step.number("kbps", 0, MAX_KBPS, "kbps");
            if (i == 0 && atS != 0 && !Double.isNaN(atS)) {
                step.invalid("at_s", "0: the first step sets the capacity from the start of the call");
                valid = false;
            } else if (i > 0 && !(atS > previousAtS) && !Double.isNaN(atS) && !Double.isNaN(previousAtS)) {
                step.invalid("at_s", "a time after the previous step's " + Units.format(previousAtS) + " s");
                valid = false;
            }
            valid &= !Double.isNaN(atS) && !Double.isNaN(kbps);
            startUs[i] = Math.round(atS * US_PER_S);
            // Times are kept in whole microseconds: two steps in one microsecond are one step.
            if (i > 0 && valid && atS > previousAtS && startUs[i] <= startUs[i - 1]) {
                step.invalid("at_s", "a time at least 1 us after the previous step's " + Units.format(previousAtS)
                        + " s (times are rounded to microseconds)");
                valid = false;
            }
            previousAtS = atS;
            rateBps[i] = Double.isNaN(kbps) ? 0 : bps(kbps);
            anyPositive |= rateBps[i] > 0;
        }
        if (valid && !anyPositive) {
            capacity.invalid("steps", "at least one step with kbps > 0");
            valid = false;
        }
        if (!valid) {
            return null;
        }
        return new PiecewiseCapacity(startUs, rateBps, PiecewiseCapacity.NO_LOOP, describeSteps(rateBps));
    }

    /** {@code "steps 1000->500 kbps"}; long lists keep the first three and the last level. */
    private static String describeSteps(long[] rateBps) {
        final int maxShown = 5; // a report title stays readable
        StringBuilder text = new StringBuilder("steps ");
        for (int i = 0; i < rateBps.length; i++) {
            boolean shown = rateBps.length <= maxShown || i < maxShown - 2 || i == rateBps.length - 1;
            if (shown) {
                text.append(i == 0 ? "" : i == rateBps.length - 1 && rateBps.length > maxShown ? "->...->" : "->")
                        .append(Units.format(rateBps[i] / BPS_PER_KBPS));
            }
        }
        text.append(" kbps");
        if (rateBps.length > maxShown) {
            text.append(" (").append(rateBps.length).append(" steps)");
        }
        return text.toString();
    }

    private static CapacitySchedule alternating(FieldReader capacity) {
        capacity.allowOnly("type", "high_kbps", "low_kbps", "period_s");
        double highKbps = capacity.number("high_kbps", 1, MAX_KBPS, "kbps");
        double lowKbps = capacity.number("low_kbps", 0, MAX_KBPS, "kbps");
        double periodS = capacity.number("period_s", 0.001, MAX_TIME_S, "s");
        if (lowKbps > highKbps) {
            capacity.invalid("low_kbps", "at most high_kbps (" + Units.format(highKbps) + ")");
            return null;
        }
        if (Double.isNaN(highKbps) || Double.isNaN(lowKbps) || Double.isNaN(periodS)) {
            return null;
        }
        return PiecewiseCapacity.alternating(bps(highKbps), bps(lowKbps), Math.round(periodS * US_PER_S),
                "alternating " + Units.format(highKbps) + "<->" + Units.format(lowKbps) + " kbps every "
                        + Units.format(periodS) + " s");
    }

    private static CapacitySchedule trace(FieldReader capacity, String type, TraceFiles files) {
        int binMs = (int) (MahimahiTrace.DEFAULT_BIN_US / US_PER_MS);
        if (type.equals("mahimahi")) {
            capacity.allowOnly("type", "file", "bin_ms");
            binMs = capacity.wholeNumber("bin_ms", binMs, 1, 1000, "ms");
        } else {
            capacity.allowOnly("type", "file");
        }
        Path file = files.resolve(capacity, "file");
        if (file == null) {
            return null;
        }
        try {
            return switch (type) {
                case "mahimahi" -> MahimahiTrace.read(file, binMs * US_PER_MS);
                case "cooked" -> CookedTrace.read(file);
                default -> GymTrace.read(file);
            };
        } catch (ScenarioException e) {
            capacity.invalid("file", "a valid " + type + " trace; " + e.getMessage());
            return null;
        }
    }

    private static long bps(double kbps) {
        return Math.round(kbps * BPS_PER_KBPS);
    }
}
