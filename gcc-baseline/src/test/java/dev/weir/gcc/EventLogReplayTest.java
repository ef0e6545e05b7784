package dev.weir.gcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.RateConstraints;
import dev.weir.bwe.eventlog.EventLogHeader;
import dev.weir.bwe.eventlog.EventLogReader;
import dev.weir.bwe.eventlog.EventLogWriter;
import dev.weir.bwe.eventlog.EventLoggingEstimator;
import dev.weir.bwe.eventlog.LoggedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replaying a recorded call into a fresh estimator of the same kind reproduces every result of the
 * recording exactly: a seeded call over a varying bottleneck with loss, reordering, duplicates,
 * RTCP round-trip times and receiver reports, and every client-API event (constraints, route
 * change, network down and up, REMB).
 */
class EventLogReplayTest {
    private static final long MS = 1_000;

    @ParameterizedTest
    @ValueSource(strings = {"gcc", "gcc-classic"})
    void replayingTheRecordedEstimatorReproducesEveryResult(String variant) throws IOException {
        GccSettings settings = GccSettings.defaults().withBitrates(30_000, 300_000, 5_000_000);
        if (variant.equals("gcc-classic")) {
            settings.useRobustThroughputEstimator = false;
            settings.lossBased.v2.enabled = false;
            settings.pushback.enabled = false;
        }
        GccSettings recorded = settings;
        Supplier<BandwidthEstimator> fresh = () -> new GoogCcEstimator(recorded);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        EventLoggingEstimator recorder = new EventLoggingEstimator(fresh.get(), new EventLogWriter(sink,
                new EventLogHeader(variant, "", "", "replay test", 0, 30_000, 300_000, 5_000_000)));
        int events = drive(recorder, new SplittableRandom(29));
        recorder.close();
        assertEquals(null, recorder.failure());

        EventLogReader reader = EventLogReader.of(sink.toByteArray(), "call.weirlog");
        BandwidthEstimator replayed = fresh.get();
        LoggedEvent event = new LoggedEvent();
        BweResult out = new BweResult();
        int compared = 0;
        while (reader.next(event)) {
            event.applyTo(replayed, out);
            if (event.type().hasResult()) {
                compared++;
                assertTrue(out.sameAs(event.result()),
                        "event " + reader.eventsRead() + " (" + event.type() + "): recorded " + event.result()
                                + ", replayed " + out);
            }
        }
        assertTrue(reader.complete());
        assertEquals(events, compared);
        assertTrue(sink.size() < 40 * reader.eventsRead(), sink.size() + " bytes for " + reader.eventsRead()
                + " events");
    }

    /** 60 s of a call through a bottleneck whose capacity changes, with the client's events; returns results made. */
    private static int drive(BandwidthEstimator bwe, SplittableRandom random) {
        BweResult out = new BweResult();
        FeedbackReport report = new FeedbackReport();
        int results = 0;
        long seq = 65_000; // crosses the 16-bit wrap
        long queueFreeUs = 0;
        bwe.currentEstimate(0, out);
        results++;
        for (long stepUs = 0; stepUs < 60_000 * MS; stepUs += 100 * MS) {
            long capacityBps = stepUs < 20_000 * MS ? 2_000_000 : stepUs < 40_000 * MS ? 600_000 : 3_000_000;
            report.clear();
            long packets = Math.max(1, out.targetRateBps() / 8 / 1200 / 10);
            for (int p = 0; p < packets; p++) {
                long sendUs = stepUs + p * 100 * MS / packets;
                bwe.onPacketSent(seq & 0xFFFF, sendUs, 1200);
                queueFreeUs = Math.max(sendUs, queueFreeUs) + 1200 * 8 * 1_000_000L / capacityBps;
                boolean lost = queueFreeUs - sendUs > 300 * MS || random.nextDouble() < 0.02;
                report.add(seq & 0xFFFF, sendUs, lost ? FeedbackReport.LOST : queueFreeUs + 40 * MS, 1200);
                seq++;
            }
            if (random.nextInt(10) == 0 && report.count() > 2) { // a duplicate entry, reported out of order
                report.add(report.sequenceNumber(0), report.sendTimeUs(0), report.arrivalTimeUs(0), 1200);
            }
            long nowUs = stepUs + 180 * MS;
            bwe.onFeedback(report, nowUs, out);
            bwe.onProcessInterval(nowUs, out);
            results += 2;
            if (stepUs % 1_000_000 == 0) {
                bwe.onRttSample(80 * MS + random.nextInt(20_000), nowUs, out);
                bwe.onReceiverReport(random.nextInt(3), 100, nowUs, out);
                results += 2;
            }
            if (stepUs == 10_000 * MS) {
                bwe.onTargetRateConstraints(50_000, RateConstraints.NOT_SET, 1_500_000, nowUs, out);
                bwe.onRemoteEstimate(900_000, nowUs, out);
                results += 2;
            } else if (stepUs == 25_000 * MS) {
                bwe.onNetworkAvailability(false, nowUs, out);
                bwe.onRemoteEstimate(0, nowUs, out);
                results += 2;
            } else if (stepUs == 30_000 * MS) {
                bwe.onNetworkRouteChange(30_000, 1_000_000, 5_000_000, nowUs, out);
                bwe.onNetworkAvailability(true, nowUs, out);
                results += 2;
            }
        }
        return results;
    }
}
