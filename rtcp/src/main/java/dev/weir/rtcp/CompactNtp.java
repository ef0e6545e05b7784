package dev.weir.rtcp;

/*
 * Compact NTP: the middle 32 bits of a 64-bit NTP timestamp, 16.16 fixed-point seconds
 * (RFC 3550 section 4; RFC 8888 section 3.1 uses it for the report timestamp).
 */

/**
 * Conversions between microseconds and compact NTP units (1/65536 s). RFC 8888 arrival time
 * offsets are in 1/1024 s, exactly {@value #UNITS_PER_ATO_UNIT} compact units, so arrival times
 * computed in compact units carry no rounding beyond the wire's. Stateless and thread-safe.
 */
public final class CompactNtp {
    /** Compact NTP units per second. */
    public static final long UNITS_PER_SECOND = 1L << 16;
    /** Compact NTP units per RFC 8888 arrival-time-offset unit (1/1024 s). */
    public static final long UNITS_PER_ATO_UNIT = UNITS_PER_SECOND / 1024;
    private static final long MICROS_PER_SECOND = 1_000_000;

    private CompactNtp() {
    }

    /** Compact NTP units of {@code timeUs} (rounded down; not wrapped to 32 bits). */
    public static long fromMicros(long timeUs) {
        long seconds = Math.floorDiv(timeUs, MICROS_PER_SECOND);
        long micros = Math.floorMod(timeUs, MICROS_PER_SECOND);
        return seconds * UNITS_PER_SECOND + micros * UNITS_PER_SECOND / MICROS_PER_SECOND;
    }

    /** Microseconds of {@code units} compact NTP units (rounded down). */
    public static long toMicros(long units) {
        return (units >> 16) * MICROS_PER_SECOND + ((units & 0xFFFF) * MICROS_PER_SECOND >> 16);
    }
}
