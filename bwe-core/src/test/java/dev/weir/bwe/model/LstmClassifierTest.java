package dev.weir.bwe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LstmClassifierTest {

    /**
     * 1 LSTM unit, 2 steps, 1 feature everywhere. Expected values computed by hand (in double
     * precision, outside this code base) from the equations in LstmClassifier's Javadoc:
     * step 1: z = [0.55, 0.7, 0.7, 0.4], c = 0.299655, h = 0.194441;
     * step 2: z = [-0.930556, 1.677776, -1.816664, -0.063892], c = -0.101264, h = -0.014112;
     * dense = relu(2 * 0.3 + 0.1) = 0.7; merge = relu(-2 h + 0.5 * 0.7 + 0.05) = 0.428224;
     * logits = [0.428224, 0.071776]; softmax = [0.588180, 0.411820]; calibrated with temperature 2
     * and bias [0, 0.3]: logits [0.214112, 0.335888], softmax [0.469594, 0.530406].
     */
    @Test
    void shouldMatchHandComputedTinyCaseWithAndWithoutCalibration() {
        ModelArchitecture arch = new ModelArchitecture(1, 1, 1, 1, 1, 1,
                List.of(new HeadSpec("loss_type", List.of("random", "congestion"))));
        // ts: raw 2.5 and -3.5 normalise to 1 and -2 (mean 0.5, std 2); dense raw 2 passes unchanged.
        Normalisation norm = Normalisation.standard(new float[] {0.5f}, new float[] {2f}, new float[] {0f},
                new float[] {1f});
        ModelArtifactBuilder builder = ModelArtifact.builder()
                .architecture(arch)
                .featureSchema(TestArtifacts.schema(arch))
                .normalisation(norm)
                .provenance(TestArtifacts.provenance())
                .tensor(ModelArchitecture.LSTM_INPUT_WEIGHTS, new float[] {0.5f, -0.3f, 0.8f, 0.2f})
                .tensor(ModelArchitecture.LSTM_RECURRENT_WEIGHTS, new float[] {0.1f, 0.4f, -0.6f, 0.7f})
                .tensor(ModelArchitecture.LSTM_BIAS, new float[] {0.05f, 1.0f, -0.1f, 0.2f})
                .tensor(ModelArchitecture.DENSE_WEIGHTS, new float[] {0.3f})
                .tensor(ModelArchitecture.DENSE_BIAS, new float[] {0.1f})
                .tensor(ModelArchitecture.MERGE_WEIGHTS, new float[] {-2.0f, 0.5f})
                .tensor(ModelArchitecture.MERGE_BIAS, new float[] {0.05f})
                .tensor(ModelArchitecture.headWeights("loss_type"), new float[] {1.0f, -1.0f})
                .tensor(ModelArchitecture.headBias("loss_type"), new float[] {0.0f, 0.5f});
        LstmClassifier classifier = new LstmClassifier(builder.build());
        Prediction out = classifier.newPrediction();

        classifier.advance(new float[] {2.5f}, 0);
        classifier.advance(new float[] {-3.5f}, 0);
        classifier.predict(new float[] {2f}, out);

        assertEquals(0.5881803508845482, out.probability(0, 0), 1e-6);
        assertEquals(0.41181964911545166, out.probability(0, 1), 1e-6);
        assertEquals(0, out.mostLikelyClass(0));
        assertEquals(2, classifier.steps());

        LstmClassifier calibrated = new LstmClassifier(builder
                .calibration(List.of(new Calibration("loss_type", 2f, new float[] {0f, 0.3f}))).build());
        calibrated.advance(new float[] {2.5f}, 0);
        calibrated.advance(new float[] {-3.5f}, 0);
        calibrated.predict(new float[] {2f}, out);
        assertEquals(0.4695935664652158, out.probability(0, 0), 1e-5);
        assertEquals(1, out.mostLikelyClass(0));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldMatchIndependentDoublePrecisionReferenceAtEveryStepOfAStream(long seed) {
        ModelArchitecture arch = TestArtifacts.architecture(4, 6, 3, 5, 7);
        ModelArtifact artifact = TestArtifacts.random(arch, seed);
        LstmClassifier classifier = new LstmClassifier(artifact);
        ReferenceForwardPass reference = new ReferenceForwardPass(artifact);
        Prediction out = classifier.newPrediction();
        SplittableRandom random = new SplittableRandom(seed * 31);
        double maxDiff = 0;
        for (int call = 0; call < 5; call++) {
            classifier.reset();
            float[] rows = TestArtifacts.uniform(random, 40 * 4, 6f);
            for (int step = 0; step < 40; step++) {
                classifier.advance(rows, step * 4);
                if (step % 7 != 6) {
                    continue; // decide every 7th step: deciding must not disturb the state
                }
                float[] dense = TestArtifacts.uniform(random, 3, 6f);
                classifier.predict(dense, out);
                double[][] expected = reference.predict(Arrays.copyOf(rows, (step + 1) * 4), dense);
                for (int h = 0; h < 2; h++) {
                    for (int c = 0; c < out.classCount(h); c++) {
                        maxDiff = Math.max(maxDiff, Math.abs(expected[h][c] - out.probability(h, c)));
                    }
                }
            }
        }
        assertTrue(maxDiff <= 1e-5, "max abs difference " + maxDiff);
    }

    @Test
    void shouldStartAgainFromAZeroStateAfterReset() {
        LstmClassifier classifier = new LstmClassifier(TestArtifacts.random(TestArtifacts.small(), 6));
        Prediction first = classifier.newPrediction();
        Prediction again = classifier.newPrediction();
        float[] rows = TestArtifacts.uniform(new SplittableRandom(4), 10 * 3, 3f);
        float[] dense = {0.5f, -1f};
        for (int step = 0; step < 10; step++) {
            classifier.advance(rows, step * 3);
        }
        classifier.predict(dense, first);
        classifier.reset();
        assertEquals(0, classifier.steps());
        for (int step = 0; step < 10; step++) {
            classifier.advance(rows, step * 3);
        }
        classifier.predict(dense, again);
        for (int h = 0; h < 2; h++) {
            assertEquals(first.probability(h, 0), again.probability(h, 0), 0f);
        }
    }

    @Test
    void shouldShareOneArtifactsWeightArraysAmongItsClassifiersAndKeepOnlyStatePerClassifier() {
        ModelArtifact artifact = TestArtifacts.random(TestArtifacts.small(), 6);
        LstmClassifier first = new LstmClassifier(artifact);
        LstmClassifier second = new LstmClassifier(artifact, artifact.featureSchema());
        ClassifierWeights shared = first.weights();
        assertSame(shared, second.weights());
        assertSame(shared.lstmWeights, second.weights().lstmWeights);
        assertSame(shared.denseWeights, second.weights().denseWeights);
        assertSame(shared.mergeWeights, second.weights().mergeWeights);
        assertSame(shared.headWeights, second.weights().headWeights);
        assertSame(shared.calibrationBias, second.weights().calibrationBias);
        // The same file read again is another artifact: its own weights, the same outputs.
        ModelArtifact reread = ModelArtifact.read(artifact.toBytes(), "reread");
        LstmClassifier third = new LstmClassifier(reread);
        assertNotSame(shared.lstmWeights, third.weights().lstmWeights);

        // Each classifier keeps its own LSTM state: one call's steps never leak into another's.
        float[] rows = TestArtifacts.uniform(new SplittableRandom(9), 10 * 3, 3f);
        float[] dense = {0.25f, -0.5f};
        Prediction afterSteps = first.newPrediction();
        Prediction fresh = second.newPrediction();
        Prediction freshAlone = third.newPrediction();
        for (int step = 0; step < 10; step++) {
            first.advance(rows, step * 3);
        }
        first.predict(dense, afterSteps);
        second.predict(dense, fresh);
        third.predict(dense, freshAlone);
        assertEquals(0, second.steps());
        for (int c = 0; c < 3; c++) {
            assertEquals(freshAlone.probability(0, c), fresh.probability(0, c), 0f, "class " + c);
        }
        assertNotEquals(fresh.probability(0, 0), afterSteps.probability(0, 0), "state is per classifier");
    }

    @Test
    void shouldApplyTheArtifactsNormalisationToRawInputs() {
        ModelArchitecture arch = TestArtifacts.small();
        Normalisation norm = TestArtifacts.randomNormalisation(arch, 8);
        LstmClassifier normalising = new LstmClassifier(TestArtifacts.randomBuilder(arch, norm, 4, 0.7f).build());
        LstmClassifier identity = new LstmClassifier(
                TestArtifacts.randomBuilder(arch, Normalisation.identity(3, 2), 4, 0.7f).build());
        SplittableRandom random = new SplittableRandom(5);
        float[] raw = TestArtifacts.uniform(random, 5 * 3, 4f);
        float[] rawDense = TestArtifacts.uniform(random, 2, 4f);
        float[] normalised = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            normalised[i] = norm.normaliseTs(i % 3, raw[i]);
        }
        float[] normalisedDense = {norm.normaliseDense(0, rawDense[0]), norm.normaliseDense(1, rawDense[1])};
        Prediction fromRaw = normalising.newPrediction();
        Prediction fromNormalised = identity.newPrediction();

        for (int step = 0; step < 5; step++) {
            normalising.advance(raw, step * 3);
            identity.advance(normalised, step * 3);
        }
        normalising.predict(rawDense, fromRaw);
        identity.predict(normalisedDense, fromNormalised);

        for (int h = 0; h < 2; h++) {
            assertEquals(fromNormalised.probability(h, 0), fromRaw.probability(h, 0), 0f);
            assertEquals(fromNormalised.probability(h, 1), fromRaw.probability(h, 1), 0f);
        }
        // ...and the normalisation matters: the same raw inputs without it give other outputs.
        identity.reset();
        for (int step = 0; step < 5; step++) {
            identity.advance(raw, step * 3);
        }
        identity.predict(rawDense, fromNormalised);
        assertTrue(fromNormalised.probability(0, 0) != fromRaw.probability(0, 0));
    }

    @Test
    void shouldAlwaysOutputValidDistributionsEvenForNonFiniteOrHugeInputs() {
        ModelArchitecture arch = TestArtifacts.small();
        LstmClassifier classifier = new LstmClassifier(
                TestArtifacts.randomBuilder(arch, Normalisation.identity(3, 2), 9, 30f).build());
        Prediction out = classifier.newPrediction();
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
            -Float.MAX_VALUE, 0f, 1e-30f};
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 300; trial++) {
            float[] row = TestArtifacts.uniform(random, 3, 1e6f);
            float[] dense = TestArtifacts.uniform(random, 2, 1e6f);
            row[random.nextInt(row.length)] = specials[random.nextInt(specials.length)];
            dense[random.nextInt(2)] = specials[random.nextInt(specials.length)];
            classifier.advance(row, 0);
            classifier.predict(dense, out);
            for (int h = 0; h < out.headCount(); h++) {
                float sum = 0;
                for (int c = 0; c < out.classCount(h); c++) {
                    float p = out.probability(h, c);
                    assertTrue(p >= 0f && p <= 1f, "probability " + p);
                    sum += p;
                }
                assertEquals(1f, sum, 1e-5f);
            }
        }
    }

    @Test
    void shouldRejectInputsThatDoNotFitTheModel() {
        LstmClassifier classifier = new LstmClassifier(TestArtifacts.random(TestArtifacts.small(), 2));
        Prediction out = classifier.newPrediction();
        assertThrows(IllegalArgumentException.class, () -> classifier.advance(new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> classifier.advance(new float[5], 3));
        assertThrows(IllegalArgumentException.class, () -> classifier.predict(new float[3], out));
        Prediction oneHead = new Prediction(new ModelArchitecture(1, 3, 4, 2, 3, 4,
                List.of(new HeadSpec("only", List.of("a", "b")))));
        assertThrows(IllegalArgumentException.class, () -> classifier.predict(new float[2], oneHead));
    }

    @Test
    void shouldFindHeadsAndClassesByName() {
        Prediction out = new LstmClassifier(TestArtifacts.random(TestArtifacts.small(), 2)).newPrediction();
        assertEquals(0, out.headIndex("loss_attribution"));
        assertEquals(1, out.headIndex("congestion"));
        assertEquals(-1, out.headIndex("nope"));
        assertEquals(1, out.heads().get(1).classIndex("yes"));
        assertEquals(3, out.classCount(0));
    }

    @Test
    void shouldAllocateNothingPerStepOrDecision() {
        // Small sizes keep 10,000 decisions fast; allocation does not depend on size.
        ModelArchitecture arch = TestArtifacts.architecture(6, 8, 10, 8, 8);
        LstmClassifier classifier = new LstmClassifier(TestArtifacts.random(arch, 21));
        Prediction out = classifier.newPrediction();
        SplittableRandom random = new SplittableRandom(3);
        float[][] rows = new float[4][];
        float[][] denses = new float[4][];
        for (int i = 0; i < 4; i++) {
            rows[i] = TestArtifacts.uniform(random, 6, 3f);
            denses[i] = TestArtifacts.uniform(random, 10, 3f);
        }
        for (int i = 0; i < 3000; i++) { // warm up so the JIT has compiled the loop
            classifier.advance(rows[i & 3], 0);
            classifier.predict(denses[i & 3], out);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        float checksum = 0;
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 10_000; i++) {
            classifier.advance(rows[i & 3], 0);
            classifier.predict(denses[i & 3], out);
            checksum += out.probability(0, 0);
        }
        long allocatedBytes = threads.getThreadAllocatedBytes(threadId) - before;
        // The measuring calls themselves may allocate a little; 10k decisions at even one byte each would show.
        assertTrue(allocatedBytes < 1024, "allocated " + allocatedBytes + " bytes over 10,000 decisions");
        assertTrue(checksum > 0f && checksum < 10_000f);
    }
}
