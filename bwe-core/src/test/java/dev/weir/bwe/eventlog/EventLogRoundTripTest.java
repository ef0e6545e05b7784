package dev.weir.bwe.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.contract.AllocationMeter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventLogRoundTripTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyEventReadsBackWithItsArgumentsAndResultExactly(long seed) throws IOException {
        RandomEventLog log = new RandomEventLog(seed, 2_000);
        EventLogReader reader = EventLogReader.of(log.bytes, "random.weirlog");
        assertEquals(RandomEventLog.HEADER, reader.header());
        LoggedEvent event = new LoggedEvent();
        for (RandomEventLog.Written w : log.expected) {
            assertTrue(reader.next(event), "record " + reader.eventsRead());
            assertEquals(w.type(), event.type());
            assertEquals(w.timeUs(), event.timeUs());
            switch (w.type()) {
                case PACKET_SENT -> {
                    assertEquals(w.a(), event.sequenceNumber());
                    assertEquals(w.size(), event.sizeBytes());
                }
                case FEEDBACK -> assertSameReport(w.report(), event.report());
                case RTT -> assertEquals(w.a(), event.rttUs());
                case RECEIVER_REPORT -> {
                    assertEquals(w.a(), event.packetsLost());
                    assertEquals(w.b(), event.packetsExpected());
                }
                case CONSTRAINTS, ROUTE_CHANGE -> {
                    assertEquals(w.a(), event.minBps());
                    assertEquals(w.b(), event.startBps());
                    assertEquals(w.c(), event.maxBps());
                }
                case AVAILABILITY -> assertEquals(w.flag(), event.available());
                case REMOTE_ESTIMATE -> assertEquals(w.a(), event.bitrateBps());
                default -> {
                }
            }
            if (w.type().hasResult()) {
                assertTrue(w.result().sameAs(event.result()), () -> w.result() + " read back as " + event.result());
            }
        }
        assertFalse(reader.next(event));
        assertTrue(reader.complete());
    }

    @Test
    void aLogCutShortReadsUpToItsLastWholeRecordOrNamesTheCut() throws IOException {
        byte[] whole = new RandomEventLog(4, 300).bytes;
        LoggedEvent event = new LoggedEvent();
        for (int length = 0; length < whole.length; length += 7) {
            byte[] cut = Arrays.copyOf(whole, length);
            try {
                EventLogReader reader = EventLogReader.of(cut, "cut.weirlog");
                while (reader.next(event)) {
                    // reads what is whole
                }
                assertFalse(reader.complete(), "no end record in a cut log");
            } catch (EventLogFormatException e) {
                assertTrue(e.getMessage().startsWith("cut.weirlog: "), e.getMessage());
                assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("empty"), e.getMessage());
            }
        }
    }

    @Test
    void badHeadersAreNamed() throws IOException {
        byte[] log = new RandomEventLog(5, 10).bytes;
        byte[] wrongMagic = log.clone();
        wrongMagic[1] = 'X';
        assertMessage(wrongMagic, "wrong magic number");
        byte[] wrongVersion = log.clone();
        wrongVersion[8] = 9;
        assertMessage(wrongVersion, "unsupported event log version 9");
        assertMessage(new byte[0], "empty file");
        byte[] hugeHeader = Arrays.copyOf(log, 14);
        hugeHeader[9] = (byte) 0xFF;
        hugeHeader[10] = (byte) 0xFF;
        hugeHeader[11] = (byte) 0xFF;
        hugeHeader[12] = (byte) 0xFF;
        hugeHeader[13] = (byte) 0x0F;
        assertMessage(hugeHeader, "exceeds the");
    }

    @Test
    void anUnknownRecordTypeIsNamedWithItsOffset() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        EventLogWriter writer = new EventLogWriter(sink, RandomEventLog.HEADER);
        writer.packetSent(1, 2_000_000, 1200);
        writer.flush();
        byte[] bytes = Arrays.copyOf(sink.toByteArray(), sink.size() + 1);
        bytes[bytes.length - 1] = 0x42;
        EventLogReader reader = EventLogReader.of(bytes, "odd.weirlog");
        LoggedEvent event = new LoggedEvent();
        assertTrue(reader.next(event));
        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> reader.next(event));
        assertTrue(e.getMessage().contains("record 2 at byte " + (bytes.length - 1)) && e.getMessage().contains(
                "unknown record type 66"), e.getMessage());
    }

    @Test
    void anUnknownResultFieldIsRefused() throws IOException {
        byte[] bytes;
        try (var in = getClass().getResourceAsStream(
                "EventLogFuzzTestInputs/logBytesReadOrGiveAnEventLogFormatException/unknown-result-field.weirlog")) {
            bytes = in.readAllBytes();
        }
        EventLogReader reader = EventLogReader.of(bytes, "fields.weirlog");
        LoggedEvent event = new LoggedEvent();
        assertTrue(reader.next(event));
        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> reader.next(event));
        assertTrue(e.getMessage().contains("unknown result fields in mask 800000000"), e.getMessage());
    }

    @Test
    void writingAllocatesNothingPerEventOnceItsStringsAreKnown() throws IOException {
        EventLogWriter writer = new EventLogWriter(OutputStream.nullOutputStream(), RandomEventLog.HEADER);
        FeedbackReport report = new FeedbackReport();
        BweResult result = new BweResult().steering("wired_stable", "wired_stable/x", 0.5, 0.1, 0.2);
        Runnable calls = () -> {
            try {
                for (int i = 0; i < 10_000; i++) {
                    writer.packetSent(i, i * 1_000L, 1200);
                    report.clear();
                    for (int k = 0; k < 20; k++) {
                        report.add(i + k, i * 1_000L + k, i * 1_000L + 40_000 + k, 1200, k % 3 == 0 ? 4 : -1);
                    }
                    result.targetRateBps(300_000 + i).addProbeRequest(i, 900_000, 15_000, 5);
                    writer.feedback(report, i * 1_000L + 50_000, result);
                    result.clearProbeRequests();
                    writer.processInterval(i * 1_000L + 60_000, result);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        calls.run(); // strings defined, JIT warm
        long allocated = AllocationMeter.bytesAllocatedBy(calls);
        assertTrue(allocated < 2_048, allocated + " bytes allocated over 30 000 events");
    }

    private static void assertMessage(byte[] bytes, String expected) {
        EventLogFormatException e = assertThrows(EventLogFormatException.class,
                () -> EventLogReader.of(bytes, "bad.weirlog"));
        assertTrue(e.getMessage().startsWith("bad.weirlog: header") && e.getMessage().contains(expected),
                e.getMessage());
    }

    private static void assertSameReport(FeedbackReport expected, FeedbackReport actual) {
        assertEquals(expected.count(), actual.count());
        for (int i = 0; i < expected.count(); i++) {
            assertEquals(expected.sequenceNumber(i), actual.sequenceNumber(i), "sequence " + i);
            assertEquals(expected.sendTimeUs(i), actual.sendTimeUs(i), "send " + i);
            assertEquals(expected.arrivalTimeUs(i), actual.arrivalTimeUs(i), "arrival " + i);
            assertEquals(expected.sizeBytes(i), actual.sizeBytes(i), "size " + i);
            assertEquals(expected.probeClusterId(i), actual.probeClusterId(i), "probe " + i);
        }
    }
}
