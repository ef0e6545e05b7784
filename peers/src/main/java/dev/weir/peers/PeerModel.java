/*
 * The model signature is the MMSys'24 challenge's (organisers' example: github.com/microsoft/
 * RL4BandwidthEstimationChallenge, run_baseline_model.py / onnx_models): inputs obs [1,1,150],
 * hidden_states and cell_states; outputs output [1,1,2] (estimate in bps at [0,0,0]), state_out
 * and cell_out, fed back as the next step's states. Inference: ONNX Runtime for Java
 * (onnxruntime.ai, MIT).
 */
package dev.weir.peers;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One loaded MMSys'24 peer model: an ONNX Runtime session whose signature was checked, shared by
 * every call that runs the peer; each call takes its own {@link Runner} (its input, state and
 * output tensors). Sessions use one intra-op thread: calls already run in parallel, and one thread
 * keeps the time per step stable on shared cores.
 *
 * <p>Thread-safe (ONNX Runtime sessions may run concurrently); {@link Runner} is not.
 */
public final class PeerModel implements AutoCloseable {
    /** Input and output names of the challenge signature. */
    public static final String OBS = "obs";
    public static final String HIDDEN = "hidden_states";
    public static final String CELL = "cell_states";
    public static final String OUTPUT = "output";
    public static final String HIDDEN_OUT = "state_out";
    public static final String CELL_OUT = "cell_out";

    private final String name;
    private final String source;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final long[] hiddenShape;
    private final long[] cellShape;
    private final long[] outputShape;

    private PeerModel(String name, String source, OrtEnvironment env, OrtSession session, long[] hiddenShape,
                      long[] cellShape, long[] outputShape) {
        this.name = name;
        this.source = source;
        this.env = env;
        this.session = session;
        this.hiddenShape = hiddenShape;
        this.cellShape = cellShape;
        this.outputShape = outputShape;
    }

    /**
     * Loads and checks a model.
     *
     * @param name the peer's name (for messages)
     * @param source where the bytes came from (a file path, for messages)
     * @throws PeerException when ONNX Runtime rejects the bytes or the signature is not the challenge's
     */
    public static PeerModel load(String name, String source, byte[] onnxBytes) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = env.createSession(onnxBytes, options);
        } catch (OrtException e) {
            throw new PeerException(source + ": not a model ONNX Runtime can load: " + e.getMessage(), e);
        }
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            long[] obsShape = shape(source, inputs, OBS, "input");
            if (!Arrays.equals(obsShape, new long[] {1, 1, Mmsys24Observation.SIZE})) {
                throw new PeerException(source + ": input 'obs' has shape " + Arrays.toString(obsShape)
                        + ", the MMSys'24 signature needs [1, 1, 150]");
            }
            long[] hidden = shape(source, inputs, HIDDEN, "input");
            long[] cell = shape(source, inputs, CELL, "input");
            long[] output = shape(source, outputs, OUTPUT, "output");
            if (output.length == 0 || Arrays.stream(output).reduce(1, (a, b) -> a * b) < 1) {
                throw new PeerException(source + ": output 'output' has no element");
            }
            if (!Arrays.equals(shape(source, outputs, HIDDEN_OUT, "output"), hidden)
                    || !Arrays.equals(shape(source, outputs, CELL_OUT, "output"), cell)) {
                throw new PeerException(source + ": 'state_out'/'cell_out' must have the shapes of "
                        + "'hidden_states'/'cell_states' (" + Arrays.toString(hidden) + ", " + Arrays.toString(cell)
                        + ") to be fed back");
            }
            count(hidden);
            count(cell);
            count(output);
            if (inputs.size() != 3) {
                throw new PeerException(source + ": expected inputs obs, hidden_states, cell_states; found "
                        + inputs.keySet());
            }
            return new PeerModel(name, source, env, session, hidden, cell, output);
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof PeerException peer) {
                throw peer;
            }
            throw new PeerException(source + ": cannot read the model's signature: " + e.getMessage(), e);
        }
    }

    /** A fixed float32 shape, or a {@link PeerException} naming what differs. */
    private static long[] shape(String source, Map<String, NodeInfo> nodes, String node, String kind) {
        NodeInfo info = nodes.get(node);
        if (info == null) {
            throw new PeerException(source + ": no " + kind + " named '" + node + "' (the MMSys'24 signature; found "
                    + nodes.keySet() + ")");
        }
        if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new PeerException(source + ": " + kind + " '" + node + "' must be a float32 tensor, is " + info.getInfo());
        }
        long[] shape = tensor.getShape();
        for (long dim : shape) {
            if (dim < 1) {
                throw new PeerException(source + ": " + kind + " '" + node + "' has a free dimension "
                        + Arrays.toString(shape) + "; the bridge needs fixed shapes");
            }
        }
        return shape;
    }

    public String name() {
        return name;
    }

    /** Where the model was loaded from. */
    public String source() {
        return source;
    }

    /** Shape of the {@code hidden_states} input, e.g. [1, 128]. */
    public long[] hiddenShape() {
        return hiddenShape.clone();
    }

    /** A new runner with zero states (the challenge scripts' start). */
    public Runner newRunner() {
        return new Runner();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    /**
     * One call's model state: direct buffers shared with ONNX Runtime (inputs written in place,
     * outputs pinned), so a step copies 150 floats in and the states across, nothing else.
     * ONNX Runtime's Java binding still allocates a few hundred bytes per {@code run} (its result
     * object and name arrays): see {@link #JAVA_BYTES_PER_RUN_BOUND}.
     *
     * <p>Not thread-safe: one per call.
     */
    public final class Runner implements AutoCloseable {
        /**
         * Upper bound of what ONNX Runtime 1.29's Java binding allocates on the Java heap per
         * {@code run} with pinned outputs, bytes (measured 544 B: the Result, its map and the name
         * and handle arrays); the estimator contract's allocation test allows this per model call.
         */
        public static final long JAVA_BYTES_PER_RUN_BOUND = 768;

        private final FloatBuffer obs = direct(Mmsys24Observation.SIZE);
        private final FloatBuffer hidden = direct(count(hiddenShape));
        private final FloatBuffer cell = direct(count(cellShape));
        private final FloatBuffer output = direct(count(outputShape));
        private final FloatBuffer hiddenOut = direct(count(hiddenShape));
        private final FloatBuffer cellOut = direct(count(cellShape));
        private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        private final Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
        private long runs;

        private Runner() {
            try {
                inputs.put(OBS, OnnxTensor.createTensor(env, obs, new long[] {1, 1, Mmsys24Observation.SIZE}));
                inputs.put(HIDDEN, OnnxTensor.createTensor(env, hidden, hiddenShape));
                inputs.put(CELL, OnnxTensor.createTensor(env, cell, cellShape));
                pinned.put(OUTPUT, OnnxTensor.createTensor(env, output, outputShape));
                pinned.put(HIDDEN_OUT, OnnxTensor.createTensor(env, hiddenOut, hiddenShape));
                pinned.put(CELL_OUT, OnnxTensor.createTensor(env, cellOut, cellShape));
            } catch (OrtException e) {
                close();
                throw new PeerException(source + ": cannot create tensors: " + e.getMessage(), e);
            }
        }

        /**
         * One step: runs the model on {@code observation[0, 150)} with the carried states, feeds
         * {@code state_out}/{@code cell_out} back as the next states, and returns
         * {@code output[0,0,0]} (the estimate, bps, as the model gives it: unclamped, maybe NaN).
         *
         * @throws PeerException when ONNX Runtime fails
         */
        public float step(float[] observation) {
            obs.clear();
            obs.put(observation, 0, Mmsys24Observation.SIZE);
            try {
                // The outputs are pinned (ours): closing the result frees only its own bookkeeping.
                session.run(inputs, pinned).close();
                runs++;
            } catch (OrtException e) {
                throw new PeerException(source + ": inference failed: " + e.getMessage(), e);
            }
            hidden.clear();
            hiddenOut.clear();
            hidden.put(hiddenOut);
            cell.clear();
            cellOut.clear();
            cell.put(cellOut);
            return output.get(0);
        }

        /** {@code output} as the last step left it (e.g. [0,0,1]), index in row-major order. */
        public float output(int index) {
            return output.get(index);
        }

        /** The carried {@code hidden_states} value at {@code index}. */
        public float hiddenState(int index) {
            return hidden.get(index);
        }

        /** Steps run so far. */
        public long runs() {
            return runs;
        }

        @Override
        public void close() {
            for (OnnxTensor tensor : inputs.values()) {
                tensor.close();
            }
            for (OnnxTensor tensor : pinned.values()) {
                tensor.close();
            }
        }
    }

    private static int count(long[] shape) {
        long n = 1;
        for (long dim : shape) {
            n = Math.multiplyExact(n, dim);
        }
        if (n > 1 << 20) {
            throw new PeerException("a tensor of shape " + Arrays.toString(shape) + " (" + n
                    + " elements) is beyond the bridge's 1M-element limit");
        }
        return (int) n;
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
