package dev.weir.models.dataset;

import static dev.weir.sim.media.PacketKind.AUDIO;
import static dev.weir.sim.media.PacketKind.FEC;
import static dev.weir.sim.media.PacketKind.PROBE;
import static dev.weir.sim.media.PacketKind.RETRANSMISSION;
import static dev.weir.sim.media.PacketKind.VIDEO;
import static dev.weir.sim.net.DropCause.BURST;
import static dev.weir.sim.net.DropCause.NONE;
import static dev.weir.sim.net.DropCause.QUEUE_OVERFLOW;
import static dev.weir.sim.net.DropCause.RANDOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.models.data.CallSteps;
import dev.weir.sim.call.HandBuiltPacketLog;
import org.junit.jupiter.api.Test;

/**
 * The FEC heads' ground truth on hand-built packet logs of the 25 s {@code bernoulli-ample}
 * fixture call (default settings: 2 s FEC horizon), one decision step per case.
 */
class StepLabellerFecTest {
    /** Labels {@code packets} with decision steps ending at {@code decisionsMs} and one non-decision step before. */
    private static CallSteps label(HandBuiltPacketLog packets, double... decisionsMs) {
        TapLog tap = new TapLog(TimeSeriesFeature.values().length, 1);
        tap.addStep(200_000, false);
        for (double ms : decisionsMs) {
            tap.addStep(Math.round(ms * 1_000), true);
        }
        return StepLabeller.label(packets.log(), tap, Fixtures.scenario("bernoulli-ample"), new DatasetSettings());
    }

    @Test
    void shouldShareOnlyNonCongestiveMediaDropsSentInTheHorizonOverTheMediaPacketsSent() {
        HandBuiltPacketLog packets = new HandBuiltPacketLog()
                .add(VIDEO, 900, RANDOM) // before the step's end
                .add(VIDEO, 1_000, BURST) // at t: the horizon is (t, t + 2 s]
                .add(VIDEO, 1_100, NONE)
                .add(VIDEO, 1_200, RANDOM)
                .add(PROBE, 1_300, RANDOM) // padding: neither sent media nor a drop
                .add(AUDIO, 1_400, QUEUE_OVERFLOW) // congestion: sent, not a non-congestive drop
                .add(FEC, 1_500, BURST)
                .add(RETRANSMISSION, 1_600, NONE)
                .add(VIDEO, 3_000, NONE) // the horizon's last instant
                .add(VIDEO, 3_100, RANDOM); // after it
        CallSteps call = label(packets, 1_000);
        assertEquals(2f / 6, call.randomLossShare[1], 1e-7f);
        assertEquals(1f, call.meanBurstPackets[1], "two runs of one: the overflow and padding between them");
        assertEquals(FecHeads.ISOLATED, FecHeads.burstClass(call.meanBurstPackets[1]));
        assertTrue(Float.isNaN(call.randomLossShare[0]) && Float.isNaN(call.meanBurstPackets[0]), "not a decision");
    }

    @Test
    void shouldCountOnlyThePartOfARunInsideTheHorizonAndLetOnlyDeliveriesAndOverflowsEndARun() {
        HandBuiltPacketLog packets = new HandBuiltPacketLog()
                .add(VIDEO, 9_800, RANDOM).add(VIDEO, 9_900, BURST) // a run that began before t = 10 s
                .add(VIDEO, 10_100, BURST).add(PROBE, 10_200, NONE).add(VIDEO, 10_300, RANDOM) // its part inside: 2
                .add(VIDEO, 10_400, NONE)
                .add(VIDEO, 11_000, RANDOM).add(AUDIO, 11_100, QUEUE_OVERFLOW).add(VIDEO, 11_200, RANDOM) // 1 and 1
                .add(VIDEO, 11_500, NONE)
                .add(VIDEO, 11_900, BURST).add(VIDEO, 12_000, BURST) // a run cut at t + 2 s: 2 inside
                .add(VIDEO, 12_100, BURST);
        CallSteps call = label(packets, 10_000);
        assertEquals(6f / 9, call.randomLossShare[1], 1e-7f);
        assertEquals(1.5f, call.meanBurstPackets[1], "runs of 2, 1, 1 and 2 inside; whole runs would give 2.25");
        assertEquals(FecHeads.BURSTY, FecHeads.burstClass(call.meanBurstPackets[1]));
    }

    @Test
    void shouldLeaveNoLabelPastTheCallsEndOrWithoutMediaAndNoBurstLabelBelowTwoDrops() {
        HandBuiltPacketLog packets = new HandBuiltPacketLog()
                .add(PROBE, 2_500, RANDOM).add(PROBE, 2_600, NONE) // only padding after t = 2 s
                .add(VIDEO, 5_500, RANDOM).add(VIDEO, 5_600, NONE).add(VIDEO, 5_700, NONE).add(VIDEO, 5_800, NONE)
                .add(VIDEO, 23_500, RANDOM).add(VIDEO, 24_000, BURST);
        CallSteps call = label(packets, 2_000, 5_000, 23_000, 23_200);
        assertTrue(Float.isNaN(call.randomLossShare[1]) && Float.isNaN(call.meanBurstPackets[1]), "no media sent");
        assertEquals(0.25f, call.randomLossShare[2]);
        assertTrue(Float.isNaN(call.meanBurstPackets[2]), "one drop: no burst label");
        assertEquals(1f, call.randomLossShare[3], "23 s + 2 s reaches the 25 s end exactly");
        assertEquals(2f, call.meanBurstPackets[3], "two drops back to back: one run of 2");
        assertTrue(Float.isNaN(call.randomLossShare[4]) && Float.isNaN(call.meanBurstPackets[4]),
                "23.2 s + 2 s passes the end");
    }

    @Test
    void shouldStoreAShareOnAClassEdgeSoItsFloatHasTheEdgesClass() {
        HandBuiltPacketLog packets = new HandBuiltPacketLog().add(VIDEO, 1_010, RANDOM);
        for (int i = 1; i < 50; i++) {
            packets.add(VIDEO, 1_010 + 10 * i, NONE);
        }
        CallSteps call = label(packets, 1_000);
        assertEquals(0.02, call.randomLossShare[1], 1e-8, "1 drop in 50 packets");
        assertEquals(2, FecHeads.rateClass(call.randomLossShare[1]), "2 % opens 2_to_5pct, as the exact ratio does");
        assertTrue(FecHeads.rateClass(0.02f) == 1, "the nearest float alone would fall below the edge");
    }

    @Test
    void shouldRefuseALogOutOfSendOrder() {
        HandBuiltPacketLog packets = new HandBuiltPacketLog().add(VIDEO, 1_500, NONE).add(AUDIO, 1_400, NONE);
        assertThrows(IllegalArgumentException.class, () -> label(packets, 1_000));
    }
}
