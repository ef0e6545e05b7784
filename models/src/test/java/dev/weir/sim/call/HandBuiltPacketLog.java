package dev.weir.sim.call;

import dev.weir.sim.media.PacketKind;
import dev.weir.sim.net.DropCause;

/**
 * A {@link PacketLog} written packet by packet, for labeller tests that need exact drop patterns.
 * The log's writers are package-private (only a call fills it), so this fixture lives in its
 * package. Packets are 1200 bytes on a 4 Mbit/s link, delivered 40 ms after sending unless dropped.
 *
 * <p>Not thread-safe.
 */
public final class HandBuiltPacketLog {
    private final PacketLog log = new PacketLog();

    /** Appends the next packet (sequence = packets so far), sent at {@code sendMs}. */
    public HandBuiltPacketLog add(PacketKind kind, double sendMs, DropCause cause) {
        long sendUs = Math.round(sendMs * 1_000);
        int seq = log.append(kind, sendUs, 1200, -1, -1, -1);
        log.setNetwork(seq, cause == DropCause.NONE ? sendUs + 40_000 : -1, cause, 0, 4_000_000);
        return this;
    }

    public PacketLog log() {
        return log;
    }
}
