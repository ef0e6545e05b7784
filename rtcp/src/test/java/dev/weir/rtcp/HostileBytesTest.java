package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.bwe.api.FeedbackReport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing: mutated valid packets and random bytes either parse or throw
 * {@link RtcpFormatException}; nothing else escapes, what parses is internally consistent, and
 * the adapter joins it without failing.
 */
class HostileBytesTest {
    private static final int ROUNDS = 20_000;
    private static final String[] SEEDS_TWCC = {
        "af cd 00 07 9b 74 f6 1f 93 71 dc bc 85 3c 00 09 63 f9 16 b3 d5 52 00 30 9b aa 6a aa 7b 01 09 01",
        "af cd 00 0c 00 00 00 00 00 00 00 00 00 00 00 16 00 00 00 00 20 08 e5 55 20 07"
                + " 04 04 04 04 04 04 04 04 01 00 04 04 04 04 04 04 04 04 04 04 04 04 04 00 00 03",
        "8f cd 00 06 00 00 00 00 00 00 00 00 00 00 20 0e 00 00 00 00 a0 00 1f ff 20 01 04 04",
    };
    private static final String[] SEEDS_CCFB = {
        "8b cd 00 0a 00 00 00 01 00 00 00 01 00 02 00 04 9f fd 9f fc 00 00 00 00"
                + " 00 00 00 02 00 02 00 03 9f fd 9f fc 00 00 00 00 00 00 00 01",
        "8b cd 00 06 00 00 00 00 00 00 00 01 ff fe 00 04 80 01 00 00 00 00 80 01 00 00 04 d2",
    };

    @Test
    void mutatedAndRandomBytesNeverEscapeAsAnythingButAFormatError() {
        SplittableRandom random = new SplittableRandom(20261122L);
        TransportFeedback twcc = new TransportFeedback();
        CongestionControlFeedback ccfb = new CongestionControlFeedback();
        TransportFeedbackAdapter adapter = new TransportFeedbackAdapter(1024, 1_000_000);
        FeedbackReport report = new FeedbackReport();
        for (int i = 0; i < 2_000; i++) {
            adapter.onPacketSent(i, i * 1_000L, 1_000, FeedbackReport.NOT_A_PROBE, i % 3, i);
        }
        int parsedTwcc = 0;
        int parsedCcfb = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = candidate(random, round);
            int length = random.nextInt(4) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
            try {
                twcc.parse(bytes, 0, length);
                checkTwcc(twcc, length);
                report.clear();
                adapter.onTransportFeedback(twcc, round * 1_000L, report);
                parsedTwcc++;
            } catch (RtcpFormatException expected) {
                // the only failure a parser may report
            } catch (RuntimeException e) {
                fail("TWCC parser or adapter threw " + e + " on " + Hex.of(bytes, 0, length), e);
            }
            try {
                ccfb.parse(bytes, 0, length);
                checkCcfb(ccfb, length);
                report.clear();
                adapter.onCongestionControlFeedback(ccfb, round * 1_000L, report);
                parsedCcfb++;
            } catch (RtcpFormatException expected) {
                // the only failure a parser may report
            } catch (RuntimeException e) {
                fail("RFC 8888 parser or adapter threw " + e + " on " + Hex.of(bytes, 0, length), e);
            }
        }
        assertTrue(parsedTwcc > ROUNDS / 100, "mutations should still parse sometimes: " + parsedTwcc);
        assertTrue(parsedCcfb > ROUNDS / 100, "mutations should still parse sometimes: " + parsedCcfb);
    }

    private static byte[] candidate(SplittableRandom random, int round) {
        if (round % 4 == 3) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            return bytes;
        }
        String[] seeds = round % 2 == 0 ? SEEDS_TWCC : SEEDS_CCFB;
        byte[] bytes = Hex.bytes(seeds[random.nextInt(seeds.length)]);
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(bytes.length);
            bytes[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (bytes[at] ^ (1 << random.nextInt(8)));
        }
        return bytes;
    }

    private static void checkTwcc(TransportFeedback feedback, int length) {
        assertTrue(feedback.packetSizeBytes() <= length);
        int received = 0;
        for (int i = 0; i < feedback.packetStatusCount(); i++) {
            if (feedback.isReceived(i)) {
                received++;
                assertTrue(!feedback.hasReceiveDeltas() || feedback.receiveOffsetUs(i) != TransportFeedback.NO_TIME);
            }
        }
        assertTrue(received == feedback.receivedCount());
    }

    private static void checkCcfb(CongestionControlFeedback feedback, int length) {
        assertTrue(feedback.packetSizeBytes() <= length);
        int reports = 0;
        for (int b = 0; b < feedback.blockCount(); b++) {
            reports += feedback.blockReportCount(b);
        }
        assertTrue(reports == feedback.reportCount());
        for (int i = 0; i < feedback.reportCount(); i++) {
            assertTrue(feedback.arrivalTimeOffset(i) <= CongestionControlFeedback.ATO_UNAVAILABLE);
        }
    }
}
