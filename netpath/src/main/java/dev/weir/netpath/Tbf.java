package dev.weir.netpath;

/*
 * Linux token bucket filter: tc-tbf(8) ("burst ... must be at least the MTU", "latency ... the
 * maximum amount of time a packet can sit in the TBF"; limit = rate x latency + burst), kernel
 * net/sched/sch_tbf.c.
 */

import java.util.List;

/**
 * The bottleneck: a tbf root qdisc on the sender's veth end. Packets beyond the bucket wait in
 * tbf's byte-limited queue and are dropped when it is full, a drop-tail bottleneck like the
 * simulator's.
 *
 * <p>Parameters and why:
 * <ul>
 *   <li>{@code rate}: the requested bottleneck. tbf counts whole frames: the 14-byte Ethernet header
 *       is included, so 1200-byte IP packets see {@code rate x 1200 / 1214} of IP-level capacity.
 *   <li>{@code burst} = max({@value #MIN_BURST_BYTES} bytes, {@value #BURST_MS} ms at the rate):
 *       two full Ethernet frames at least, so one maximum-size frame always fits the bucket, and
 *       {@value #BURST_MS} ms at high rates, so the kernel's timer granularity cannot hold the link
 *       below its rate; small, so a packet train gets at most a few milliseconds above the rate.
 *   <li>{@code latency} = the queue's drain time at the rate (default 300 ms, the simulator's
 *       default {@code queue_ms}): tbf derives its byte limit as rate x latency + burst.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param rateBps bottleneck rate, bits per second of whole frames
 * @param burstBytes bucket depth
 * @param latencyUs longest time a packet may wait in the queue
 */
public record Tbf(long rateBps, long burstBytes, long latencyUs) {
    /** Two maximum-size Ethernet frames (1500-byte MTU + 14-byte header). */
    static final long MIN_BURST_BYTES = 2 * 1514;
    /** Burst as time at the rate for fast links, ms. */
    static final long BURST_MS = 4;
    /** Lowest rate accepted, bps: below 8 kbps one full frame takes over 1.5 s. */
    public static final long MIN_RATE_BPS = 8_000;
    /** Highest rate accepted, bps: the harness's single-threaded sender is not built for more. */
    public static final long MAX_RATE_BPS = 100_000_000;

    public Tbf {
        if (rateBps < MIN_RATE_BPS || rateBps > MAX_RATE_BPS) {
            throw new IllegalArgumentException("tbf rate " + rateBps + " bps: must be in [" + MIN_RATE_BPS + ", "
                    + MAX_RATE_BPS + "]");
        }
        if (burstBytes < MIN_BURST_BYTES) {
            throw new IllegalArgumentException("tbf burst " + burstBytes + " bytes: must be at least " + MIN_BURST_BYTES);
        }
        if (latencyUs < 1_000 || latencyUs > 10_000_000) {
            throw new IllegalArgumentException("tbf latency " + latencyUs + " us: must be in [1 ms, 10 s]");
        }
    }

    /** The harness's tbf for {@code rateBps} with a queue that drains in {@code queueUs}. */
    public static Tbf forRate(long rateBps, long queueUs) {
        long burst = Math.max(MIN_BURST_BYTES, rateBps * BURST_MS / 8_000);
        return new Tbf(rateBps, burst, queueUs);
    }

    /** Queue size in bytes as the kernel derives it from latency: rate x latency + burst. */
    public long limitBytes() {
        return rateBps * latencyUs / 8_000_000 + burstBytes;
    }

    /** The {@code tc} command installing this tbf as root qdisc of {@code device} in {@code namespace}. */
    public List<String> command(String namespace, String device) {
        return List.of("tc", "-n", namespace, "qdisc", "add", "dev", device, "root", "tbf",
                "rate", rateBps + "bit", "burst", Long.toString(burstBytes), "latency", latencyUs + "us");
    }
}
