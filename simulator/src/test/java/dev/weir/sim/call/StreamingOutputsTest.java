package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.TestScenarios.ConstantCapacity;
import dev.weir.sim.call.TestScenarios.StepCapacity;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.media.PacketKind;
import dev.weir.sim.net.DropCause;
import dev.weir.sim.scenario.Scenario;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A call that streams its time series and keeps no packets writes the bytes a call that keeps
 * everything writes, for the estimators whose outputs move with GCC (so no record could pin them):
 * the streamed CSV equals the kept series' CSV, the metrics of both runs are equal, and the
 * metrics equal those computed the old way, after the call, from every packet and row.
 * {@link RecordedCallOutputsTest} pins the bytes of the streaming-independent estimators against
 * the simulator that kept every packet.
 */
class StreamingOutputsTest {
    private static final EstimatorRegistry REGISTRY = EstimatorRegistry.withBuiltIns();

    /** A busy call: a capacity drop, jitter, loss, return loss, cross traffic and audio. */
    private static Scenario busy(long durationUs) {
        Scenario.Link link = new Scenario.Link(new StepCapacity(3_000_000, durationUs / 3, 900_000), 30_000, 4_000,
                300_000, 0, new TestScenarios.BernoulliLoss(0.02));
        return new Scenario("busy", "test", durationUs, link, 30_000, 0.03, 100_000,
                new Scenario.Media(600_000, 30_000, 5_000_000, true, 30, 20.0),
                new Scenario.CrossTraffic("onoff", 600_000, 5_000_000, 5_000_000));
    }

    /** An outage: the link carries nothing for 8 s, so the video freezes and the call drops. */
    private static Scenario outage() {
        Scenario.Link link = new Scenario.Link(new StepCapacity(2_000_000, 20_000_000, 0), 40_000, 0, 300_000, 0,
                new TestScenarios.BernoulliLoss(0.0));
        return new Scenario("outage", "test", 28_000_000, link, 40_000, 0.0, 100_000, TestScenarios.media(800_000),
                Scenario.CrossTraffic.NONE);
    }

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("gcc", busy(60_000_000), 1L),
                Arguments.of("gcc", outage(), 2L),
                Arguments.of("gcc-classic", busy(60_000_000), 3L),
                Arguments.of("weir", busy(45_000_000), 4L),
                Arguments.of("gcc", TestScenarios.constant(2_500_000, 40_000_000), 5L));
    }

    private static CallResult run(String estimator, Scenario scenario, long seed, CallOutputs outputs) {
        return CallSimulator.run(scenario, estimator, REGISTRY.create(estimator, new EstimatorContext(scenario)), seed,
                outputs);
    }

    @ParameterizedTest(name = "{0} on {1}, seed {2}")
    @MethodSource("calls")
    void shouldStreamTheBytesOfACallThatKeepsEverything(String estimator, Scenario scenario, long seed) {
        PacketLog packets = new PacketLog();
        CallResult kept = run(estimator, scenario, seed, new CallOutputs().packets(packets));
        StringWriter csv = new StringWriter();
        CallResult streamed = run(estimator, scenario, seed, new CallOutputs().keepSeries(false).seriesCsv(csv));

        assertEquals(kept.series().toCsv(), csv.toString());
        assertEquals(kept.metrics().toJson(), streamed.metrics().toJson());
        assertFalse(streamed.hasSeries());
        assertThrows(IllegalStateException.class, streamed::series);
        assertRetainedMetrics(packets, kept.series(), scenario.durationUs(), kept.metrics());
    }

    /**
     * The packet and row metrics as they were computed before the simulator streamed: after the
     * call, from the whole packet log (every delay sorted) and the whole series.
     */
    private static void assertRetainedMetrics(PacketLog log, TimeSeries series, long durationUs, CallMetrics metrics) {
        SimulatorSettings settings = new SimulatorSettings();
        double durationS = Math.max(1, durationUs) / 1e6;
        long sentBytes = 0;
        long receivedBytes = 0;
        long dropped = 0;
        long[] delaysUs = new long[log.size()];
        int delayCount = 0;
        for (int seq = 0; seq < log.size(); seq++) {
            sentBytes += log.sizeBytes(seq);
            dropped += log.dropCause(seq) != DropCause.NONE ? 1 : 0;
            long arrivalUs = log.arrivalTimeUs(seq);
            if (arrivalUs >= 0 && arrivalUs <= durationUs) {
                receivedBytes += log.sizeBytes(seq);
                if (log.kind(seq) != PacketKind.PROBE) {
                    delaysUs[delayCount++] = arrivalUs - log.sendTimeUs(seq);
                }
            }
        }
        Arrays.sort(delaysUs, 0, delayCount);
        assertEquals(sentBytes * 8.0 / durationS, metrics.value("avg_sent_bitrate_bps"));
        assertEquals(receivedBytes * 8.0 / durationS, metrics.value("avg_recv_bitrate_bps"));
        assertEquals(log.size() == 0 ? 0 : 100.0 * dropped / log.size(), metrics.value("loss_pct"));
        for (double quantile : new double[] {0.50, 0.95}) {
            int rank = (int) Math.ceil(quantile * delayCount);
            double expectedMs = delayCount == 0 ? durationUs / 1e3
                    : delaysUs[Math.max(0, Math.min(delayCount - 1, rank - 1))] / 1e3;
            assertEquals(expectedMs, metrics.value(quantile == 0.50 ? "delay_p50_ms" : "delay_p95_ms"));
        }
        double[] freeze = series.column("freeze");
        double[] delay = series.column("one_way_delay_ms");
        double bad = 0;
        for (int row = 0; row < series.size(); row++) {
            bad += delay[row] > settings.badDelayUs / 1e3 ? 1 : freeze[row];
        }
        assertEquals(100 * bad / series.size(), metrics.value("bad_experience_pct"));

        int window = (int) Math.max(1, settings.rampWindowUs / settings.sampleIntervalUs);
        double[] recv = series.column("recv_bps");
        double[] capacity = series.column("capacity_bps");
        double rampS = durationUs / 1e6;
        double recvSum = 0;
        double capacitySum = 0;
        for (int row = 0; row < series.size(); row++) {
            recvSum += recv[row];
            capacitySum += capacity[row];
            if (row >= window) {
                recvSum -= recv[row - window];
                capacitySum -= capacity[row - window];
            }
            if (row >= window - 1 && capacitySum > 0 && recvSum >= 0.8 * capacitySum) {
                rampS = series.column("time_s")[row];
                break;
            }
        }
        assertEquals(rampS, metrics.value("time_to_80pct_capacity_s"));
    }

    @Test
    void shouldHoldTheSameFewPacketsFramesAndRowsWhateverTheCallLength() {
        Call.Footprint twoMinutes = footprint(busy(120_000_000));
        Call.Footprint twentyMinutes = footprint(busy(1_200_000_000));
        // A 2.5 Mbps call sends ~260 packets a second: keeping them all would be ~300 000 packets.
        assertTrue(twentyMinutes.packets() < 2_000, twentyMinutes.toString());
        assertTrue(twentyMinutes.mediaPackets() < 4_000, twentyMinutes.toString());
        assertTrue(twentyMinutes.rows() < 100, twentyMinutes.toString());
        assertTrue(twentyMinutes.packets() <= 2 * twoMinutes.packets(), twoMinutes + " vs " + twentyMinutes);
        assertTrue(twentyMinutes.mediaPackets() <= 2 * twoMinutes.mediaPackets(), twoMinutes + " vs " + twentyMinutes);
    }

    private static Call.Footprint footprint(Scenario scenario) {
        Call call = new Call(scenario, "gcc", REGISTRY.create("gcc", new EstimatorContext(scenario)), 7,
                new SimulatorSettings(), new CallOutputs().keepSeries(false));
        call.run();
        return call.footprint();
    }

    @Test
    void shouldHandEveryPacketToEveryTapInSendOrder() {
        Scenario scenario = TestScenarios.constant(1_000_000, 5_000_000);
        PacketLog first = new PacketLog();
        int[] count = new int[1];
        long[] lastSendUs = {-1};
        PacketTap second = packet -> {
            assertEquals(count[0]++, packet.sequence());
            assertTrue(packet.sendTimeUs() >= lastSendUs[0]);
            lastSendUs[0] = packet.sendTimeUs();
        };
        run("gcc", scenario, 1, new CallOutputs().packets(first).packets(second));
        assertTrue(first.size() > 300);
        assertEquals(first.size(), count[0]);
        assertEquals(first.sendTimeUs(first.size() - 1), lastSendUs[0]);
    }

    @Test
    void shouldEndTheCallWithAnUncheckedIoExceptionWhenTheSeriesCannotBeWritten() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Scenario scenario = new Scenario("constant", "test", 10_000_000, TestScenarios.link(
                new ConstantCapacity(1_000_000), 40_000, 300_000, 0), 40_000, 0, 100_000,
                TestScenarios.media(300_000), Scenario.CrossTraffic.NONE);
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> run("gcc", scenario, 1, new CallOutputs().keepSeries(false).seriesCsv(broken)));
        assertEquals("disk full", error.getCause().getMessage());
    }
}
