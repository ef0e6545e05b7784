package dev.weir.sim.tune;

import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.TuningRecord;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Names what a tuning ran on: each scenario with the SHA-256 of its file's text and the SHA-256 of
 * the capacity schedule over the call (every change time in µs and rate in bps, big-endian longs),
 * which identifies a trace by what the simulator actually used, whatever its file format.
 *
 * <p>Thread-safe (static functions only).
 */
public final class ScenarioDigests {
    private ScenarioDigests() {
    }

    /** The digests of {@code scenarios}, in order. */
    public static List<TuningRecord.ScenarioDigest> of(List<Scenario> scenarios) {
        return scenarios.stream().map(s -> new TuningRecord.ScenarioDigest(s.name(), s.sourceSha256(),
                capacitySha256(s.link().capacity(), s.durationUs()))).toList();
    }

    /** SHA-256 of {@code capacity}'s (time, rate) changes over [0, durationUs). */
    public static String capacitySha256(CapacitySchedule capacity, long durationUs) {
        MessageDigest digest = sha256();
        ByteBuffer pair = ByteBuffer.allocate(2 * Long.BYTES);
        long timeUs = 0;
        while (timeUs < durationUs) {
            pair.clear();
            pair.putLong(timeUs).putLong(capacity.capacityBpsAt(timeUs));
            digest.update(pair.array());
            long next = capacity.nextChangeUs(timeUs);
            if (next <= timeUs) {
                throw new IllegalStateException("capacity schedule " + capacity.describe()
                        + " does not move forward at " + timeUs + " us");
            }
            timeUs = next;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
