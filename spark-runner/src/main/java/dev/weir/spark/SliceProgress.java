package dev.weir.spark;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Listens for the slices of one run finishing: Spark calls it on its listener-bus thread, and the
 * run's calling thread takes the finished slices' partition indices from a queue to report
 * progress, then {@link #JOB_ENDED} when the run's Spark job ended. The run is recognised by its
 * job group.
 *
 * <p>Thread-safe: the listener bus writes, one calling thread reads.
 */
final class SliceProgress extends SparkListener {
    /** The job property Spark stores the job group in. */
    private static final String JOB_GROUP = "spark.jobGroup.id";

    /** Taken from {@link #poll} when the run's job ended (successfully or not). */
    static final int JOB_ENDED = -1;

    private final String group;
    private final Set<Integer> jobs = ConcurrentHashMap.newKeySet();
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();

    SliceProgress(String group) {
        this.group = group;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        Properties properties = jobStart.properties();
        if (properties != null && group.equals(properties.getProperty(JOB_GROUP))) {
            jobs.add(jobStart.jobId());
            for (Object stage : CollectionConverters.asJava(jobStart.stageIds())) {
                stages.add((Integer) stage);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (stages.contains(taskEnd.stageId()) && taskEnd.taskInfo() != null && taskEnd.taskInfo().successful()) {
            finished.add(taskEnd.taskInfo().index());
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        if (jobs.contains(jobEnd.jobId())) {
            finished.add(JOB_ENDED);
        }
    }

    /**
     * The partition index of a slice that finished, {@link #JOB_ENDED}, or null when nothing
     * happened within {@code timeoutMs}.
     */
    Integer poll(long timeoutMs) throws InterruptedException {
        return finished.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
