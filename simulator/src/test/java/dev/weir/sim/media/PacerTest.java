package dev.weir.sim.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.FeedbackReport;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void shouldSpacePacketsAtThePacingRate() {
        Pacer pacer = new Pacer(1200, 2_000_000, 960_000); // 1200 B at 960 kbps: 10 ms apart
        for (int i = 0; i < 5; i++) {
            pacer.enqueue(PacketKind.VIDEO, 1200, 0, i, 0);
        }
        long nowUs = 0;
        for (int i = 0; i < 5; i++) {
            nowUs = pacer.nextSendTimeUs(nowUs);
            assertEquals(10_000L * i, nowUs);
            assertTrue(pacer.sendNext(nowUs));
            assertEquals(i, pacer.sentMediaId());
            assertEquals(FeedbackReport.NOT_A_PROBE, pacer.sentClusterId());
        }
        assertFalse(pacer.hasWork());
        assertEquals(Long.MAX_VALUE, pacer.nextSendTimeUs(nowUs));
    }

    @Test
    void shouldSendAudioThenRetransmissionsThenVideoThenFec() {
        Pacer pacer = new Pacer(1200, 2_000_000, 1_000_000);
        pacer.enqueue(PacketKind.FEC, 1200, 0, 0, 0);
        pacer.enqueue(PacketKind.VIDEO, 1200, 0, 1, 0);
        pacer.enqueue(PacketKind.RETRANSMISSION, 1200, 0, 2, 0);
        pacer.enqueue(PacketKind.AUDIO, 120, -1, -1, 0);
        PacketKind[] expected = {PacketKind.AUDIO, PacketKind.RETRANSMISSION, PacketKind.VIDEO, PacketKind.FEC};
        long nowUs = 0;
        for (PacketKind kind : expected) {
            nowUs = pacer.nextSendTimeUs(nowUs);
            pacer.sendNext(nowUs);
            assertEquals(kind, pacer.sentKind());
        }
    }

    @Test
    void shouldRunAProbeClusterWithPaddingAtTheProbeRate() {
        // Cluster 7 at 4.8 Mbps for 10 ms with at least 5 probes: 6000 bytes -> five 1200 B packets, 2 ms apart.
        Pacer pacer = new Pacer(1200, 2_000_000, 300_000);
        pacer.addProbeCluster(7, 4_800_000, 10_000, 5);
        assertTrue(pacer.probing());
        long nowUs = 0;
        for (int i = 0; i < 5; i++) {
            nowUs = pacer.nextSendTimeUs(nowUs);
            assertEquals(2_000L * i, nowUs);
            pacer.sendNext(nowUs);
            assertEquals(PacketKind.PROBE, pacer.sentKind());
            assertEquals(7, pacer.sentClusterId());
        }
        assertFalse(pacer.probing());
        assertFalse(pacer.hasWork());
    }

    @Test
    void shouldStampQueuedMediaSentDuringAProbe() {
        Pacer pacer = new Pacer(1200, 2_000_000, 300_000);
        pacer.enqueue(PacketKind.VIDEO, 1000, 3, 9, 0);
        pacer.addProbeCluster(2, 1_000_000, 1_000, 2);
        pacer.sendNext(0);
        assertEquals(PacketKind.VIDEO, pacer.sentKind());
        assertEquals(2, pacer.sentClusterId());
        pacer.sendNext(pacer.nextSendTimeUs(0));
        assertEquals(PacketKind.PROBE, pacer.sentKind());
        assertFalse(pacer.probing());
    }

    @Test
    void shouldSpeedUpToDrainTheQueueWithinTheTimeLimit() {
        // 300 packets of 1200 B = 2.88 Mbit at 100 kbps would take 28.8 s; the 2 s limit forces >= 1.44 Mbps.
        Pacer pacer = new Pacer(1200, 2_000_000, 100_000);
        for (int i = 0; i < 300; i++) {
            pacer.enqueue(PacketKind.VIDEO, 1200, 0, i, 0);
        }
        long nowUs = 0;
        while (pacer.hasWork()) {
            nowUs = pacer.nextSendTimeUs(nowUs);
            pacer.sendNext(nowUs);
        }
        assertTrue(nowUs <= 2_001_000, "drained at " + nowUs); // within 1 ms of rounding
    }

    @Test
    void shouldApplyARateRiseToThePendingGap() {
        Pacer pacer = new Pacer(1200, 2_000_000, 9_600); // 1 s per packet
        pacer.enqueue(PacketKind.VIDEO, 1200, 0, 0, 0);
        pacer.enqueue(PacketKind.VIDEO, 1200, 0, 1, 0);
        pacer.sendNext(0);
        assertEquals(1_000_000, pacer.nextSendTimeUs(0));
        pacer.setPacingRateBps(960_000);
        assertEquals(10_000, pacer.nextSendTimeUs(0));
    }

    @Test
    void padsUpToThePaddingRateWhenNoMediaIsQueued() {
        Pacer pacer = new Pacer(1200, 2_000_000, 5_000_000);
        pacer.setPaddingRateBps(960_000); // 1200-byte padding 10 ms apart
        long nowUs = 0;
        long bytes = 0;
        int packets = 0;
        while ((nowUs = pacer.nextSendTimeUs(nowUs)) < 1_000_000) {
            assertTrue(pacer.sendNext(nowUs));
            assertEquals(PacketKind.PROBE, pacer.sentKind());
            assertEquals(FeedbackReport.NOT_A_PROBE, pacer.sentClusterId());
            bytes += pacer.sentSizeBytes();
            packets++;
        }
        assertEquals(100, packets);
        assertEquals(960_000, bytes * 8);
        pacer.setPaddingRateBps(0);
        assertFalse(pacer.hasWork());
    }

    @Test
    void sendsMediaBeforePaddingAndPadsOnlyWhileTheQueueIsEmpty() {
        Pacer pacer = new Pacer(1200, 2_000_000, 9_600_000); // media 1 ms apart
        pacer.setPaddingRateBps(960_000);
        for (int i = 0; i < 3; i++) {
            pacer.enqueue(PacketKind.VIDEO, 1200, 0, i, 0);
        }
        long nowUs = 0;
        for (int i = 0; i < 3; i++) {
            nowUs = pacer.nextSendTimeUs(nowUs);
            assertTrue(pacer.sendNext(nowUs));
            assertEquals(PacketKind.VIDEO, pacer.sentKind());
        }
        assertEquals(2_000, nowUs);
        nowUs = pacer.nextSendTimeUs(nowUs);
        assertEquals(12_000, nowUs, "padding follows the last media packet at the padding rate");
        assertTrue(pacer.sendNext(nowUs));
        assertEquals(PacketKind.PROBE, pacer.sentKind());
    }
}
