package dev.weir.peers;

import dev.weir.sim.media.PacketKind;

/**
 * The three classes the MMSys'24 observation counts shares of: every packet is exactly one
 * (the challenge data's video, audio and probing shares sum to 1). Immutable and thread-safe.
 */
public enum PacketClass {
    VIDEO, AUDIO, PROBING;

    /**
     * The simulator's packet kinds as the challenge classes them: retransmissions and FEC of video
     * count as video (the peers pack's recommendation (c)), probe padding as probing.
     */
    public static PacketClass of(PacketKind kind) {
        return switch (kind) {
            case AUDIO -> AUDIO;
            case PROBE -> PROBING;
            case VIDEO, FEC, RETRANSMISSION -> VIDEO;
        };
    }
}
