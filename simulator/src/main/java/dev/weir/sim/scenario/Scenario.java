package dev.weir.sim.scenario;

import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.net.LossSpec;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * One simulated call's network and media setup, fully resolved: traces read, paths resolved,
 * every value validated. Immutable and thread-safe, so parallel calls share one instance.
 *
 * <p>Serializable as its {@link ScenarioSource} only, never as an object graph: a scenario sent to
 * another JVM (an executor of a cluster engine) is resolved there again from its JSON text, its
 * traces read from the same paths ({@link ScenarioSource#resolve}, cached per JVM). A scenario built
 * in code has no source and cannot leave its JVM ({@link NotSerializableException}).
 *
 * @param name scenario name (reports, file names)
 * @param family network type the scenario stands for (e.g. {@code wired}, {@code random-loss},
 *     {@code congested}, {@code cellular-low}); results are grouped by it
 * @param durationUs simulated call length
 * @param link the forward path
 * @param returnDelayUs one-way delay of the feedback path
 * @param returnLossRate probability that one feedback report is lost
 * @param feedbackIntervalUs how often the receiver sends transport-wide feedback (default 100 ms)
 * @param media what the sender sends
 * @param crossTraffic competing traffic in the bottleneck queue
 * @param sourceSha256 lowercase hex SHA-256 of the scenario file's text, identifying it in outputs;
 *     empty for a scenario built in code
 * @param source the text and paths it was read from, or null for a scenario built in code
 */
public record Scenario(
        String name,
        String family,
        long durationUs,
        Link link,
        long returnDelayUs,
        double returnLossRate,
        long feedbackIntervalUs,
        Media media,
        CrossTraffic crossTraffic,
        String sourceSha256,
        ScenarioSource source) implements Serializable {

    /** A scenario built in code (no source file to digest). */
    public Scenario(String name, String family, long durationUs, Link link, long returnDelayUs, double returnLossRate,
            long feedbackIntervalUs, Media media, CrossTraffic crossTraffic) {
        this(name, family, durationUs, link, returnDelayUs, returnLossRate, feedbackIntervalUs, media, crossTraffic,
                "");
    }

    /** A scenario with a digest but no source it could be resolved from again. */
    public Scenario(String name, String family, long durationUs, Link link, long returnDelayUs, double returnLossRate,
            long feedbackIntervalUs, Media media, CrossTraffic crossTraffic, String sourceSha256) {
        this(name, family, durationUs, link, returnDelayUs, returnLossRate, feedbackIntervalUs, media, crossTraffic,
                sourceSha256, null);
    }

    /**
     * This scenario cut to at most {@code capUs} (e.g. dataset calls of a fixed length). The result
     * is no longer the file's scenario, so it has no digest; its source records the cap, so it
     * resolves to the same call elsewhere.
     */
    public Scenario withDurationCapUs(long capUs) {
        if (capUs <= 0) {
            throw new IllegalArgumentException("a duration cap must be positive, got " + capUs + " us");
        }
        return new Scenario(name, family, Math.min(durationUs, capUs), link, returnDelayUs, returnLossRate,
                feedbackIntervalUs, media, crossTraffic, "", source == null ? null : source.withDurationCapUs(capUs));
    }

    /** Serialization sends the source, never the resolved object graph (traces, schedules). */
    private Object writeReplace() throws ObjectStreamException {
        if (source == null) {
            throw new NotSerializableException("scenario '" + name + "' was built in code, not read from JSON text:"
                    + " only scenarios with a source can run in another JVM");
        }
        return new SerializedScenario(source);
    }

    /**
     * This scenario with the audio stream switched on or off (same name, family and digest): a
     * harness option applied to every estimator alike, e.g. because the MMSys'24 peer models were
     * trained on calls that always carried audio.
     */
    public Scenario withAudio(boolean audio) {
        if (media.audio() == audio) {
            return this;
        }
        Media changed = new Media(media.startBps(), media.minBps(), media.maxBps(), audio, media.fps(),
                media.keyFrameIntervalS());
        return new Scenario(name, family, durationUs, link, returnDelayUs, returnLossRate, feedbackIntervalUs, changed,
                crossTraffic, sourceSha256);
    }

    /**
     * The forward path: a drop-tail bottleneck queue in front of a link whose capacity follows a
     * schedule, then propagation delay with jitter and a loss process.
     *
     * @param capacity bottleneck capacity over time
     * @param oneWayDelayUs propagation delay
     * @param jitterUs standard deviation of extra per-packet delay (no reordering: a packet never
     *     overtakes the one before it)
     * @param queueLimitUs queue size as drain time at the current capacity (0 = no time limit)
     * @param queueLimitBytes queue size in bytes (0 = no byte limit); at least one limit is set
     * @param loss random or bursty loss applied after the queue
     */
    public record Link(
            CapacitySchedule capacity,
            long oneWayDelayUs,
            long jitterUs,
            long queueLimitUs,
            long queueLimitBytes,
            LossSpec loss) {
    }

    /**
     * The sender's media.
     *
     * @param startBps initial target bitrate handed to the estimator
     * @param minBps lowest bitrate the estimator may set
     * @param maxBps highest bitrate the estimator may set (and the encoder's ceiling)
     * @param audio whether a 32 kbps Opus-like audio stream (20 ms frames) runs beside the video
     * @param fps video frame rate
     * @param keyFrameIntervalS seconds between key frames
     */
    public record Media(long startBps, long minBps, long maxBps, boolean audio, int fps, double keyFrameIntervalS) {
    }

    /**
     * Competing traffic sharing the bottleneck queue (not congestion-controlled).
     *
     * @param type {@code none}, {@code constant} or {@code onoff}
     * @param rateBps sending rate while on
     * @param onUs on period for {@code onoff}
     * @param offUs off period for {@code onoff}
     */
    public record CrossTraffic(String type, long rateBps, long onUs, long offUs) {
        public static final CrossTraffic NONE = new CrossTraffic("none", 0, 0, 0);
    }
}
