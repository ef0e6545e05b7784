package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.bwe.api.FeedbackReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded calls of 150 000 packets (the 16-bit transport sequence wraps twice) with loss,
 * reordering, duplicates and pauses long enough for 2-byte deltas and split feedback, sent through
 * generator, bytes, parser and adapter. What the sender learns must be what happened.
 */
class FeedbackRoundTripTest {
    private static final int PACKETS = 150_000;
    private static final long RETURN_DELAY_US = 20_000;
    /**
     * TWCC deltas are 250 us ticks, rounded to nearest without accumulating; the adapter then
     * truncates each offset from the reference time toward zero to whole milliseconds (libwebrtc):
     * up to 1 ms early for packets after the reference, up to 1 ms late for reordered ones before it.
     */
    private static final long TWCC_SPREAD_US = TransportFeedback.DELTA_TICK_US + 2_000;
    /** RFC 8888: 1/1024 s offsets (rounded down) from a 1/65536 s timestamp. */
    private static final long RFC8888_SPREAD_US = 1_000_000 / 1024 + 1_000_000 / 65536 + 1;

    /** What the sender learned about each packet. */
    private static final class Learned {
        final int[] receivedReports = new int[PACKETS];
        final int[] lostReports = new int[PACKETS];
        long minErrorUs = Long.MAX_VALUE;
        long maxErrorUs = Long.MIN_VALUE;
    }

    private static Learned run(SimulatedPath path, FeedbackLoop loop) {
        Learned learned = new Learned();
        loop.run((report, nowUs) -> {
            for (int k = 0; k < report.count(); k++) {
                int i = indexOf(path, report.sequenceNumber(k), report.sendTimeUs(k));
                assertEquals(path.sizeBytes[i], report.sizeBytes(k));
                if (report.isLost(k)) {
                    learned.lostReports[i]++;
                    continue;
                }
                learned.receivedReports[i]++;
                if (!path.delivered(i)) {
                    fail("packet " + i + " reported received but lost on the path");
                }
                long trueArrivalUs = Math.min(path.arrivalUs[i], path.duplicateArrivalUs[i] < 0 ? Long.MAX_VALUE
                        : path.duplicateArrivalUs[i]);
                long errorUs = report.arrivalTimeUs(k) - trueArrivalUs;
                learned.minErrorUs = Math.min(learned.minErrorUs, errorUs);
                learned.maxErrorUs = Math.max(learned.maxErrorUs, errorUs);
            }
        });
        return learned;
    }

    /** Packet index from the 16-bit sequence and the (unique, increasing) send time. */
    private static int indexOf(SimulatedPath path, long sequence, long sendTimeUs) {
        int i = java.util.Arrays.binarySearch(path.sendUs, sendTimeUs);
        assertTrue(i >= 0, "unknown send time " + sendTimeUs);
        assertEquals(i & 0xFFFF, sequence, "sequence number of packet " + i);
        return i;
    }

    private static void assertEverythingLearned(SimulatedPath path, Learned learned, long spreadUs) {
        int lostReported = 0;
        int lost = 0;
        for (int i = 0; i < path.count; i++) {
            if (path.delivered(i)) {
                assertEquals(1, learned.receivedReports[i], "packet " + i + " reported received once");
                assertTrue(learned.lostReports[i] <= 1, "packet " + i + " reported lost at most once");
            } else {
                lost++;
                lostReported += learned.lostReports[i];
                assertTrue(learned.lostReports[i] <= 1, "loss of packet " + i + " reported at most once");
            }
        }
        assertTrue(lostReported >= lost - 10, lostReported + " of " + lost + " losses reported (the last may not be)");
        assertTrue(learned.maxErrorUs - learned.minErrorUs <= spreadUs,
                "arrival times off by a constant within " + spreadUs + " us: [" + learned.minErrorUs + ", "
                        + learned.maxErrorUs + "]");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void twccTellsTheSenderExactlyWhatArrivedAndWhen(long seed) {
        SimulatedPath path = new SimulatedPath(seed, PACKETS, 0.03, 0.01, 4_000, true);
        TransportFeedback reparsed = new TransportFeedback();
        TransportFeedbackBuilder rebuilder = new TransportFeedbackBuilder();
        int[] rebuilt = new int[2];
        int[] largeDeltas = new int[1];
        FeedbackLoop loop = new FeedbackLoop(path, FeedbackLoop.Format.TWCC, RETURN_DELAY_US, 0, seed)
                .inspect(packet -> {
                    rebuilt[rebuild(packet, reparsed, rebuilder) ? 0 : 1]++;
                    for (int i = 0; i < reparsed.packetStatusCount(); i++) {
                        largeDeltas[0] += reparsed.symbol(i) == TransportFeedback.RECEIVED_LARGE_DELTA ? 1 : 0;
                    }
                });
        Learned learned = run(path, loop);
        assertEverythingLearned(path, learned, TWCC_SPREAD_US);
        assertEquals(0, loop.adapter.unknownPacketCount());
        assertEquals(0, loop.adapter.missingFeedbackPacketCount());
        assertTrue(rebuilt[0] > 0.9 * (rebuilt[0] + rebuilt[1]), "rebuilt byte for byte: " + rebuilt[0] + ", not: "
                + rebuilt[1]);
        assertTrue(largeDeltas[0] > 1_000, "reordering must produce negative (2-byte) deltas: " + largeDeltas[0]);
    }

    /**
     * Parses a feedback packet and builds it again from what was parsed: the bytes must match.
     * Returns false (checking nothing) for a packet ending in not-received statuses, which the
     * generator only writes when the arrival after a gap did not fit.
     */
    private static boolean rebuild(byte[] packet, TransportFeedback parsed, TransportFeedbackBuilder builder) {
        try {
            parsed.parse(packet, 0, packet.length);
        } catch (RtcpFormatException e) {
            fail(e.getMessage());
        }
        if (!parsed.isReceived(parsed.packetStatusCount() - 1)) {
            return false;
        }
        long referenceUs = parsed.referenceTimeTicks() * TransportFeedback.REFERENCE_TICK_US;
        builder.reset(parsed.senderSsrc(), parsed.mediaSsrc(), parsed.baseSequenceNumber(), referenceUs,
                parsed.feedbackPacketCount());
        for (int i = 0; i < parsed.packetStatusCount(); i++) {
            if (parsed.isReceived(i)) {
                assertTrue(builder.addReceivedPacket(parsed.sequenceNumber(i), referenceUs + parsed.receiveOffsetUs(i)));
            }
        }
        byte[] again = new byte[builder.sizeBytes()];
        builder.write(again, 0);
        if (!java.util.Arrays.equals(packet, again)) {
            assertEquals(Hex.of(packet), Hex.of(again));
        }
        return true;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 5})
    void rfc8888TellsTheSenderExactlyWhatArrivedAndWhen(long seed) {
        SimulatedPath path = new SimulatedPath(seed, PACKETS, 0.03, 0.01, 4_000, true);
        FeedbackLoop loop = new FeedbackLoop(path, FeedbackLoop.Format.RFC8888, RETURN_DELAY_US, 0, seed);
        Learned learned = run(path, loop);
        assertEverythingLearned(path, learned, RFC8888_SPREAD_US);
        assertEquals(0, loop.adapter.unknownPacketCount());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6})
    void lostFeedbackNeverTurnsIntoWrongInformation(long seed) {
        SimulatedPath path = new SimulatedPath(seed, 40_000, 0.05, 0.0, 2_000, false);
        FeedbackLoop loop = new FeedbackLoop(path, FeedbackLoop.Format.TWCC, RETURN_DELAY_US, 0.1, seed);
        Learned learned = run(path, loop);
        int received = 0;
        for (int i = 0; i < path.count; i++) {
            assertTrue(learned.receivedReports[i] <= 1);
            received += learned.receivedReports[i];
        }
        assertTrue(received > 0.8 * path.count, received + " packets acknowledged despite 10 % feedback loss");
        assertTrue(learned.maxErrorUs - learned.minErrorUs <= TWCC_SPREAD_US);
        assertTrue(loop.adapter.missingFeedbackPacketCount() > 0.05 * loop.feedbackPackets,
                loop.adapter.missingFeedbackPacketCount() + " of " + loop.feedbackPackets + " feedback packets noticed missing");
    }
}
