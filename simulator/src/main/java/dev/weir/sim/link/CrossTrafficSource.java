package dev.weir.sim.link;

import dev.weir.sim.scenario.Scenario;

/**
 * Competing, non-congestion-controlled traffic in the bottleneck queue: {@code none},
 * {@code constant} (always on) or {@code onoff} (on for {@code onUs}, then off for
 * {@code offUs}, starting on at time 0). Packets are fixed-size and evenly spaced while on.
 *
 * <p>Immutable and thread-safe.
 */
public final class CrossTrafficSource {
    private final long rateBps;
    private final long onUs;
    private final long offUs;
    private final boolean onOff;
    private final long packetIntervalUs;
    private final int packetSizeBytes;

    /**
     * @param crossTraffic the scenario's cross traffic
     * @param packetSizeBytes size of each cross-traffic packet
     * @throws IllegalArgumentException for an unknown type or an on/off pattern without an on period
     */
    public CrossTrafficSource(Scenario.CrossTraffic crossTraffic, int packetSizeBytes) {
        String type = crossTraffic == null ? "none" : crossTraffic.type();
        this.packetSizeBytes = Math.max(1, packetSizeBytes);
        switch (type) {
            case "none" -> {
                rateBps = 0;
                onUs = 0;
                offUs = 0;
                onOff = false;
            }
            case "constant" -> {
                rateBps = Math.max(0, crossTraffic.rateBps());
                onUs = 0;
                offUs = 0;
                onOff = false;
            }
            case "onoff" -> {
                if (crossTraffic.onUs() <= 0 || crossTraffic.offUs() < 0) {
                    throw new IllegalArgumentException("cross traffic onoff needs on_us > 0 and off_us >= 0, got "
                            + crossTraffic);
                }
                rateBps = Math.max(0, crossTraffic.rateBps());
                onUs = crossTraffic.onUs();
                offUs = crossTraffic.offUs();
                onOff = true;
            }
            default -> throw new IllegalArgumentException(
                    "unknown cross traffic type '" + type + "'; known: none, constant, onoff");
        }
        packetIntervalUs = rateBps > 0 ? Math.max(1, this.packetSizeBytes * 8L * 1_000_000L / rateBps) : 0;
    }

    /** Cross traffic rate of {@code crossTraffic} at {@code timeUs}, bits per second. */
    public static long rateBpsAt(Scenario.CrossTraffic crossTraffic, long timeUs) {
        if (crossTraffic == null || crossTraffic.rateBps() <= 0) {
            return 0;
        }
        return switch (crossTraffic.type()) {
            case "constant" -> crossTraffic.rateBps();
            case "onoff" -> isOn(timeUs, crossTraffic.onUs(), crossTraffic.offUs()) ? crossTraffic.rateBps() : 0;
            default -> 0;
        };
    }

    private static boolean isOn(long timeUs, long onUs, long offUs) {
        if (onUs <= 0) {
            return false;
        }
        return Math.floorMod(timeUs, onUs + offUs) < onUs;
    }

    /** Whether this source ever sends. */
    public boolean active() {
        return rateBps > 0;
    }

    /** Current rate, bits per second. */
    public long rateBpsAt(long timeUs) {
        if (rateBps == 0 || (onOff && !isOn(timeUs, onUs, offUs))) {
            return 0;
        }
        return rateBps;
    }

    public int packetSizeBytes() {
        return packetSizeBytes;
    }

    /**
     * Whether a packet goes out at {@code timeUs} (the source is on then). Call at the times
     * {@link #nextPacketUs} returns.
     */
    public boolean sendsAt(long timeUs) {
        return rateBpsAt(timeUs) > 0;
    }

    /**
     * When the next packet after one due at {@code timeUs} goes out: one packet interval later
     * while on, else at the start of the next on period; {@link Long#MAX_VALUE} if never.
     */
    public long nextPacketUs(long timeUs) {
        if (rateBps == 0) {
            return Long.MAX_VALUE;
        }
        long nextUs = timeUs + packetIntervalUs;
        if (!onOff || isOn(nextUs, onUs, offUs)) {
            return nextUs;
        }
        long cycleUs = onUs + offUs;
        return nextUs - Math.floorMod(nextUs, cycleUs) + cycleUs;
    }
}
