package dev.weir.spark;

import dev.weir.sim.runner.CallEngine;
import dev.weir.sim.runner.CallJob;
import dev.weir.sim.runner.ProgressListener;
import dev.weir.sim.runner.TaskFailedException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs calls on Apache Spark: the calls of a run are cut into contiguous slices (about
 * {@link #SLICES_PER_CORE} per core of the cluster), each slice travels as bytes
 * ({@link SliceCodec}: the calls as data, scenarios as their JSON text), an executor runs a slice's
 * calls in order ({@link RunSlice}), and the driver collects the slices in order, so the results
 * come back in call order and outputs built from them are byte-identical to the local engine's.
 * Progress counts finished slices ({@link SliceProgress}).
 *
 * <p>Engines opened in one JVM share one Spark session: the first {@link #open} starts it, the last
 * {@link #close} stops it (so tests, or several commands in one process, start Spark once). An
 * application with its own session passes it to {@link #on}; that session is never stopped here.
 *
 * <p>Thread-safe for one {@link #runCalls} at a time per engine; opening and closing are
 * thread-safe.
 */
public final class SparkEngine implements CallEngine {
    /**
     * Slices per core: more than one evens out calls of different lengths and shows progress; each
     * slice deserializes its scenarios once (an executor keeps the last ones resolved).
     */
    static final int SLICES_PER_CORE = 4;
    /**
     * How often the calling thread looks whether the Spark job ended without an end event (one
     * that failed before it started), ms.
     */
    private static final long WAIT_SLICE_MS = 200;
    /** Numbers runs in job groups, to tell their jobs apart. */
    private static final AtomicLong RUNS = new AtomicLong();
    /** Guards {@link #session} and {@link #users}. */
    private static final Object LOCK = new Object();
    /** The session engines opened by {@link #open} share, or null. */
    private static JavaSparkContext session;
    /** Open engines on {@link #session}. */
    private static int users;

    private final JavaSparkContext context;
    /** Whether this engine counts as a user of the shared {@link #session}. */
    private final boolean shared;
    private boolean closed;

    private SparkEngine(JavaSparkContext context, boolean shared) {
        this.context = context;
        this.shared = shared;
    }

    /**
     * Opens the engine on {@code master}, or on the master of the Spark configuration (what
     * {@code spark-submit --master} sets) when null.
     *
     * @throws IllegalArgumentException when the master is malformed or missing, the JVM's session
     *     runs another master, or Spark refuses to start
     */
    public static SparkEngine open(String master) {
        SparkConf conf = new SparkConf(); // with spark.* system properties: spark-submit's settings
        if (master != null) {
            SparkMasters.check(master);
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: pass --master URL (" + SparkMasters.FORMS
                    + ") or run under spark-submit --master");
        }
        conf.setIfMissing("spark.app.name", "weir");
        // The driver collects every call's result, as the local engine holds them: a dataset run
        // brings back gigabytes, more than Spark's default 1g cap on collected results.
        conf.setIfMissing("spark.driver.maxResultSize", "0");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false"); // weir draws its own progress bar
        String wanted = conf.get("spark.master");
        synchronized (LOCK) {
            if (session != null && session.sc().isStopped()) {
                session = null; // stopped behind our back (e.g. a failed executor setup): start again
                users = 0;
            }
            if (session != null) {
                if (!session.master().equals(wanted)) {
                    throw new IllegalArgumentException("this JVM's Spark session runs master " + session.master()
                            + ": cannot open another with master " + wanted);
                }
            } else {
                try {
                    session = new JavaSparkContext(conf);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("Spark did not start with master " + wanted + ": "
                            + e.getMessage(), e);
                }
            }
            users++;
            return new SparkEngine(session, true);
        }
    }

    /** An engine on an application's own session, which {@link #close} leaves running. */
    public static SparkEngine on(JavaSparkContext context) {
        return new SparkEngine(context, false);
    }

    @Override
    public String description() {
        return "Spark " + context.master() + " (" + context.defaultParallelism() + " cores)";
    }

    @Override
    public <R extends Serializable> List<R> runCalls(List<? extends CallJob<? extends R>> jobs,
            ProgressListener progress) throws InterruptedException {
        int total = jobs.size();
        if (total == 0) {
            return List.of();
        }
        int slices = Math.min(total, Math.max(1, context.defaultParallelism() * SLICES_PER_CORE));
        List<byte[]> encoded = new ArrayList<>(slices);
        int[] sizes = new int[slices];
        for (int s = 0; s < slices; s++) {
            int first = (int) ((long) total * s / slices);
            int end = (int) ((long) total * (s + 1) / slices);
            sizes[s] = end - first;
            encoded.add(SliceCodec.encodeCalls(jobs, first, sizes[s]));
        }
        String group = "weir-run-" + RUNS.incrementAndGet();
        SliceProgress listener = new SliceProgress(group);
        context.sc().addSparkListener(listener);
        List<byte[]> results;
        try {
            context.setJobGroup(group, "weir: " + total + " calls", true);
            JavaFutureAction<List<byte[]>> future = context.parallelize(encoded, slices).map(new RunSlice())
                    .collectAsync();
            results = await(future, listener, group, sizes, progress);
        } finally {
            context.clearJobGroup();
            context.sc().removeSparkListener(listener);
        }
        return decode(results, jobs);
    }

    /** Waits for the job on the calling thread, reporting progress per finished slice. */
    private List<byte[]> await(JavaFutureAction<List<byte[]>> future, SliceProgress listener, String group,
            int[] sizes, ProgressListener progress) throws InterruptedException {
        Set<Integer> reported = new HashSet<>();
        int[] done = {0};
        try {
            while (true) {
                Integer slice = listener.poll(WAIT_SLICE_MS);
                if (slice != null && slice != SliceProgress.JOB_ENDED) {
                    report(slice, sizes, reported, done, progress);
                } else if (slice != null || future.isDone()) {
                    break; // a job that failed before it started has no end event: isDone tells
                }
            }
            List<byte[]> results = future.get();
            for (int s = 0; s < sizes.length; s++) { // the listener bus may lag behind the job's end
                report(s, sizes, reported, done, progress);
            }
            return results;
        } catch (InterruptedException e) {
            context.cancelJobGroup(group);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Spark job failed (not a call: calls report their own failures): "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void report(int slice, int[] sizes, Set<Integer> reported, int[] done, ProgressListener progress) {
        if (reported.add(slice)) { // a speculative or retried slice finishes twice
            int total = Arrays.stream(sizes).sum();
            for (int i = 0; i < sizes[slice]; i++) {
                progress.onProgress(++done[0], total);
            }
        }
    }

    /** The results in call order, or the first failed call (by order) as a {@link TaskFailedException}. */
    private static <R> List<R> decode(List<byte[]> slices, List<? extends CallJob<? extends R>> jobs) {
        List<R> ordered = new ArrayList<>(jobs.size());
        for (byte[] slice : slices) {
            for (SliceCodec.Entry entry : SliceCodec.decodeResults(slice)) {
                if (entry.kind() == SliceCodec.FAILED) {
                    CallFailure failure = (CallFailure) read(entry.payload(), entry.index(), jobs);
                    throw new TaskFailedException(entry.index(), failure.description(), cause(failure));
                }
                if (entry.kind() != SliceCodec.OK) {
                    throw new IllegalStateException("call " + entry.index() + " (" + jobs.get(entry.index()).description()
                            + ") was skipped without an earlier failure in its slice");
                }
                @SuppressWarnings("unchecked")
                R result = (R) read(entry.payload(), entry.index(), jobs);
                ordered.add(result);
            }
        }
        if (ordered.size() != jobs.size()) {
            throw new IllegalStateException("Spark returned " + ordered.size() + " results for " + jobs.size() + " calls");
        }
        return ordered;
    }

    private static Object read(byte[] payload, int index, List<? extends CallJob<?>> jobs) {
        try {
            return SliceCodec.deserialize(payload);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("the result of call " + index + " (" + jobs.get(index).description()
                    + ") cannot be read on the driver: " + e, e);
        }
    }

    /** The exception the call threw, as it was when it could travel, else its text. */
    private static Throwable cause(CallFailure failure) {
        if (failure.thrown() != null) {
            try {
                return (Throwable) SliceCodec.deserialize(failure.thrown());
            } catch (IOException | ClassNotFoundException | ClassCastException e) {
                // the driver lacks its class: the text says what it was
            }
        }
        return new RemoteCallException(failure.text());
    }

    /** Stops the shared Spark session when this was its last open engine; closing twice is harmless. */
    @Override
    public void close() {
        if (!shared) {
            return;
        }
        synchronized (LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            if (--users == 0 && session != null) {
                session.stop();
                session = null;
            }
        }
    }
}
