package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyBackoffTest {
    private static final long MS = 1_000;

    private static EarlyBackoff enabled() {
        EarlyBackoffSettings settings = new EarlyBackoffSettings();
        settings.enabled = true;
        return new EarlyBackoff(settings);
    }

    @Test
    void capsAtEightyFivePercentOfTheAckedRateWhilePredictedAndReleasesAtOnce() {
        EarlyBackoff backoff = enabled();
        backoff.update(0.5, 1_000_000, 0);
        assertEquals(2_000_000, backoff.cap(2_000_000), "below the enter level: no cap");
        backoff.update(0.8, 1_000_000, 200 * MS);
        assertTrue(backoff.active());
        assertEquals(850_000, backoff.cap(2_000_000));
        assertEquals(600_000, backoff.cap(600_000), "a lower target stays");
        backoff.update(0.5, 1_000_000, 400 * MS);
        assertTrue(backoff.active(), "hysteresis: 0.5 is above the exit level 0.4");
        backoff.update(0.3, 1_000_000, 600 * MS);
        assertFalse(backoff.active());
        assertEquals(2_000_000, backoff.cap(2_000_000), "released: the rate is back at once");
    }

    @Test
    void endsAStuckEpisodeAtTheMaximumHoldAndWaitsTheMinimumIntervalForTheNext() {
        EarlyBackoff backoff = enabled();
        backoff.update(0.9, 1_000_000, 0);
        backoff.update(0.9, 1_000_000, 1_900 * MS);
        assertTrue(backoff.active());
        backoff.update(0.9, 1_000_000, 2_000 * MS);
        assertFalse(backoff.active(), "2 s at most");
        backoff.update(0.9, 1_000_000, 3_800 * MS);
        assertFalse(backoff.active(), "the next episode waits 4 s from the start of the last");
        backoff.update(0.9, 1_000_000, 4_000 * MS);
        assertTrue(backoff.active());
    }

    @Test
    void doesNothingWhenDisabledOrCancelled() {
        EarlyBackoff off = new EarlyBackoff(new EarlyBackoffSettings());
        off.update(1.0, 1_000_000, 0);
        assertFalse(off.active());
        EarlyBackoff on = enabled();
        on.update(1.0, 1_000_000, 0);
        on.cancel();
        assertFalse(on.active());
        on.update(1.0, 1_000_000, 100 * MS);
        assertFalse(on.active(), "within the minimum interval of the cancelled episode");
        on.update(1.0, 0, 10_000 * MS);
        assertFalse(on.active(), "no acked rate, nothing to cap at");
    }
}
