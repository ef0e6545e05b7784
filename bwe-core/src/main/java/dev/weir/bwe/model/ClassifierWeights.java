package dev.weir.bwe.model;

import java.util.List;

/**
 * The read-only parameters of one {@link ModelArtifact} in the layout {@link LstmClassifier} runs
 * on: the LSTM's input and recurrent weights fused into one {@code [F + H, 4H]} matrix, the dense,
 * merge layers, every head's weights fused into one {@code [mergeUnits, all classes]} matrix (one
 * pass over the merge output instead of one per head, whose inner loops of 2-5 classes do not
 * vectorise), and each class's calibration (its head's inverse temperature, its bias). Built
 * once per artifact ({@link ModelArtifact#classifierWeights()}) and shared by every classifier made
 * from it, so a classifier's own memory is its LSTM state and scratch buffers only.
 *
 * <p>Immutable: the arrays are filled here and never written afterwards (nothing outside this
 * package sees them); thread-safe, as the final fields publish them safely.
 */
final class ClassifierWeights {
    /** Fused LSTM weights {@code [tsFeatures + units, 4 units]}: rows of W, then rows of RW. */
    final float[] lstmWeights;
    final float[] lstmBias;
    final float[] denseWeights;
    final float[] denseBias;
    final float[] mergeWeights;
    final float[] mergeBias;
    final int[] headClasses;
    /** Classes of all heads, in head order: the prediction's layout. */
    final int totalClasses;
    /** Fused head weights {@code [mergeUnits, totalClasses]}: row k holds every head's row k, in head order. */
    final float[] headWeights;
    final float[] headBias;
    /** Per class: its head's inverse calibration temperature. */
    final float[] inverseTemperature;
    /** Per class: its calibration bias. */
    final float[] calibrationBias;

    ClassifierWeights(ModelArtifact artifact) {
        ModelArchitecture arch = artifact.architecture();
        int gates = 4 * arch.lstmUnits();
        float[] inputWeights = artifact.tensor(ModelArchitecture.LSTM_INPUT_WEIGHTS);
        float[] recurrentWeights = artifact.tensor(ModelArchitecture.LSTM_RECURRENT_WEIGHTS);
        this.lstmWeights = new float[(arch.tsFeatures() + arch.lstmUnits()) * gates];
        System.arraycopy(inputWeights, 0, lstmWeights, 0, inputWeights.length);
        System.arraycopy(recurrentWeights, 0, lstmWeights, inputWeights.length, recurrentWeights.length);
        this.lstmBias = artifact.tensor(ModelArchitecture.LSTM_BIAS);
        this.denseWeights = artifact.tensor(ModelArchitecture.DENSE_WEIGHTS);
        this.denseBias = artifact.tensor(ModelArchitecture.DENSE_BIAS);
        this.mergeWeights = artifact.tensor(ModelArchitecture.MERGE_WEIGHTS);
        this.mergeBias = artifact.tensor(ModelArchitecture.MERGE_BIAS);
        List<HeadSpec> heads = arch.heads();
        List<Calibration> calibration = artifact.calibration();
        this.headClasses = new int[heads.size()];
        int total = 0;
        for (int h = 0; h < heads.size(); h++) {
            headClasses[h] = heads.get(h).classCount();
            total += headClasses[h];
        }
        this.totalClasses = total;
        int mergeUnits = arch.mergeUnits();
        this.headWeights = new float[mergeUnits * total];
        this.headBias = new float[total];
        this.inverseTemperature = new float[total];
        this.calibrationBias = new float[total];
        int offset = 0;
        for (int h = 0; h < heads.size(); h++) {
            int classes = headClasses[h];
            float[] w = artifact.tensor(ModelArchitecture.headWeights(heads.get(h).name()));
            for (int k = 0; k < mergeUnits; k++) {
                System.arraycopy(w, k * classes, headWeights, k * total + offset, classes);
            }
            System.arraycopy(artifact.tensor(ModelArchitecture.headBias(heads.get(h).name())), 0, headBias, offset,
                    classes);
            java.util.Arrays.fill(inverseTemperature, offset, offset + classes, 1f / calibration.get(h).temperature());
            System.arraycopy(calibration.get(h).bias(), 0, calibrationBias, offset, classes);
            offset += classes;
        }
    }
}
