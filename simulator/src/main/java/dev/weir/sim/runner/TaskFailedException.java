package dev.weir.sim.runner;

/**
 * The first task of a {@link ParallelRunner} or other {@link CallEngine} run that failed; the cause
 * is what the task threw.
 *
 * <p>Immutable and thread-safe.
 */
public final class TaskFailedException extends RuntimeException {
    private final int taskIndex;
    private final String taskDescription;

    /**
     * Task {@code taskIndex} ({@code taskDescription}) threw {@code cause}; engines other than
     * {@link ParallelRunner} report their failures with it too.
     */
    public TaskFailedException(int taskIndex, String taskDescription, Throwable cause) {
        super("task " + taskIndex + " (" + taskDescription + ") failed: " + cause, cause);
        this.taskIndex = taskIndex;
        this.taskDescription = taskDescription;
    }

    /** Position of the failed task in the submitted list. */
    public int taskIndex() {
        return taskIndex;
    }

    /** The failed task's description. */
    public String taskDescription() {
        return taskDescription;
    }
}
