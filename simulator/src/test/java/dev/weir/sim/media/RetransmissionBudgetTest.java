package dev.weir.sim.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetransmissionBudgetTest {

    @Test
    void shouldAllowOneWindowOfRetransmissionsAtTheTargetRateThenRefuse() {
        RetransmissionBudget budget = new RetransmissionBudget();
        budget.setTargetBps(96_000); // 1 s window = 12 000 bytes = 10 packets of 1200 B
        int sent = 0;
        while (budget.tryRetransmit(1_200, 0)) {
            sent++;
        }
        assertEquals(10, sent);
        assertFalse(budget.tryRetransmit(1_200, 50_000), "only 600 B refilled after 50 ms");
        assertTrue(budget.tryRetransmit(1_200, 100_000), "1200 B refilled after 100 ms");
    }

    @Test
    void shouldMeasureTheRetransmissionRateAndCapTheEncoderOverheadAtHalfTheTarget() {
        RetransmissionBudget budget = new RetransmissionBudget();
        budget.setTargetBps(1_000_000);
        budget.sample(0);
        for (long t = 100_000; t <= 5_000_000; t += 100_000) {
            budget.tryRetransmit(1_250, t); // 10 kB/s = 100 kbps of retransmissions
            budget.sample(t);
        }
        assertEquals(100_000, budget.overheadBps(), 2_000);
        budget.setTargetBps(100_000);
        assertEquals(50_000, budget.overheadBps());
    }
}
