package dev.weir.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.signal.FeatureSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

    /** Two time-series features per 200 ms step, one dense input over 3 steps. */
    static final FeatureSchema SCHEMA = FeatureSchema.custom(200, 3, List.of("rtt_ms", "loss"), List.of("rtt_max"));

    static SampleSource source(String trace, String split) {
        return new SampleSource("s", "wired", trace, "g:" + trace, 1, split, "gcc", 0, 0);
    }

    /** A train call of 3 steps (decisions at the last two) and a test call of 2 steps. */
    static CallSteps trainCall() {
        CallSteps call = new CallSteps(3, 2, 1, 1);
        System.arraycopy(new float[] {1, 2, 3, 4, 5, 6}, 0, call.ts, 0, 6);
        call.decision[1] = 1;
        call.decision[2] = 1;
        call.dense[1] = 8;
        call.dense[2] = 9;
        call.timeMs[0] = 200;
        call.timeMs[1] = 400;
        call.timeMs[2] = 600;
        call.lossClass[2] = Dataset.LOSS_MIXED;
        call.congestion[1] = 0;
        call.congestion[2] = 1;
        call.leadTimeS[2] = 1.5f;
        call.cause[2] = Dataset.CAUSE_SELF_INDUCED;
        call.gate[2] = 1;
        call.baselineScores[2] = 0.25f;
        call.randomLossShare[2] = 0.03f;
        call.meanBurstPackets[2] = 2f;
        return call;
    }

    static Dataset tiny() {
        CallSteps test = new CallSteps(2, 2, 1, 1);
        System.arraycopy(new float[] {6, 5, 4, 3}, 0, test.ts, 0, 4);
        test.decision[1] = 1;
        test.congestedNow[1] = 1;
        test.typeLabel[1] = 2;
        test.randomLossShare[1] = 0f;
        return Dataset.builder(SCHEMA, List.of("loss:spike")).addCall(source("trace-a", "train"), trainCall())
                .addCall(source("trace-b", "test"), test).build();
    }

    @Test
    void shouldRoundTripToIdenticalBytesAndValues(@TempDir Path dir) throws Exception {
        Dataset data = tiny();
        Path file = dir.resolve("d.weirdata");
        data.write(file);
        Dataset read = Dataset.read(file);
        assertEquals(data.digest(), read.digest());
        assertEquals(5, read.steps());
        assertEquals(3, read.source(0).steps());
        assertEquals(3, read.sourceStart(1));
        assertEquals(5, read.sourceEnd(1));
        float[] row = new float[2];
        read.tsRow(3, row, 0);
        assertArrayEquals(new float[] {6, 5}, row);
        assertEquals(4f, read.tsValue(1, 1));
        assertEquals(9f, read.denseValue(2, 0));
        assertFalse(read.isDecision(0));
        assertEquals(Dataset.LOSS_MIXED, read.label(Dataset.TASK_LOSS_ATTRIBUTION, 2));
        assertEquals(Dataset.NO_LABEL, read.label(Dataset.TASK_LOSS_ATTRIBUTION, 1));
        assertEquals(1, read.label(Dataset.TASK_CONGESTION, 2));
        assertEquals(1.5f, read.leadTimeS(2));
        assertEquals(Dataset.CAUSE_SELF_INDUCED, read.cause(2));
        assertTrue(read.gate(2));
        assertTrue(read.congestedNow(4));
        assertEquals(2, read.label(Dataset.TASK_NETWORK_TYPE, 4));
        assertEquals(0.03f, read.randomLossShare(2));
        assertEquals(2f, read.meanBurstPackets(2));
        assertEquals(2, read.label(Dataset.TASK_RANDOM_LOSS_RATE, 2), "3 % is in 2_to_5pct");
        assertEquals(FecHeads.BURSTY, read.label(Dataset.TASK_LOSS_BURST, 2));
        assertEquals(0, read.label(Dataset.TASK_RANDOM_LOSS_RATE, 4), "no loss is below_0.5pct");
        assertEquals(Dataset.NO_LABEL, read.label(Dataset.TASK_LOSS_BURST, 4), "no drops, no burst label");
        assertTrue(Float.isNaN(read.randomLossShare(0)));
        assertEquals(Dataset.NO_LABEL, read.label(Dataset.TASK_RANDOM_LOSS_RATE, 0));
        assertEquals(0.25f, read.baselineScore(0, 2));
        assertTrue(Float.isNaN(read.baselineScore(0, 0)));
        assertEquals("test", read.source(1).split());
        assertArrayEquals(new int[] {0}, read.sourcesOfSplit("train"));
        assertArrayEquals(new int[] {1, 2}, read.decisionsOfSplit("train"));
        assertArrayEquals(new int[] {0, 1}, read.sourcesOfSplit(Dataset.ALL_SPLITS));
        assertEquals(1, read.sourceOfStep(4));
        assertEquals(0, read.sourceOfStep(0));
        Path again = dir.resolve("again.weirdata");
        read.write(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void shouldRejectACorruptOrTruncatedFileByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.weirdata");
        tiny().write(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x40;
        Path corrupt = dir.resolve("corrupt.weirdata");
        Files.write(corrupt, bytes);
        DatasetFormatException error = assertThrows(DatasetFormatException.class, () -> Dataset.read(corrupt));
        assertTrue(error.getMessage().contains("corrupt.weirdata") && error.getMessage().contains("does not match the trailer"),
                error.getMessage());
        Path truncated = dir.resolve("truncated.weirdata");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(file), bytes.length - 10));
        assertThrows(DatasetFormatException.class, () -> Dataset.read(truncated));
        Path notData = dir.resolve("x.weirdata");
        Files.writeString(notData, "hello");
        assertTrue(assertThrows(DatasetFormatException.class, () -> Dataset.read(notData)).getMessage()
                .contains("magic"));
    }

    @Test
    void shouldGiveAnotherIdentityWhenOnlyTheSplitChanges() {
        Dataset resplit = tiny().resplit(s -> s.split().equals("train") ? "validation" : s.split());
        assertEquals("validation", resplit.source(0).split());
        assertEquals(0.03f, resplit.randomLossShare(2));
        assertEquals(2f, resplit.meanBurstPackets(2));
        assertTrue(!tiny().digest().equals(resplit.digest()), "the split is part of the dataset's identity");
        assertEquals(tiny().steps(), resplit.steps());
    }

    @Test
    void shouldRejectLabelsOutsideTheirClassesAndCallsOfAnotherShape() {
        Dataset.Builder b = Dataset.builder(SCHEMA, List.of("loss:spike"));
        CallSteps bad = trainCall();
        bad.lossClass[0] = 3;
        assertThrows(IllegalArgumentException.class, () -> b.addCall(source("t", "train"), bad));
        assertThrows(IllegalArgumentException.class, () -> b.addCall(source("t", "train"), new CallSteps(1, 3, 1, 1)));
        CallSteps share = trainCall();
        share.randomLossShare[1] = 1.5f;
        assertThrows(IllegalArgumentException.class, () -> b.addCall(source("t", "train"), share));
        CallSteps burstWithoutShare = trainCall();
        burstWithoutShare.meanBurstPackets[1] = 2f;
        assertThrows(IllegalArgumentException.class, () -> b.addCall(source("t", "train"), burstWithoutShare));
    }

    @Test
    void shouldKeepTheFecGroundTruthThroughMergingAndNarrowing() {
        Dataset merged = Dataset.builder(SCHEMA, List.of("loss:spike")).addAll(tiny()).addAll(tiny()).build();
        assertEquals(0.03f, merged.randomLossShare(5 + 2));
        assertEquals(2f, merged.meanBurstPackets(5 + 2));
        assertEquals(0f, merged.randomLossShare(5 + 4));
        assertEquals(0.03f, tiny().withCongestionHorizon(1.0).randomLossShare(2));
        assertEquals(2f, tiny().call(0).meanBurstPackets[2]);
    }

    @Test
    void shouldNameEveryTaskWhenAskedForAnUnknownOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny().label("fec", 0));
        assertTrue(e.getMessage().contains("random_loss_rate") && e.getMessage().contains("loss_burst")
                && e.getMessage().contains("network_type"), e.getMessage());
    }

    @Test
    void shouldNarrowTheCongestionHorizon() {
        Dataset narrowed = tiny().withCongestionHorizon(1.0);
        assertEquals(0, narrowed.label(Dataset.TASK_CONGESTION, 2), "lead 1.5 s is beyond 1 s");
        assertEquals(-1f, narrowed.leadTimeS(2));
        assertEquals(Dataset.NO_LABEL, narrowed.cause(2));
        assertEquals(1, tiny().withCongestionHorizon(2.0).label(Dataset.TASK_CONGESTION, 2));
    }
}
