package dev.weir.bwe.model;

import java.util.List;

/**
 * The read-only parameters of one {@link ModelArtifact} in the layout {@link LstmClassifier} runs
 * on: the LSTM's input and recurrent weights fused into one {@code [F + H, 4H]} matrix, the dense,
 * merge and head layers, and each head's calibration (inverse temperature and class biases). Built
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
    final float[][] headWeights;
    final float[][] headBias;
    final float[] inverseTemperature;
    final float[][] calibrationBias;

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
        this.headWeights = new float[heads.size()][];
        this.headBias = new float[heads.size()][];
        this.inverseTemperature = new float[heads.size()];
        this.calibrationBias = new float[heads.size()][];
        for (int h = 0; h < heads.size(); h++) {
            headClasses[h] = heads.get(h).classCount();
            headWeights[h] = artifact.tensor(ModelArchitecture.headWeights(heads.get(h).name()));
            headBias[h] = artifact.tensor(ModelArchitecture.headBias(heads.get(h).name()));
            inverseTemperature[h] = 1f / calibration.get(h).temperature();
            calibrationBias[h] = calibration.get(h).bias();
        }
    }
}
