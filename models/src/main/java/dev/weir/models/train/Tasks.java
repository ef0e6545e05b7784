package dev.weir.models.train;

import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.models.data.Dataset;
import java.util.List;

/**
 * The tasks a {@link Dataset} labels and how each maps to a model head: its name and class names in
 * label order.
 *
 * <p>Stateless and thread-safe.
 */
public final class Tasks {
    /** Every task a model can be trained for: every task a dataset labels. */
    public static final List<String> ALL = Dataset.TASKS;

    private Tasks() {
    }

    /** The head of {@code task}: its name and class names in label order. */
    public static HeadSpec head(String task) {
        return switch (task) {
            case Dataset.TASK_LOSS_ATTRIBUTION -> new HeadSpec(task, Dataset.LOSS_CLASSES);
            case Dataset.TASK_CONGESTION -> new HeadSpec(task, Dataset.CONGESTION_CLASSES);
            case Dataset.TASK_NETWORK_TYPE -> new HeadSpec(task, Dataset.TYPE_CLASSES);
            case Dataset.TASK_RANDOM_LOSS_RATE -> new HeadSpec(task, FecHeads.RATE_CLASSES);
            case Dataset.TASK_LOSS_BURST -> new HeadSpec(task, FecHeads.BURST_CLASSES);
            default -> throw new IllegalArgumentException("unknown task '" + task + "'; known: " + ALL);
        };
    }
}
