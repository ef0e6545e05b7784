package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.ForwardingEstimator;
import dev.weir.sim.call.TestScenarios.ConstantCapacity;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.FeedbackFormat;
import dev.weir.sim.scenario.Scenario;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every simulated call's transport feedback travels as RTCP bytes: built by the rtcp module's
 * generator at the receiver, lost or delayed on the return path, parsed and joined with the send
 * history at the sender. These calls check that GCC converges through both formats, that feedback
 * loss neither re-reports nor invents packets, that splitting at the size limit loses nothing, and
 * that the estimator sees only what came through the parser.
 */
class FeedbackBytesCallTest {
    private static final EstimatorRegistry REGISTRY = EstimatorRegistry.withBuiltIns();
    private static final long CAPACITY_BPS = 1_500_000;
    private static final long DURATION_US = 60_000_000;

    /** 1.5 Mbps, 40 ms one way with 2 ms jitter, 300 ms queue, 1 % random loss. */
    private static Scenario link(FeedbackFormat format, double returnLoss) {
        Scenario.Link link = new Scenario.Link(new ConstantCapacity(CAPACITY_BPS), 40_000, 2_000, 300_000, 0,
                new TestScenarios.BernoulliLoss(0.01));
        return new Scenario("bytes", "test", DURATION_US, link, 40_000, returnLoss, 100_000,
                TestScenarios.media(300_000), Scenario.CrossTraffic.NONE).withFeedbackFormat(format);
    }

    private static Run run(Scenario scenario, BandwidthEstimator inner, SimulatorSettings settings) {
        Recording recording = new Recording(inner, scenario.feedbackFormat());
        Call call = new Call(scenario, "gcc", recording, 3, settings, new CallOutputs());
        CallResult result = call.run();
        return new Run(result, call.feedbackStats(), recording);
    }

    private static Run gcc(Scenario scenario) {
        return run(scenario, REGISTRY.create("gcc", new EstimatorContext(scenario)), new SimulatorSettings());
    }

    private record Run(CallResult result, Call.FeedbackStats stats, Recording recording) {
        /** Mean target over the last 20 s. */
        double lateTargetBps() {
            double[] timeS = result.series().column("time_s");
            double[] targetBps = result.series().column("target_bps");
            double sum = 0;
            int rows = 0;
            for (int row = 0; row < timeS.length; row++) {
                if (timeS[row] >= (DURATION_US / 1e6) - 20) {
                    sum += targetBps[row];
                    rows++;
                }
            }
            return sum / rows;
        }
    }

    @ParameterizedTest
    @EnumSource(FeedbackFormat.class)
    void gccConvergesToTheBottleneckThroughFeedbackBytes(FeedbackFormat format) {
        Run run = gcc(link(format, 0.0));
        double share = run.lateTargetBps() / CAPACITY_BPS;
        assertTrue(share > 0.7 && share < 1.1, format + ": late target " + share + " x capacity");
        // 60 s of 100 ms feedback, every packet through the parser, none lost.
        assertTrue(run.stats().packetsParsed() >= 590, run.stats().toString());
        assertInFlightAtMostOne(run.stats());
        assertEquals(0, run.stats().unknownStatuses(), run.stats().toString());
    }

    /** Every packet built was lost or parsed, except the last one, still in flight when the call ended. */
    private static void assertInFlightAtMostOne(Call.FeedbackStats stats) {
        long inFlight = stats.packetsBuilt() - stats.packetsLost() - stats.packetsParsed();
        assertTrue(inFlight == 0 || inFlight == 1, stats.toString());
    }

    @ParameterizedTest
    @EnumSource(FeedbackFormat.class)
    void theEstimatorSeesOnlyWhatTheParserReported(FeedbackFormat format) {
        Run run = gcc(link(format, 0.0));
        Recording recording = run.recording();
        // One report per parsed packet at most (a packet with only duplicates is not handed on).
        assertTrue(recording.reports > 0 && recording.reports <= run.stats().packetsParsed(),
                recording.reports + " reports, " + run.stats());
        // The simulator's exact, jittered microsecond arrivals would not sit on the format's grid.
        assertTrue(recording.onGrid > 1_000, recording.onGrid + " arrivals checked");
        assertEquals(0, recording.offGrid, "arrivals off the " + format + " grid");
        if (format == FeedbackFormat.TWCC) {
            // TWCC times are a 64 ms reference plus deltas the adapter truncates to whole
            // milliseconds (libwebrtc), one grid for the whole call.
            long anchor = recording.firstArrivalUs;
            for (long arrivalUs : recording.arrivals.values()) {
                assertEquals(0, Math.floorMod(arrivalUs - anchor, 1_000), "arrival " + arrivalUs + " off the TWCC grid");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FeedbackFormat.class)
    void theSameSeedGivesTheSameBytesAndTheFormatsDiffer(FeedbackFormat format) {
        Scenario scenario = link(format, 0.1);
        StringWriter first = new StringWriter();
        StringWriter second = new StringWriter();
        StringWriter other = new StringWriter();
        FeedbackFormat otherFormat = format == FeedbackFormat.TWCC ? FeedbackFormat.RFC8888 : FeedbackFormat.TWCC;
        Scenario otherScenario = scenario.withFeedbackFormat(otherFormat);
        CallSimulator.run(scenario, "gcc", REGISTRY.create("gcc", new EstimatorContext(scenario)), 5,
                new CallOutputs().keepSeries(false).seriesCsv(first));
        CallSimulator.run(scenario, "gcc", REGISTRY.create("gcc", new EstimatorContext(scenario)), 5,
                new CallOutputs().keepSeries(false).seriesCsv(second));
        CallSimulator.run(otherScenario, "gcc", REGISTRY.create("gcc", new EstimatorContext(otherScenario)), 5,
                new CallOutputs().keepSeries(false).seriesCsv(other));
        assertEquals(first.toString(), second.toString());
        assertNotEquals(first.toString(), other.toString(), "the feedback format changed nothing");
    }

    @ParameterizedTest
    @EnumSource(FeedbackFormat.class)
    void lostFeedbackIsNeitherRepeatedNorInvented(FeedbackFormat format) {
        Run run = gcc(link(format, 0.2));
        Call.FeedbackStats stats = run.stats();
        Recording recording = run.recording();
        assertTrue(stats.packetsLost() > 60, stats.toString());
        assertInFlightAtMostOne(stats);
        assertEquals(0, recording.receivedTwice, "packets reported received twice");
        // Packets of a lost feedback packet are never reported: whole reports' worth of sequence
        // numbers stay unknown to the estimator while later ones are reported.
        long sent = recording.sent;
        long reported = recording.arrivals.size() + recording.lostOnly();
        assertTrue(reported < sent * 0.9, reported + " of " + sent + " sent packets reported");
        double share = run.lateTargetBps() / CAPACITY_BPS;
        assertTrue(share > 0.5 && share < 1.1, format + ": late target " + share + " x capacity");
    }

    @ParameterizedTest
    @EnumSource(FeedbackFormat.class)
    void feedbackSplitAtASmallSizeLimitReportsTheSameArrivals(FeedbackFormat format) {
        Scenario scenario = link(format, 0.0);
        SimulatorSettings small = new SimulatorSettings();
        small.feedbackMaxPacketBytes = 32;
        // A fixed rate: the sender's packets do not depend on how the feedback was cut.
        Run whole = run(scenario, TestEstimators.Scripted.fixed(1_200_000, 0), new SimulatorSettings());
        Run split = run(scenario, TestEstimators.Scripted.fixed(1_200_000, 0), small);
        assertTrue(split.stats().packetsBuilt() > 3 * whole.stats().packetsBuilt() / 2,
                whole.stats() + " vs " + split.stats());
        assertTrue(split.stats().bytesParsed() <= 32 * split.stats().packetsParsed(), split.stats().toString());
        assertEquals(whole.recording().arrivals.size(), split.recording().arrivals.size());
        // The same packets, the same arrival differences (each side has its own clock anchor).
        long wholeOffset = whole.recording().firstArrivalUs - split.recording().firstArrivalUs;
        for (Map.Entry<Long, Long> entry : whole.recording().arrivals.entrySet()) {
            Long splitArrival = split.recording().arrivals.get(entry.getKey());
            assertTrue(splitArrival != null, "packet " + entry.getKey() + " missing from split feedback");
            assertTrue(Math.abs(entry.getValue() - wholeOffset - splitArrival) <= 1_000,
                    "packet " + entry.getKey() + ": " + entry.getValue() + " vs " + splitArrival);
        }
    }

    /** Hands everything to an estimator and records what feedback told it. */
    static final class Recording extends ForwardingEstimator {
        /** RFC 8888 arrival offsets are whole 1/1024 s before the report's timestamp. */
        private static final double ATO_UNIT_US = 1e6 / 1024;
        private final FeedbackFormat format;
        /** Received entries checked against the format's grid within their report, and those off it. */
        long onGrid;
        long offGrid;
        /** Unwrapped sequence -> arrival time, for packets reported received. */
        final Map<Long, Long> arrivals = new HashMap<>();
        final List<Long> lost = new ArrayList<>();
        long firstArrivalUs = Long.MIN_VALUE;
        long receivedTwice;
        long reports;
        long sent;
        private long lastSequence = -1;

        Recording(BandwidthEstimator inner, FeedbackFormat format) {
            super(inner);
            this.format = format;
        }

        /** Whether {@code deltaUs} between two arrivals of one report is a whole number of the format's ticks. */
        private boolean onGrid(long deltaUs) {
            if (format == FeedbackFormat.TWCC) {
                return deltaUs % 1_000 == 0;
            }
            double ticks = deltaUs / ATO_UNIT_US;
            return Math.abs(ticks - Math.rint(ticks)) * ATO_UNIT_US <= 2;
        }

        /** Packets reported lost and never received. */
        long lostOnly() {
            return lost.stream().distinct().filter(sequence -> !arrivals.containsKey(sequence)).count();
        }

        /** The 16-bit sequence as the unwrapped one nearest the newest sent. */
        private long unwrap(long sequence) {
            long delta = (short) (sequence - lastSequence);
            return lastSequence + delta;
        }

        @Override
        public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
            sent++;
            lastSequence = unwrap(transportSequenceNumber);
            super.onPacketSent(transportSequenceNumber, sendTimeUs, sizeBytes);
        }

        @Override
        public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
            reports++;
            long reportFirstUs = Long.MIN_VALUE;
            for (int i = 0; i < report.count(); i++) {
                long sequence = unwrap(report.sequenceNumber(i));
                long arrivalUs = report.arrivalTimeUs(i);
                if (arrivalUs == FeedbackReport.LOST) {
                    lost.add(sequence);
                    continue;
                }
                if (firstArrivalUs == Long.MIN_VALUE) {
                    firstArrivalUs = arrivalUs;
                }
                if (reportFirstUs == Long.MIN_VALUE) {
                    reportFirstUs = arrivalUs;
                } else if (onGrid(arrivalUs - reportFirstUs)) {
                    onGrid++;
                } else {
                    offGrid++;
                }
                if (arrivals.put(sequence, arrivalUs) != null) {
                    receivedTwice++;
                }
            }
            super.onFeedback(report, nowUs, out);
        }
    }
}
