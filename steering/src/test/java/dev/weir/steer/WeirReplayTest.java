package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.eventlog.EventLogHeader;
import dev.weir.bwe.eventlog.EventLogReader;
import dev.weir.bwe.eventlog.EventLogWriter;
import dev.weir.bwe.eventlog.EventLoggingEstimator;
import dev.weir.bwe.eventlog.LoggedEvent;
import dev.weir.gcc.GccSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A weir call with model decisions and a route change, replayed with the same bundle: every result again. */
class WeirReplayTest {
    private static final GccSettings SETTINGS = GccSettings.defaults().withBitrates(30_000, 300_000, 5_000_000);
    private static final Bundle BUNDLE = TestBundles.bundle("replay", TestBundles.defaultModel());

    @Test
    void replayingWeirWithItsBundleReproducesEveryResultIncludingSteering() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        EventLoggingEstimator recorder = new EventLoggingEstimator(new WeirEstimator(SETTINGS, BUNDLE),
                new EventLogWriter(sink, new EventLogHeader("weir", BUNDLE.id(), "", "", 0, 30_000, 300_000,
                        5_000_000)));
        LinkDriver driver = new LinkDriver(recorder, 2_000_000, 0.03, 23);
        driver.run(14);
        recorder.onNetworkRouteChange(30_000, 0, 5_000_000, driver.nowUs(), driver.out);
        driver.capacityBps(800_000);
        driver.run(12);
        recorder.close();

        EventLogReader reader = EventLogReader.of(sink.toByteArray(), "weir.weirlog");
        WeirEstimator replayed = new WeirEstimator(SETTINGS, BUNDLE);
        LoggedEvent event = new LoggedEvent();
        BweResult out = new BweResult();
        boolean steered = false;
        while (reader.next(event)) {
            event.applyTo(replayed, out);
            if (event.type().hasResult()) {
                assertTrue(out.sameAs(event.result()), "event " + reader.eventsRead() + ": recorded "
                        + event.result() + ", replayed " + out);
                steered |= out.congestionProbability() > 0;
            }
        }
        assertTrue(steered, "the model decided during the call");
        assertTrue(reader.complete());
    }
}
