/*
 * The 150-value observation of the ACM MMSys 2024 Bandwidth Estimation Challenge (Khairy et al.,
 * "ACM MMSys 2024 Bandwidth Estimation in Real Time Communications Challenge", Proc. 15th ACM MMSys,
 * 2024; feature list: the challenge's "Dataset Description" page; reference implementation of the
 * exact rules: github.com/microsoft/RL4BandwidthEstimationChallenge and the peers pack's
 * mmsys24-observation.md, whose [data]/[inferred] rules are followed here).
 */
package dev.weir.peers;

/**
 * Builds the MMSys'24 observation from the packets a receiver saw: 15 features x (5 short 60 ms +
 * 5 long 600 ms monitor intervals), {@code index = 10 x (feature - 1) + slot}, slots 0-4 short MIs
 * newest first, 5-9 long MIs newest first, raw units (bps, packets, bytes, ms, fractions).
 *
 * <p>The rules, each as the pack's observation file states and checks them on challenge data:
 * <ul>
 *   <li>Windows end at T = arrival of the newest received packet; slot k covers
 *       {@code (T - (k+1) L, T - k L]}, L = 60 or 600 ms.</li>
 *   <li>Packet delay, ms: {@code (arrival - send) - (arrival - send of the call's first packet) + 200};
 *       the running minimum starts at 200 and only falls.</li>
 *   <li>Per non-empty MI: rate = bytes x 8 / nominal MI length; queuing delay = mean delay - running
 *       minimum; delay = mean delay - 200; minimum seen = running minimum; delay ratio = mean / MI
 *       minimum; avg-min difference = mean - MI minimum; inter-arrival = mean gap of each packet to
 *       the previous received packet (which may lie before the MI; the call's first packet has gap
 *       0); jitter = population standard deviation of those gaps; loss ratio = lost / (lost +
 *       received), lost = forward sequence gaps before the MI's packets; average lost = lost / packets
 *       preceded by a gap; video, audio and probing shares of the MI's packets.</li>
 *   <li>An empty MI is 0 except the minimum seen (the running minimum); an MI ending before the
 *       call's first packet is all 0.</li>
 * </ul>
 * Packets must be added in arrival order; one arriving earlier than the newest is placed at the
 * newest arrival (gap 0), and one more than {@link #CLOCK_JUMP_US} earlier (a receiver clock
 * jump) restarts the history as a new call. The history keeps the latest {@link #CAPACITY}
 * packets (3 s of 65 Mbps in 1200-byte packets); older packets of the 3 s window are then lost to
 * the long MIs.
 *
 * <p>Allocation-free after construction. Not thread-safe: one instance per call.
 */
public final class Mmsys24Observation {
    /** Values in one observation. */
    public static final int SIZE = 150;
    /** Features per MI. */
    public static final int FEATURES = 15;
    /** Monitor intervals: 5 short, 5 long. */
    public static final int SLOTS = 10;
    /** Short MI length, microseconds. */
    public static final long SHORT_MI_US = 60_000;
    /** Long MI length, microseconds. */
    public static final long LONG_MI_US = 600_000;
    /** The delay the call's first packet is pinned to, ms (the challenge data's convention). */
    public static final double FIRST_PACKET_DELAY_MS = 200.0;
    /** Packets kept; see the class comment. */
    public static final int CAPACITY = 1 << 14;
    /** An arrival this much earlier than the newest is a receiver clock jump, microseconds. */
    public static final long CLOCK_JUMP_US = 1_000_000;

    /** Feature numbers (1-based, as the challenge numbers them) of the blocks of 10. */
    public static final int RECEIVING_RATE = 1;
    public static final int RECEIVED_PACKETS = 2;
    public static final int RECEIVED_BYTES = 3;
    public static final int QUEUING_DELAY = 4;
    public static final int DELAY = 5;
    public static final int MIN_SEEN_DELAY = 6;
    public static final int DELAY_RATIO = 7;
    public static final int DELAY_AVG_MIN_DIFF = 8;
    public static final int INTERARRIVAL_TIME = 9;
    public static final int JITTER = 10;
    public static final int PACKET_LOSS_RATIO = 11;
    public static final int AVG_LOST_PACKETS = 12;
    public static final int VIDEO_PROB = 13;
    public static final int AUDIO_PROB = 14;
    public static final int PROBING_PROB = 15;

    private static final int SHORT_SLOTS = 5;
    private static final long WINDOW_US = SHORT_SLOTS * LONG_MI_US;
    private static final int MASK = CAPACITY - 1;
    private static final double US_PER_MS = 1_000.0;

    // The packet history, a ring in arrival order.
    private final long[] arrivalUs = new long[CAPACITY];
    private final double[] delayMs = new double[CAPACITY];
    private final double[] gapMs = new double[CAPACITY];
    private final int[] sizeBytes = new int[CAPACITY];
    private final int[] lostBefore = new int[CAPACITY];
    private final byte[] packetClass = new byte[CAPACITY];
    private long head; // packets ever added; the newest is at (head - 1) & MASK
    private long oldest; // index of the oldest packet still kept

    private boolean started;
    private long firstArrivalUs;
    private long firstTransitUs;
    private double runningMinDelayMs;
    private long highestSequence;

    // Per-MI accumulators, reused by every compute().
    private final int[] count = new int[SLOTS];
    private final long[] bytes = new long[SLOTS];
    private final double[] delaySum = new double[SLOTS];
    private final double[] delayMin = new double[SLOTS];
    private final double[] gapSum = new double[SLOTS];
    private final double[] gapSquares = new double[SLOTS];
    private final long[] lost = new long[SLOTS];
    private final int[] lossEvents = new int[SLOTS];
    private final int[] video = new int[SLOTS];
    private final int[] audio = new int[SLOTS];
    private final int[] probing = new int[SLOTS];

    /** Index of {@code feature} (1-15) in {@code slot} (0-9). */
    public static int index(int feature, int slot) {
        return 10 * (feature - 1) + slot;
    }

    /** Forgets every packet: the next one starts a new call. */
    public void reset() {
        head = 0;
        oldest = 0;
        started = false;
    }

    /** Whether any packet has been received. */
    public boolean hasPackets() {
        return started;
    }

    /** Arrival of the newest packet (the anchor T), microseconds; undefined before the first. */
    public long newestArrivalUs() {
        return arrivalUs[(int) ((head - 1) & MASK)];
    }

    /**
     * One received packet, in arrival order.
     *
     * @param sequence unwrapped sequence number (transport-wide here; see the loss rule)
     * @param sendTimeUs sender clock
     * @param arrivalTimeUs receiver clock
     * @param rtpBytes packet size as the challenge counts it (RTP header + payload + padding)
     * @param kind the packet's class
     */
    public void onPacketReceived(long sequence, long sendTimeUs, long arrivalTimeUs, int rtpBytes, PacketClass kind) {
        if (started && arrivalTimeUs < newestArrivalUs() - CLOCK_JUMP_US) {
            reset();
        }
        double gap;
        long arrival = arrivalTimeUs;
        int lostGap = 0;
        if (!started) {
            started = true;
            firstArrivalUs = arrivalTimeUs;
            firstTransitUs = arrivalTimeUs - sendTimeUs;
            runningMinDelayMs = FIRST_PACKET_DELAY_MS;
            highestSequence = sequence;
            gap = 0;
        } else {
            long newest = newestArrivalUs();
            arrival = Math.max(arrivalTimeUs, newest);
            gap = (arrival - newest) / US_PER_MS;
            if (sequence > highestSequence) {
                lostGap = (int) Math.min(Integer.MAX_VALUE, sequence - highestSequence - 1);
                highestSequence = sequence;
            }
        }
        // Differences of two transit times: no overflow for times within the front door's +-2^52 us.
        double delay = ((arrivalTimeUs - sendTimeUs) - firstTransitUs) / US_PER_MS + FIRST_PACKET_DELAY_MS;
        runningMinDelayMs = Math.min(runningMinDelayMs, delay);
        int at = (int) (head & MASK);
        arrivalUs[at] = arrival;
        delayMs[at] = delay;
        gapMs[at] = gap;
        sizeBytes[at] = Math.max(0, rtpBytes);
        lostBefore[at] = lostGap;
        packetClass[at] = (byte) kind.ordinal();
        head++;
        if (head - oldest > CAPACITY) {
            oldest = head - CAPACITY;
        }
        // Keep only what the oldest long MI can still need.
        while (oldest < head - 1 && arrivalUs[(int) (oldest & MASK)] <= arrival - WINDOW_US) {
            oldest++;
        }
    }

    /**
     * Writes the observation anchored at the newest packet into {@code out[0, 150)}; all zeros
     * before the first packet.
     */
    public void compute(float[] out) {
        java.util.Arrays.fill(out, 0, SIZE, 0f);
        if (!started) {
            return;
        }
        java.util.Arrays.fill(count, 0);
        java.util.Arrays.fill(bytes, 0);
        java.util.Arrays.fill(delaySum, 0);
        java.util.Arrays.fill(delayMin, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(gapSum, 0);
        java.util.Arrays.fill(gapSquares, 0);
        java.util.Arrays.fill(lost, 0);
        java.util.Arrays.fill(lossEvents, 0);
        java.util.Arrays.fill(video, 0);
        java.util.Arrays.fill(audio, 0);
        java.util.Arrays.fill(probing, 0);
        long anchorUs = newestArrivalUs();
        for (long p = head - 1; p >= oldest; p--) {
            int at = (int) (p & MASK);
            long ageUs = anchorUs - arrivalUs[at];
            if (ageUs >= WINDOW_US) {
                break;
            }
            int shortSlot = (int) (ageUs / SHORT_MI_US);
            if (shortSlot < SHORT_SLOTS) {
                add(shortSlot, at);
            }
            add(SHORT_SLOTS + (int) (ageUs / LONG_MI_US), at);
        }
        for (int slot = 0; slot < SLOTS; slot++) {
            long lengthUs = slot < SHORT_SLOTS ? SHORT_MI_US : LONG_MI_US;
            long endUs = anchorUs - (slot < SHORT_SLOTS ? slot : slot - SHORT_SLOTS) * lengthUs;
            if (endUs < firstArrivalUs) {
                continue; // entirely before the call's first packet: all zeros
            }
            int n = count[slot];
            out[index(MIN_SEEN_DELAY, slot)] = (float) runningMinDelayMs;
            if (n == 0) {
                continue;
            }
            double meanDelay = delaySum[slot] / n;
            double meanGap = gapSum[slot] / n;
            double gapVariance = Math.max(0, gapSquares[slot] / n - meanGap * meanGap);
            double minDelay = delayMin[slot];
            long lostPackets = lost[slot];
            out[index(RECEIVING_RATE, slot)] = (float) (bytes[slot] * 8.0 * 1e6 / lengthUs);
            out[index(RECEIVED_PACKETS, slot)] = n;
            out[index(RECEIVED_BYTES, slot)] = bytes[slot];
            out[index(QUEUING_DELAY, slot)] = (float) (meanDelay - runningMinDelayMs);
            out[index(DELAY, slot)] = (float) (meanDelay - FIRST_PACKET_DELAY_MS);
            // The MI minimum is at least the running minimum (>= 200 minus the call's delay drop);
            // a first packet queued over 200 ms longer than a later one makes it <= 0: ratio 1 then.
            out[index(DELAY_RATIO, slot)] = (float) (minDelay > 0 ? meanDelay / minDelay : 1.0);
            out[index(DELAY_AVG_MIN_DIFF, slot)] = (float) (meanDelay - minDelay);
            out[index(INTERARRIVAL_TIME, slot)] = (float) meanGap;
            out[index(JITTER, slot)] = (float) Math.sqrt(gapVariance);
            out[index(PACKET_LOSS_RATIO, slot)] = (float) ((double) lostPackets / (lostPackets + n));
            out[index(AVG_LOST_PACKETS, slot)] = lossEvents[slot] == 0 ? 0f
                    : (float) ((double) lostPackets / lossEvents[slot]);
            out[index(VIDEO_PROB, slot)] = (float) ((double) video[slot] / n);
            out[index(AUDIO_PROB, slot)] = (float) ((double) audio[slot] / n);
            out[index(PROBING_PROB, slot)] = (float) ((double) probing[slot] / n);
        }
    }

    private void add(int slot, int at) {
        count[slot]++;
        bytes[slot] += sizeBytes[at];
        double delay = delayMs[at];
        delaySum[slot] += delay;
        delayMin[slot] = Math.min(delayMin[slot], delay);
        double gap = gapMs[at];
        gapSum[slot] += gap;
        gapSquares[slot] += gap * gap;
        int lostGap = lostBefore[at];
        if (lostGap > 0) {
            lost[slot] += lostGap;
            lossEvents[slot]++;
        }
        switch (packetClass[at]) {
            case 1 -> audio[slot]++;
            case 2 -> probing[slot]++;
            default -> video[slot]++;
        }
    }
}
