package dev.weir.peers;

import dev.weir.peers.onnx.OnnxGraphBuilder;

/**
 * A tiny model with the MMSys'24 signature, built in the test (no file in the repository):
 * {@code output[0,0,i] = 0.5 x obs[5] + 1000 x hidden + 100000} (obs[5] = the newest long MI's
 * receiving rate), {@code state_out = hidden + 1} (so carried state shows in the output, one step
 * at a time), {@code cell_out = cell}.
 */
final class TinyPeerModel {
    static final float RATE_WEIGHT = 0.5f;
    static final float STATE_WEIGHT = 1000f;
    static final float BIAS_BPS = 100_000f;

    private TinyPeerModel() {
    }

    static byte[] bytes(int stateWidth) {
        float[] w = new float[Mmsys24Observation.SIZE * 2];
        w[5 * 2] = RATE_WEIGHT;
        w[5 * 2 + 1] = RATE_WEIGHT;
        float[] state = new float[stateWidth];
        for (int i = 0; i < stateWidth; i++) {
            state[i] = i == 0 ? STATE_WEIGHT : 0f;
        }
        return new OnnxGraphBuilder("tiny_peer", 14)
                .input("obs", 1L, 1L, 150L).input("hidden_states", 1L, (long) stateWidth)
                .input("cell_states", 1L, (long) stateWidth)
                .output("output", 1L, 1L, 2L).output("state_out", 1L, (long) stateWidth)
                .output("cell_out", 1L, (long) stateWidth)
                .longs("flat_shape", new long[] {1, 150}, 2).longs("out_shape", new long[] {1, 1, 2}, 3)
                .floats("w", w, 150, 2).floats("b", new float[] {BIAS_BPS, BIAS_BPS}, 2)
                .floats("state_weights", state, stateWidth, 1).floats("one", new float[] {1f}, 1)
                .node("Reshape", new String[] {"obs", "flat_shape"}, new String[] {"flat"})
                .node("MatMul", new String[] {"flat", "w"}, new String[] {"z"})
                .node("MatMul", new String[] {"hidden_states", "state_weights"}, new String[] {"hk"})
                .node("Add", new String[] {"z", "hk"}, new String[] {"z2"})
                .node("Add", new String[] {"z2", "b"}, new String[] {"z3"})
                .node("Reshape", new String[] {"z3", "out_shape"}, new String[] {"output"})
                .node("Add", new String[] {"hidden_states", "one"}, new String[] {"state_out"})
                .node("Identity", new String[] {"cell_states"}, new String[] {"cell_out"})
                .toBytes();
    }

    static PeerModel load(int stateWidth) {
        return PeerModel.load("tiny", "tiny test model", bytes(stateWidth));
    }
}
