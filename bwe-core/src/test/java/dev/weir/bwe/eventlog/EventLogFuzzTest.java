package dev.weir.bwe.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Arbitrary bytes as an event log: every record reads, or an {@link EventLogFormatException}
 * names the problem; nothing else escapes and nothing is allocated from a declared size. Seeds:
 * src/test/resources/dev/weir/bwe/eventlog/EventLogFuzzTestInputs/ (a small log of every event
 * type, the same cut mid-record, one with an unknown result field).
 */
class EventLogFuzzTest {
    @FuzzTest
    void logBytesReadOrGiveAnEventLogFormatException(byte[] input) throws IOException {
        try {
            EventLogReader reader = EventLogReader.of(input, "fuzz.weirlog");
            LoggedEvent event = new LoggedEvent();
            while (reader.next(event)) {
                event.result().targetRateBps();
            }
        } catch (EventLogFormatException expected) {
            // the documented failure
        }
    }
}
