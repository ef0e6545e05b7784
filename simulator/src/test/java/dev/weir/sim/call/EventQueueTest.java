package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventQueueTest {

    @Test
    void shouldBreakTimeTiesByInsertionOrder() {
        EventQueue queue = new EventQueue(4);
        queue.push(10, 1, 100);
        queue.push(5, 2, 200);
        queue.push(10, 3, 300);
        queue.push(10, 4, 400);
        assertEquals(5, queue.pop());
        assertEquals(200, queue.poppedPayload());
        for (int expected : new int[] {100, 300, 400}) {
            assertEquals(10, queue.pop());
            assertEquals(expected, queue.poppedPayload());
        }
        assertTrue(queue.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void shouldPopInTheSameOrderAsAStableSort(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        EventQueue queue = new EventQueue(4);
        List<long[]> reference = new ArrayList<>();
        List<long[]> popped = new ArrayList<>();
        int order = 0;
        for (int step = 0; step < 5_000; step++) {
            if (random.nextInt(3) > 0 || queue.isEmpty()) {
                long timeUs = random.nextInt(200);
                queue.push(timeUs, 0, order);
                reference.add(new long[] {timeUs, order});
                order++;
            } else {
                long timeUs = queue.pop();
                popped.add(new long[] {timeUs, queue.poppedPayload()});
                long[] expected = reference.stream()
                        .min(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])).orElseThrow();
                reference.remove(expected);
                assertEquals(expected[0], timeUs, "seed " + seed);
                assertEquals(expected[1], queue.poppedPayload(), "seed " + seed);
            }
        }
        assertEquals(reference.size(), queue.size());
    }
}
