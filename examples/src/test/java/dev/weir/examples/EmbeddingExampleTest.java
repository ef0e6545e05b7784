package dev.weir.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.eventlog.EventLogReader;
import dev.weir.bwe.eventlog.LoggedEvent;
import dev.weir.steer.Bundle;
import dev.weir.steer.BundleLoader;
import dev.weir.steer.WeirEstimator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's program runs in every build: GCC (FeedbackReport) and weir (TWCC bytes, the
 * committed bundle loaded on the calling thread so the run is deterministic) both settle below the
 * 1.5 Mbps bottleneck, and the event log the client wrote replays into the same estimator exactly.
 */
class EmbeddingExampleTest {
    private static final Path BUNDLE = Path.of("..", "configs", "bundle");

    @Test
    void bothEstimatorsSettleBelowTheBottleneckAndTheRecordedCallReplaysExactly(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("weir-call.weirlog");
        List<EmbeddingExample.Outcome> outcomes = EmbeddingExample.run(BUNDLE, log, Runnable::run);
        assertEquals(2, outcomes.size());
        for (EmbeddingExample.Outcome outcome : outcomes) {
            long meanBps = outcome.meanTargetLast10sBps();
            assertTrue(meanBps > 0.5 * EmbeddingExample.CAPACITY_BPS && meanBps < EmbeddingExample.CAPACITY_BPS,
                    outcome.toString());
            assertTrue(outcome.targetChanges() > 10, outcome.toString());
        }
        assertEquals("gcc", outcomes.get(0).estimator());
        Bundle bundle = BundleLoader.load(BUNDLE);
        assertTrue(outcomes.get(1).stats().contains("bundle " + bundle.id()), outcomes.get(1).stats());

        try (EventLogReader reader = EventLogReader.open(log)) {
            assertEquals("weir", reader.header().estimatorName());
            // The bundle was offered before the first call (loaded on the calling thread) and taken at
            // the first report: a weir estimator offered it the same way reproduces every result.
            WeirEstimator replayed = new WeirEstimator(30_000, 300_000, 5_000_000);
            replayed.offerBundle(bundle);
            LoggedEvent event = new LoggedEvent();
            BweResult out = new BweResult();
            long results = 0;
            while (reader.next(event)) {
                event.applyTo(replayed, out);
                if (event.type().hasResult()) {
                    results++;
                    assertTrue(out.sameAs(event.result()), "event " + reader.eventsRead() + ": " + out + " vs "
                            + event.result());
                }
            }
            assertTrue(reader.complete(), "close() completed the log");
            assertTrue(results > 1_000, results + " results");
        }
        assertTrue(Files.size(log) < 1_000_000, Files.size(log) + " bytes for 40 s");
    }
}
