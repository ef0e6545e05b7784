package dev.weir.bwe.model;

import java.util.List;

/**
 * The two heads that size forward error correction (FEC), as a dataset labels them and steering
 * reads them. FEC repairs losses the network would cause whatever the sender does (radio errors,
 * Gilbert-Elliott bursts), not queue overflow, which FEC only feeds; and the simulator's and
 * libwebrtc's XOR FEC (one parity packet per group, RFC 5109 / RFC 8627) repairs one loss per
 * group, so a burst of consecutive losses defeats it. Hence two questions about the media packets
 * sent in the next {@code fec_horizon_ms} (the packets FEC chosen now protects):
 * <ul>
 *   <li>{@link #RATE_HEAD}: the share lost to non-congestive causes, as a distribution over
 *       {@link #RATE_CLASSES} (regression by a histogram head: softmax over bins, the estimate is
 *       the expected value; Imani and White 2018, "Improving Regression Performance with
 *       Distributional Losses"). A histogram keeps the runtime's one head kind and its calibration,
 *       and gives steering a distribution where a point estimate would hide the upper tail;</li>
 *   <li>{@link #BURST_HEAD}: whether those losses come alone ({@code isolated}: mean run of
 *       consecutive lost media packets below {@link #BURSTY_MEAN_RUN_PACKETS}) or in bursts.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe (constants and static methods).
 */
public final class FecHeads {
    /** Head: non-congestive loss rate of the next media packets, binned. */
    public static final String RATE_HEAD = "random_loss_rate";
    /** Class names of {@link #RATE_HEAD}, lowest rate first. */
    public static final List<String> RATE_CLASSES = List.of("below_0.5pct", "0.5_to_2pct", "2_to_5pct",
            "5_to_10pct", "above_10pct");
    /**
     * Upper edges of the rate classes but the last, share of media packets: below 0.5 %
     * retransmission alone repairs in time (half the lowest random-loss level of the scenarios,
     * 1 %), 2 % is the classic loss rule's "increase" threshold, 5 % a middle random-loss level of
     * the scenarios, 10 % the classic rule's "decrease" threshold and the top of what XOR FEC at
     * its 50 % cap still repairs well.
     */
    private static final double[] RATE_UPPER_EDGES = {0.005, 0.02, 0.05, 0.10};
    /**
     * The rate each class stands for, share of media packets: 0 for the lowest (most of its
     * windows have no non-congestive loss at all), the bin's midpoint for the middle ones, 15 %
     * for the open top bin (the scenarios' random loss reaches 20 %).
     */
    private static final double[] RATE_VALUES = {0.0, 0.0125, 0.035, 0.075, 0.15};

    /** Head: isolated or bursty non-congestive losses in the next media packets. */
    public static final String BURST_HEAD = "loss_burst";
    /** Class names of {@link #BURST_HEAD}. */
    public static final List<String> BURST_CLASSES = List.of("isolated", "bursty");
    public static final int ISOLATED = 0;
    public static final int BURSTY = 1;
    /**
     * Mean run length, packets, from which losses count as bursty: Bernoulli loss at 10 % has mean
     * runs of 1.11 packets, a Gilbert-Elliott bad state of the scenarios 2 or more; at 1.5 half the
     * lost packets of a run already share a parity group with another loss.
     */
    public static final double BURSTY_MEAN_RUN_PACKETS = 1.5;
    /** Non-congestive drops a horizon needs before its burst class means anything. */
    public static final int MIN_DROPS_FOR_BURST = 2;

    private FecHeads() {
    }

    /** The {@link #RATE_CLASSES} index of a loss share in [0, 1] (NaN and negatives count as 0). */
    public static int rateClass(double lossShare) {
        int cls = 0;
        while (cls < RATE_UPPER_EDGES.length && lossShare >= RATE_UPPER_EDGES[cls]) {
            cls++;
        }
        return cls;
    }

    /** The lowest share of rate class {@code cls + 1}: class {@code cls} is below it (cls from 0 to 3). */
    public static double rateUpperEdge(int cls) {
        return RATE_UPPER_EDGES[cls];
    }

    /** The loss share class {@code cls} of {@link #RATE_HEAD} stands for. */
    public static double rateValue(int cls) {
        return RATE_VALUES[cls];
    }

    /** The {@link #BURST_CLASSES} index of a mean run length in packets. */
    public static int burstClass(double meanRunPackets) {
        return meanRunPackets >= BURSTY_MEAN_RUN_PACKETS ? BURSTY : ISOLATED;
    }

    /**
     * The expected non-congestive loss share under head {@code head} of {@code prediction} (the
     * {@link #RATE_HEAD}): the sum over classes of probability times {@link #rateValue}.
     */
    public static double expectedRate(Prediction prediction, int head) {
        double sum = 0;
        for (int cls = 0; cls < RATE_VALUES.length; cls++) {
            sum += prediction.probability(head, cls) * RATE_VALUES[cls];
        }
        return sum;
    }

    /** The expected share from class probabilities in {@link #RATE_CLASSES} order (evaluation's view). */
    public static double expectedRate(double[] probabilities) {
        double sum = 0;
        for (int cls = 0; cls < RATE_VALUES.length; cls++) {
            sum += probabilities[cls] * RATE_VALUES[cls];
        }
        return sum;
    }
}
