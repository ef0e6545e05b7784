package dev.weir.bwe.model;

import java.util.List;

/**
 * Per-head class probabilities, written by {@link LstmClassifier#predict}. The caller allocates
 * one and reuses it for every inference, so predicting allocates nothing.
 *
 * <p>Not thread-safe: one instance per classifier user.
 */
public final class Prediction {
    private final List<HeadSpec> heads;
    /** Start of each head's probabilities in {@link #probabilities}. */
    private final int[] headOffsets;
    private final float[] probabilities;
    private boolean finite = true;

    /** An empty prediction (all zeros) shaped for {@code architecture}'s heads. */
    public Prediction(ModelArchitecture architecture) {
        this.heads = architecture.heads();
        this.headOffsets = new int[heads.size() + 1];
        for (int h = 0; h < heads.size(); h++) {
            headOffsets[h + 1] = headOffsets[h] + heads.get(h).classCount();
        }
        this.probabilities = new float[headOffsets[heads.size()]];
    }

    /**
     * Whether every logit of the last inference was finite. When not, the classifier still writes
     * a valid distribution (NaN logits get probability 0, all-infinite heads are uniform), but the
     * model is numerically broken for this input and a caller acting on it should fall back.
     */
    public boolean finite() {
        return finite;
    }

    void finite(boolean value) {
        finite = value;
    }

    /** Probability of class {@code cls} of head {@code head}, in [0, 1]; a head's classes sum to 1. */
    public float probability(int head, int cls) {
        if (cls < 0 || cls >= classCount(head)) {
            throw new IndexOutOfBoundsException("class " + cls + " of head " + head);
        }
        return probabilities[headOffsets[head] + cls];
    }

    /** Index of the most probable class of head {@code head} (the lowest index on ties). */
    public int mostLikelyClass(int head) {
        int start = headOffsets[head];
        int best = 0;
        for (int cls = 1; cls < headOffsets[head + 1] - start; cls++) {
            if (probabilities[start + cls] > probabilities[start + best]) {
                best = cls;
            }
        }
        return best;
    }

    /** Index of the head named {@code name}, or -1; look it up once, not per inference. */
    public int headIndex(String name) {
        for (int h = 0; h < heads.size(); h++) {
            if (heads.get(h).name().equals(name)) {
                return h;
            }
        }
        return -1;
    }

    public int headCount() {
        return heads.size();
    }

    public int classCount(int head) {
        return headOffsets[head + 1] - headOffsets[head];
    }

    /** The heads' names and class names. */
    public List<HeadSpec> heads() {
        return heads;
    }

    /** Whether this prediction's heads have the same class counts as {@code architecture}'s. */
    boolean fits(ModelArchitecture architecture) {
        List<HeadSpec> other = architecture.heads();
        if (other.size() != heads.size()) {
            return false;
        }
        for (int h = 0; h < heads.size(); h++) {
            if (other.get(h).classCount() != classCount(h)) {
                return false;
            }
        }
        return true;
    }

    /** The backing array, written by the classifier: head {@code h} starts at {@link #offset}. */
    float[] values() {
        return probabilities;
    }

    int offset(int head) {
        return headOffsets[head];
    }
}
