package dev.weir.gcc.pushback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Data in flight as libwebrtc's TransportFeedbackAdapter / InFlightBytesTracker count it. */
class InFlightBytesTrackerTest {

    @Test
    void shouldCountSentPacketsUntilFeedbackCoversThem() {
        InFlightBytesTracker tracker = new InFlightBytesTracker(1024);
        for (long seq = 0; seq < 10; seq++) {
            tracker.onPacketSent(seq, 1_000);
        }
        assertEquals(10_000, tracker.outstandingBytes());
        tracker.onFeedback(3); // packets 0..3, received or lost
        assertEquals(6_000, tracker.outstandingBytes());
        tracker.onFeedback(9);
        assertEquals(0, tracker.outstandingBytes());
    }

    @Test
    void shouldAcknowledgePacketsSkippedByALostReport() {
        InFlightBytesTracker tracker = new InFlightBytesTracker(1024);
        for (long seq = 100; seq < 200; seq++) {
            tracker.onPacketSent(seq, 500);
        }
        tracker.onFeedback(120);
        // The report for 121..160 was lost; the next one covers 161..180 and releases 121..180 too.
        tracker.onFeedback(180);
        assertEquals(19 * 500, tracker.outstandingBytes());
    }

    @Test
    void shouldIgnoreOldAndRepeatedReportsAndResentNumbers() {
        InFlightBytesTracker tracker = new InFlightBytesTracker(1024);
        for (long seq = 0; seq < 4; seq++) {
            tracker.onPacketSent(seq, 100);
        }
        tracker.onPacketSent(3, 100); // same transport sequence number again: counted once
        assertEquals(400, tracker.outstandingBytes());
        tracker.onFeedback(2);
        tracker.onFeedback(2);
        tracker.onFeedback(1);
        assertEquals(100, tracker.outstandingBytes());
        tracker.onPacketSent(1, 100); // already acknowledged
        tracker.onPacketSent(5, -7); // nonsense size
        assertEquals(100, tracker.outstandingBytes());
    }

    @Test
    void shouldForgetThePacketWhoseSlotANewPacketNeeds() {
        InFlightBytesTracker tracker = new InFlightBytesTracker(16);
        for (long seq = 0; seq < 40; seq++) {
            tracker.onPacketSent(seq, 10);
        }
        assertEquals(16 * 10, tracker.outstandingBytes(), "only the newest 16 are remembered");
        tracker.onFeedback(1_000); // a jump larger than the ring
        assertEquals(0, tracker.outstandingBytes());
        tracker.onPacketSent(1_001, 10);
        assertEquals(10, tracker.outstandingBytes());
    }

    @Test
    void shouldWorkAcrossNegativeUnwrappedNumbers() {
        InFlightBytesTracker tracker = new InFlightBytesTracker(64);
        for (long seq = -5; seq < 5; seq++) {
            tracker.onPacketSent(seq, 10);
        }
        tracker.onFeedback(-1);
        assertEquals(50, tracker.outstandingBytes());
        tracker.onFeedback(4);
        assertEquals(0, tracker.outstandingBytes());
    }
}
