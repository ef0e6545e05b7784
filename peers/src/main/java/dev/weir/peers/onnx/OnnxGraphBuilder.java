/*
 * Field numbers and types follow onnx/onnx.proto (ONNX IR, Apache-2.0, github.com/onnx/onnx) and
 * the protocol buffers wire format (protobuf.dev/programming-guides/encoding).
 */
package dev.weir.peers.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small ONNX model (a {@code ModelProto}) without the ONNX or protobuf libraries: float32
 * initializers, float32 graph inputs and outputs with fixed or named dimensions, nodes with int,
 * float, ints, floats and string attributes. Enough for weir's exported LSTM and for test models;
 * not a general ONNX library.
 *
 * <p>Not thread-safe: build on one thread, then call {@link #toBytes()}.
 */
public final class OnnxGraphBuilder {
    /** ONNX IR version 7 (ONNX 1.7), which every ONNX Runtime since 1.3 reads. */
    public static final long IR_VERSION = 7;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final String graphName;
    private final long opsetVersion;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String docString = "";
    private int nodeCount;

    /**
     * @param graphName the graph's name
     * @param opsetVersion the default-domain opset the nodes follow (e.g. 14)
     */
    public OnnxGraphBuilder(String graphName, long opsetVersion) {
        this.graphName = graphName;
        this.opsetVersion = opsetVersion;
    }

    /** The model's doc string (shown by Netron). */
    public OnnxGraphBuilder doc(String text) {
        docString = text;
        return this;
    }

    /** A metadata_props entry (key, value). */
    public OnnxGraphBuilder metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /**
     * A float32 graph input; each dimension is a {@code Long} (fixed) or a {@code String} (named,
     * free).
     */
    public OnnxGraphBuilder input(String name, Object... dims) {
        inputs.add(valueInfo(name, FLOAT, dims));
        return this;
    }

    /** A float32 graph output (dimensions as for {@link #input}). */
    public OnnxGraphBuilder output(String name, Object... dims) {
        outputs.add(valueInfo(name, FLOAT, dims));
        return this;
    }

    /** A float32 initializer (a constant tensor) of the given shape, row-major. */
    public OnnxGraphBuilder floats(String name, float[] values, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for shape " + java.util.Arrays.toString(dims));
        }
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, FLOAT);
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        t.bytes(9, raw.array());
        initializers.add(t.toBytes());
        return this;
    }

    /** An int64 initializer (e.g. a Reshape target shape). */
    public OnnxGraphBuilder longs(String name, long[] values, long... dims) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, INT64);
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        t.bytes(9, raw.array());
        initializers.add(t.toBytes());
        return this;
    }

    /**
     * A node: {@code opType} from {@code inputs} to {@code outputs} (an empty string skips an
     * optional input), with attributes given as name, value pairs (Long, Double/Float, long[],
     * float[] or String).
     */
    public OnnxGraphBuilder node(String opType, String[] inputs, String[] outputs, Object... attributes) {
        Proto n = new Proto();
        for (String in : inputs) {
            n.string(1, in);
        }
        for (String out : outputs) {
            n.string(2, out);
        }
        n.string(3, opType + "_" + nodeCount++);
        n.string(4, opType);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            n.message(5, attribute((String) attributes[i], attributes[i + 1]));
        }
        nodes.add(n.toBytes());
        return this;
    }

    /** The serialized ModelProto. */
    public byte[] toBytes() {
        Proto graph = new Proto();
        for (byte[] node : nodes) {
            graph.message(1, node);
        }
        graph.string(2, graphName);
        for (byte[] init : initializers) {
            graph.message(5, init);
        }
        for (byte[] in : inputs) {
            graph.message(11, in);
        }
        for (byte[] out : outputs) {
            graph.message(12, out);
        }
        Proto model = new Proto();
        model.varint(1, IR_VERSION);
        model.string(2, "weir");
        Proto opset = new Proto();
        opset.string(1, "");
        opset.varint(2, opsetVersion);
        model.message(8, opset.toBytes());
        if (!docString.isEmpty()) {
            model.string(6, docString);
        }
        model.message(7, graph.toBytes());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            Proto entry = new Proto();
            entry.string(1, e.getKey());
            entry.string(2, e.getValue());
            model.message(14, entry.toBytes());
        }
        return model.toBytes();
    }

    private static byte[] valueInfo(String name, int elemType, Object... dims) {
        Proto shape = new Proto();
        for (Object dim : dims) {
            Proto d = new Proto();
            if (dim instanceof Number number) {
                d.varint(1, number.longValue());
            } else {
                d.string(2, String.valueOf(dim));
            }
            shape.message(1, d.toBytes());
        }
        Proto tensor = new Proto();
        tensor.varint(1, elemType);
        tensor.message(2, shape.toBytes());
        Proto type = new Proto();
        type.message(1, tensor.toBytes());
        Proto info = new Proto();
        info.string(1, name);
        info.message(2, type.toBytes());
        return info.toBytes();
    }

    private static byte[] attribute(String name, Object value) {
        Proto a = new Proto();
        a.string(1, name);
        if (value instanceof Long || value instanceof Integer) {
            a.varint(3, ((Number) value).longValue());
            a.varint(20, 2);
        } else if (value instanceof Double || value instanceof Float) {
            a.fixed32(2, Float.floatToIntBits(((Number) value).floatValue()));
            a.varint(20, 1);
        } else if (value instanceof String s) {
            a.bytes(4, s.getBytes(StandardCharsets.UTF_8));
            a.varint(20, 3);
        } else if (value instanceof long[] ints) {
            for (long v : ints) {
                a.varint(8, v);
            }
            a.varint(20, 7);
        } else if (value instanceof float[] floats) {
            for (float v : floats) {
                a.fixed32(7, Float.floatToIntBits(v));
            }
            a.varint(20, 6);
        } else {
            throw new IllegalArgumentException("attribute " + name + ": unsupported value " + value);
        }
        return a.toBytes();
    }

    /** The protobuf wire format: tags, varints, fixed32 and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            tag(field, 0);
            raw(value);
        }

        void fixed32(int field, int bits) {
            tag(field, 5);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF);
            }
        }

        void string(int field, String value) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(int field, byte[] value) {
            tag(field, 2);
            raw(value.length);
            out.write(value, 0, value.length);
        }

        void message(int field, byte[] encoded) {
            bytes(field, encoded);
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
