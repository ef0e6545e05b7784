package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReturnPathTest {
    @Test
    void payloadsComeOutInOrderAndIntactThroughWrapsAndGrowth() {
        ReturnPath path = new ReturnPath();
        ArrayDeque<byte[]> expected = new ArrayDeque<>();
        SplittableRandom random = new SplittableRandom(11);
        byte[] out = new byte[2000];
        long nowUs = 0;
        for (int round = 0; round < 2_000; round++) {
            // Bursts of up to 12 messages in flight, payloads of 1..1500 bytes, NACKs in between.
            int burst = 1 + random.nextInt(12);
            for (int i = 0; i < burst; i++) {
                if (random.nextInt(3) == 0) {
                    path.push(nowUs + 10, ReturnPath.NACK, round, 0, 0);
                    expected.add(new byte[0]);
                } else {
                    byte[] payload = new byte[1 + random.nextInt(1500)];
                    random.nextBytes(payload);
                    path.pushPayload(nowUs + 10, ReturnPath.FEEDBACK, withMargins(payload), 3, payload.length);
                    expected.add(payload);
                }
            }
            nowUs += 10;
            int drain = random.nextInt(burst + 1) + (round % 50 == 0 ? 100 : 0);
            for (int i = 0; i < drain && path.hasArrived(nowUs); i++) {
                byte[] want = expected.poll();
                assertEquals(want.length, path.headPayloadLength());
                assertEquals(want.length, path.copyHeadPayload(out));
                assertArrayEquals(want, Arrays.copyOf(out, want.length));
                assertEquals(want.length == 0, path.headType() == ReturnPath.NACK);
                path.pop();
            }
        }
        while (path.hasArrived(Long.MAX_VALUE)) {
            byte[] want = expected.poll();
            assertEquals(want.length, path.copyHeadPayload(out));
            assertArrayEquals(want, Arrays.copyOf(out, want.length));
            path.pop();
        }
        assertTrue(expected.isEmpty());
        assertFalse(path.hasArrived(Long.MAX_VALUE));
    }

    /** {@code payload} with three bytes of other data before and after (the offset is honoured). */
    private static byte[] withMargins(byte[] payload) {
        byte[] buffer = new byte[payload.length + 6];
        Arrays.fill(buffer, (byte) 0x5A);
        System.arraycopy(payload, 0, buffer, 3, payload.length);
        return buffer;
    }
}
