package dev.weir.models.train;

import dev.weir.bwe.model.HeadSpec;
import dev.weir.models.data.Dataset;
import java.util.List;

/**
 * The classification tasks a {@link Dataset} labels and how each maps to a model head: class
 * names in output order (index 1 is always the positive class: congestion loss, congestion ahead)
 * and the prefix of the dataset's baseline columns that serve the task.
 *
 * <p>Stateless and thread-safe.
 */
public final class Tasks {
    /** Every task name {@link Dataset#label} knows. */
    public static final List<String> ALL = List.of(Dataset.TASK_LOSS_TYPE, Dataset.TASK_CONGESTION,
            Dataset.TASK_CONGESTION_RULE);
    /** Index of the positive class of every task's head. */
    public static final int POSITIVE_CLASS = 1;

    private Tasks() {
    }

    /** The head of {@code task}: its name and class names in label order. */
    public static HeadSpec head(String task) {
        return switch (task) {
            case Dataset.TASK_LOSS_TYPE -> new HeadSpec(task, List.of("random", "congestion"));
            case Dataset.TASK_CONGESTION, Dataset.TASK_CONGESTION_RULE -> new HeadSpec(task, List.of("no", "yes"));
            default -> throw new IllegalArgumentException("unknown task '" + task + "'; known: " + ALL);
        };
    }

    /**
     * Prefix of the baseline columns whose verdicts answer {@code task} ({@code loss:} for loss
     * type, {@code congestion:} for congestion ahead), or null when no baseline serves it.
     */
    public static String baselinePrefix(String task) {
        return switch (task) {
            case Dataset.TASK_LOSS_TYPE -> "loss:";
            case Dataset.TASK_CONGESTION -> "congestion:";
            default -> null;
        };
    }
}
