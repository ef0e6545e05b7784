package dev.weir.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.sim.call.TestScenarios.ConstantCapacity;
import dev.weir.sim.call.TestScenarios.StepCapacity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapacityIntegratorTest {

    @Test
    void shouldSerialiseAcrossACapacityStepExactly() {
        // 1 Mbps until 10 ms, then 500 kbps. 12,000 bits from 5 ms: 5,000 bits by 10 ms, the other
        // 7,000 at 500 kbps take 14 ms -> done at 24 ms.
        StepCapacity schedule = new StepCapacity(1_000_000, 10_000, 500_000);
        assertEquals(24_000, CapacityIntegrator.finishTimeUs(schedule, 5_000, 12_000));
    }

    @Test
    void shouldWaitOutAnOutage() {
        // No capacity until 100 ms, then 1 Mbps: 1,000 bits from 50 ms leave at 101 ms.
        StepCapacity schedule = new StepCapacity(0, 100_000, 1_000_000);
        assertEquals(101_000, CapacityIntegrator.finishTimeUs(schedule, 50_000, 1_000));
    }

    @Test
    void shouldNeverFinishWhenCapacityStaysZero() {
        assertEquals(Long.MAX_VALUE, CapacityIntegrator.finishTimeUs(new ConstantCapacity(0), 0, 8));
    }

    @ParameterizedTest
    @CsvSource({"1000000, 9600, 9600", "2500000, 9600, 3840", "3000000, 8, 3", "1000000, 0, 0"})
    void shouldRoundSerialisationUpToWholeMicroseconds(long capacityBps, long bits, long expectedUs) {
        assertEquals(expectedUs, CapacityIntegrator.finishTimeUs(new ConstantCapacity(capacityBps), 0, bits));
    }

    @Test
    void shouldIntegrateCapacityBitsOverAStep() {
        StepCapacity schedule = new StepCapacity(1_000_000, 1_000_000, 2_000_000);
        // 0.5 s at 1 Mbps + 1.5 s at 2 Mbps.
        assertEquals(3_500_000, CapacityIntegrator.bitsBetween(schedule, 500_000, 2_500_000), 1e-6);
        assertEquals(0, CapacityIntegrator.bitsBetween(schedule, 10, 10), 0);
    }
}
