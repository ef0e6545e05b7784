package dev.weir.sim.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FecPlannerTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.1, 0.2, 0.4})
    void shouldSpendTheRequestedShareOnFec(double fecRatio) {
        FecPlanner planner = new FecPlanner(0.5);
        long media = 0;
        long fec = 0;
        for (int frame = 0; frame < 3000; frame++) {
            int packets = 1 + frame % 4;
            media += packets;
            fec += planner.fecPacketsForFrame(packets, fecRatio);
        }
        assertEquals(fecRatio, (double) fec / (media + fec), 0.01);
    }

    @Test
    void shouldSendNoFecForAZeroOrInvalidRatio() {
        FecPlanner planner = new FecPlanner(0.5);
        assertEquals(0, planner.fecPacketsForFrame(10, 0));
        assertEquals(0, planner.fecPacketsForFrame(10, Double.NaN));
        assertEquals(0, planner.fecPacketsForFrame(10, -1));
    }

    @Test
    void shouldNeverExceedOneFecPacketPerMediaPacket() {
        FecPlanner planner = new FecPlanner(0.9);
        assertEquals(3, planner.fecPacketsForFrame(3, 0.9));
    }
}
