package dev.weir.rtcp;

import java.util.SplittableRandom;

/**
 * A seeded script of sent packets and their fate on the forward path: send times (1 ms apart,
 * with occasional pauses of up to 9 s that need 2-byte deltas or a new feedback packet), random
 * loss, reordering by delay jitter, duplicates, and the RTP identity (video with a marker every 8th
 * packet, audio every 10th packet) RFC 8888 needs.
 */
final class SimulatedPath {
    static final long VIDEO_SSRC = 0x5EED_0001L;
    static final long AUDIO_SSRC = 0x5EED_0002L;
    static final long NOT_DELIVERED = -1;
    private static final long SPACING_US = 1_000;
    private static final long ONE_WAY_US = 30_000;
    private static final long[] PAUSES_US = {100_000, 2_000_000, 9_000_000};

    final int count;
    final long[] sendUs;
    final int[] sizeBytes;
    final long[] arrivalUs;
    final long[] duplicateArrivalUs;
    final long[] ssrc;
    final int[] rtpSequence;
    final boolean[] marker;

    SimulatedPath(long seed, int count, double lossRate, double duplicateRate, long reorderJitterUs, boolean pauses) {
        this.count = count;
        SplittableRandom random = new SplittableRandom(seed);
        sendUs = new long[count];
        sizeBytes = new int[count];
        arrivalUs = new long[count];
        duplicateArrivalUs = new long[count];
        ssrc = new long[count];
        rtpSequence = new int[count];
        marker = new boolean[count];
        int videoSequence = random.nextInt(1 << 16);
        int audioSequence = random.nextInt(1 << 16);
        int videoPackets = 0;
        long timeUs = 1_000_000;
        for (int i = 0; i < count; i++) {
            if (pauses && i > 0 && random.nextInt(5_000) == 0) {
                timeUs += PAUSES_US[random.nextInt(PAUSES_US.length)];
            }
            timeUs += SPACING_US;
            sendUs[i] = timeUs;
            sizeBytes[i] = 200 + random.nextInt(1_000);
            boolean lost = random.nextDouble() < lossRate;
            arrivalUs[i] = lost ? NOT_DELIVERED : timeUs + ONE_WAY_US + (reorderJitterUs > 0 ? random.nextLong(reorderJitterUs) : 0);
            duplicateArrivalUs[i] = !lost && random.nextDouble() < duplicateRate
                    ? arrivalUs[i] + 1 + random.nextLong(20_000) : NOT_DELIVERED;
            if (i % 10 == 9) {
                ssrc[i] = AUDIO_SSRC;
                rtpSequence[i] = audioSequence++ & 0xFFFF;
                marker[i] = true;
            } else {
                ssrc[i] = VIDEO_SSRC;
                rtpSequence[i] = videoSequence++ & 0xFFFF;
                marker[i] = ++videoPackets % 8 == 0;
            }
        }
    }

    boolean delivered(int i) {
        return arrivalUs[i] != NOT_DELIVERED;
    }
}
