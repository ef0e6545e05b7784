package dev.weir.sim.media;

/** What a packet the call sends carries. Immutable and thread-safe. */
public enum PacketKind {
    /** A video packet sent for the first time. */
    VIDEO,
    /** An audio packet. */
    AUDIO,
    /** A forward-error-correction packet protecting a group of video packets. */
    FEC,
    /** A padding packet sent only to fill a probe cluster. */
    PROBE,
    /** A video packet resent after a NACK. */
    RETRANSMISSION;

    private static final PacketKind[] VALUES = values();

    /** The kind with ordinal {@code ordinal}. */
    public static PacketKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Whether the packet carries media (video, audio, FEC or retransmission) rather than padding. */
    public boolean isMedia() {
        return this != PROBE;
    }
}
