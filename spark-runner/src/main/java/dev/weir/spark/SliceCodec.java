package dev.weir.spark;

import dev.weir.sim.runner.CallJob;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a slice of calls travels in, both ways. The engine serializes the calls itself (Java
 * serialization, whatever {@code spark.serializer} says) so that Spark moves only byte arrays:
 * <ul>
 *   <li>Calls: {@code int first, int count}, each call's description (UTF), then the calls as one
 *       Java-serialized list. One stream per slice, so calls that share a scenario or bundle object
 *       carry it once ({@link dev.weir.sim.scenario.Scenario} serializes as its source and is
 *       resolved again on the executor). The header stays readable when the calls cannot be
 *       deserialized (e.g. a trace missing on the executor), so that failure is reported against
 *       the slice's first call.</li>
 *   <li>Results: {@code int first, int count}, then per call a kind ({@link #OK}, {@link #FAILED},
 *       {@link #SKIPPED}), a length and that many bytes: the result, or a {@link CallFailure}, each
 *       serialized on its own so one that cannot be serialized fails only its own call.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class SliceCodec {
    /** The call returned a result. */
    static final byte OK = 0;
    /** The call threw: a {@link CallFailure}. */
    static final byte FAILED = 1;
    /** Not run: an earlier call of the slice failed. */
    static final byte SKIPPED = 2;
    /** Longest description kept in the header (writeUTF's limit is 65 535 bytes). */
    private static final int MAX_DESCRIPTION_CHARS = 1_000;

    private SliceCodec() {
    }

    /** The calls {@code jobs[first, first + count)} of a run. */
    static byte[] encodeCalls(List<? extends CallJob<?>> jobs, int first, int count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(first);
            out.writeInt(count);
            for (int i = first; i < first + count; i++) {
                String description = jobs.get(i).description();
                out.writeUTF(description.length() <= MAX_DESCRIPTION_CHARS ? description
                        : description.substring(0, MAX_DESCRIPTION_CHARS));
            }
            ObjectOutputStream objects = new ObjectOutputStream(out);
            objects.writeObject(new ArrayList<>(jobs.subList(first, first + count)));
            objects.flush();
        } catch (IOException e) {
            throw new IllegalArgumentException("a call cannot be sent to the cluster: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** A slice's header: where its calls start and what they are called. */
    record Header(int first, List<String> descriptions) {
    }

    /** Reads the header of a slice of calls. */
    static Header header(byte[] slice) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(slice))) {
            return readHeader(in);
        } catch (IOException e) {
            throw new UncheckedIOException("a slice of calls is corrupt", e);
        }
    }

    /**
     * The calls of a slice, resolved in this JVM (scenarios from their sources).
     *
     * @throws Exception whatever deserializing threw, e.g. a {@link dev.weir.sim.scenario.ScenarioException}
     *     for a trace missing on this machine
     */
    static List<CallJob<?>> decodeCalls(byte[] slice) throws Exception {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(slice))) {
            readHeader(in);
            @SuppressWarnings("unchecked")
            List<CallJob<?>> jobs = (List<CallJob<?>>) readObject(in);
            return jobs;
        }
    }

    private static Header readHeader(DataInputStream in) throws IOException {
        int first = in.readInt();
        int count = in.readInt();
        List<String> descriptions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            descriptions.add(in.readUTF());
        }
        return new Header(first, descriptions);
    }

    /** Builds the results of one slice, call by call. */
    static final class ResultWriter {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        ResultWriter(int first, int count) {
            try {
                out.writeInt(first);
                out.writeInt(count);
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory cannot fail", e);
            }
        }

        /** The next call's result; if it cannot be serialized, the call fails instead. */
        void ok(Serializable result, String description) {
            byte[] serialized;
            try {
                serialized = serialize(result);
            } catch (IOException e) {
                failed(description, new IllegalStateException("the result of " + description
                        + " cannot be sent back from the executor: " + e, e));
                return;
            }
            entry(OK, serialized);
        }

        /** The next call threw {@code thrown}. */
        void failed(String description, Throwable thrown) {
            byte[] serializedThrown;
            try {
                serializedThrown = serialize(thrown);
            } catch (IOException e) {
                serializedThrown = null;
            }
            try {
                entry(FAILED, serialize(new CallFailure(description, text(thrown), serializedThrown)));
            } catch (IOException e) {
                throw new UncheckedIOException("a call failure of strings and bytes is serializable", e);
            }
        }

        /** The next call did not run. */
        void skipped() {
            entry(SKIPPED, new byte[0]);
        }

        byte[] toBytes() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory cannot fail", e);
            }
            return bytes.toByteArray();
        }

        private void entry(byte kind, byte[] payload) {
            try {
                out.writeByte(kind);
                out.writeInt(payload.length);
                out.write(payload);
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory cannot fail", e);
            }
        }
    }

    /** One call's entry in a slice's results. */
    record Entry(int index, byte kind, byte[] payload) {
    }

    /** The entries of a slice's results, in call order. */
    static List<Entry> decodeResults(byte[] results) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(results))) {
            int first = in.readInt();
            int count = in.readInt();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte kind = in.readByte();
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                entries.add(new Entry(first + i, kind, payload));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("the results of a slice of calls are corrupt", e);
        }
    }

    /** Deserializes one payload in this JVM. */
    static Object deserialize(byte[] payload) throws IOException, ClassNotFoundException {
        return readObject(new ByteArrayInputStream(payload));
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** Reads one object, resolving classes with the context class loader (where Spark puts the job's jar). */
    private static Object readObject(InputStream in) throws IOException, ClassNotFoundException {
        ObjectInputStream objects = new ObjectInputStream(in) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                if (loader != null) {
                    try {
                        return Class.forName(description.getName(), false, loader);
                    } catch (ClassNotFoundException e) {
                        // fall back to the default resolution (primitives, this class's loader)
                    }
                }
                return super.resolveClass(description);
            }
        };
        return objects.readObject();
    }

    private static String text(Throwable thrown) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            thrown.printStackTrace(writer);
        }
        return text.toString();
    }
}
