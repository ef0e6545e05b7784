package dev.weir.bwe.eventlog;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded log of every event type with values from sane to absurd (extreme longs, lost packets,
 * probe ids, NaN ratios, a null delay state, many network-type strings), written with
 * {@link EventLogWriter}; {@link #expected} keeps what each record must read back as.
 */
final class RandomEventLog {
    /** One written event: its arguments and result, copied. */
    record Written(EventType type, long timeUs, long a, long b, long c, int size, boolean flag,
                   FeedbackReport report, BweResult result) {
    }

    static final EventLogHeader HEADER = new EventLogHeader("gcc", "bundle-1", "{\"pacing_factor\": 1.1}",
            "random test log", 1_000_000, 30_000, 300_000, 5_000_000);
    private static final String[] TYPES = {"none", "wired_stable", "random_loss", "cellular", "model_failed"};

    final List<Written> expected = new ArrayList<>();
    final byte[] bytes;

    RandomEventLog(long seed, int events) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        EventLogWriter writer = new EventLogWriter(sink, HEADER);
        long nowUs = HEADER.originUs();
        BweResult result = new BweResult();
        for (int e = 0; e < events; e++) {
            nowUs += random.nextInt(20) == 0 ? random.nextLong() : random.nextLong(0, 50_000);
            EventType type = EventType.values()[random.nextInt(EventType.values().length)];
            long a = value(random);
            long b = value(random);
            long c = value(random);
            int size = random.nextInt(10) == 0 ? random.nextInt() : random.nextInt(1500);
            boolean flag = random.nextBoolean();
            FeedbackReport report = null;
            if (type.hasResult()) {
                randomise(result, random, nowUs);
            }
            switch (type) {
                case PACKET_SENT -> writer.packetSent(a, nowUs, size);
                case FEEDBACK -> {
                    report = new FeedbackReport(4);
                    int n = random.nextInt(8) == 0 ? random.nextInt(3000) : random.nextInt(40);
                    long seq = random.nextInt(65_536);
                    for (int i = 0; i < n; i++) {
                        seq += random.nextInt(10) == 0 ? random.nextLong() : 1;
                        long sendUs = nowUs - random.nextLong(0, 1_000_000);
                        long arrival = random.nextInt(6) == 0 ? FeedbackReport.LOST
                                : random.nextInt(30) == 0 ? random.nextLong() : sendUs + random.nextLong(0, 200_000);
                        int probe = random.nextInt(5) == 0 ? random.nextInt(-3, 1000) : FeedbackReport.NOT_A_PROBE;
                        report.add(seq, sendUs, arrival, random.nextInt(20) == 0 ? random.nextInt() : 1200, probe);
                    }
                    writer.feedback(report, nowUs, result);
                }
                case RTT -> writer.rttSample(a, nowUs, result);
                case RECEIVER_REPORT -> writer.receiverReport(a, b, nowUs, result);
                case PROCESS -> writer.processInterval(nowUs, result);
                case CURRENT_ESTIMATE -> writer.currentEstimate(nowUs, result);
                case CONSTRAINTS -> writer.targetRateConstraints(a, b, c, nowUs, result);
                case ROUTE_CHANGE -> writer.networkRouteChange(a, b, c, nowUs, result);
                case AVAILABILITY -> writer.networkAvailability(flag, nowUs, result);
                case REMOTE_ESTIMATE -> writer.remoteEstimate(a, nowUs, result);
            }
            BweResult copy = null;
            if (type.hasResult()) {
                copy = new BweResult();
                copy.copyFrom(result);
            }
            expected.add(new Written(type, nowUs, a, b, c, size, flag, report, copy));
        }
        writer.close();
        bytes = sink.toByteArray();
    }

    private static long value(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> random.nextLong();
            default -> random.nextLong(-10, 5_000_000);
        };
    }

    /** Changes a few fields (results usually differ little from the previous one). */
    private static void randomise(BweResult r, SplittableRandom random, long nowUs) {
        r.timeUs(random.nextInt(10) == 0 ? random.nextLong() : nowUs);
        if (random.nextInt(3) == 0) {
            r.targetRateBps(random.nextLong(0, 10_000_000)).pacingRateBps(random.nextLong())
                    .delayBasedRateBps(random.nextLong(0, 10_000_000)).lossBasedRateBps(random.nextLong(0, 10_000_000));
        }
        if (random.nextInt(4) == 0) {
            r.ackedRateBps(random.nextLong()).rttUs(random.nextLong(0, 1_000_000)).inAlr(random.nextBoolean())
                    .paddingRateBps(random.nextLong(0, 100_000)).dataWindowBytes(random.nextLong(0, 1 << 20))
                    .pushbackRateBps(random.nextLong(0, 10_000_000));
        }
        if (random.nextInt(4) == 0) {
            BandwidthUsage[] usages = BandwidthUsage.values();
            int state = random.nextInt(usages.length + 1);
            r.delayState(state == usages.length ? null : usages[state]);
            r.lossRatio(random.nextInt(10) == 0 ? Double.NaN : random.nextDouble())
                    .fecRatio(random.nextInt(10) == 0 ? -0.0 : random.nextDouble())
                    .cwndReduceRatio(random.nextDouble());
        }
        if (random.nextInt(5) == 0) {
            String type = random.nextInt(10) == 0 ? "set-" + random.nextInt(100) : TYPES[random.nextInt(TYPES.length)];
            r.steering(type, type + "/bundle", random.nextDouble(), random.nextDouble(),
                    random.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : random.nextDouble());
        }
        r.clearProbeRequests();
        int probes = random.nextInt(6) == 0 ? 1 + random.nextInt(BweResult.MAX_PROBE_REQUESTS) : 0;
        for (int i = 0; i < probes; i++) {
            r.addProbeRequest(random.nextInt(), random.nextLong(), random.nextLong(), random.nextInt());
        }
    }
}
