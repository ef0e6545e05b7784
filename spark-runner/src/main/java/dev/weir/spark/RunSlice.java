package dev.weir.spark;

import dev.weir.sim.runner.CallJob;
import java.util.List;
import org.apache.spark.api.java.function.Function;

/**
 * What an executor does with one slice of calls: deserializes them (scenarios resolve from their
 * sources here), runs them in order and serializes each result. A call that throws is a result, not
 * a Spark task failure: bad input fails the same way on every retry, so the failure goes back to
 * the driver at once with the exception, and the slice's later calls are skipped. Spark retries a
 * slice only when its executor is lost.
 *
 * <p>Stateless and thread-safe; Spark serializes it to the executors.
 */
final class RunSlice implements Function<byte[], byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] call(byte[] slice) {
        SliceCodec.Header header = SliceCodec.header(slice);
        int count = header.descriptions().size();
        SliceCodec.ResultWriter results = new SliceCodec.ResultWriter(header.first(), count);
        List<CallJob<?>> jobs;
        try {
            jobs = SliceCodec.decodeCalls(slice);
        } catch (Throwable e) { // e.g. a ScenarioException: a trace missing on this executor
            results.failed(header.descriptions().get(0), e);
            for (int i = 1; i < count; i++) {
                results.skipped();
            }
            return results.toBytes();
        }
        boolean failed = false;
        for (CallJob<?> job : jobs) {
            if (failed) {
                results.skipped();
                continue;
            }
            try {
                results.ok(job.run(), job.description());
            } catch (Throwable e) {
                results.failed(job.description(), e);
                failed = true;
            }
        }
        return results.toBytes();
    }
}
